package io.pharos.rules.internal;

import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.Sample;
import io.pharos.spi.model.Labels;
import java.util.List;

/** Runs a rule's expression at one time: Prometheus' {@code EngineQueryFunc}. */
@FunctionalInterface
interface QueryFunc {
    /**
     * @return the vector the expression yields; a scalar becomes one sample without labels
     * @throws RuntimeException when the query fails or yields another type
     */
    List<Sample> query(String expr, long timeMs);

    static QueryFunc of(QueryEngine engine) {
        return (expr, t) -> {
            QueryResult r = engine.instantQuery(expr, t);
            if (r instanceof QueryResult.VectorResult v) {
                return v.samples();
            }
            if (r instanceof QueryResult.ScalarResult s) {
                return List.of(new Sample(Labels.EMPTY, s.t(), s.v()));
            }
            throw new IllegalStateException("rule result is not a vector or scalar");
        };
    }
}
