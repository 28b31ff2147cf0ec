package io.pharos.template;

import java.util.List;

/** Runs an instant PromQL query for the {@code query} template function. */
@FunctionalInterface
public interface QueryFunction {
    /**
     * @param expr the PromQL expression
     * @param timestampMillis the evaluation time
     * @return the vector (a scalar as one sample without labels)
     * @throws Exception whose message becomes the template error
     */
    List<QuerySample> query(String expr, long timestampMillis) throws Exception;
}
