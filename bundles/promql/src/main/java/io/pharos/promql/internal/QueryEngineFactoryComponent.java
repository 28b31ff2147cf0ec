package io.pharos.promql.internal;

import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryEngineFactory;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.storage.Storage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@link QueryEngineFactory} with the function services registered when an engine is made. */
@Component(service = QueryEngineFactory.class)
public final class QueryEngineFactoryComponent implements QueryEngineFactory {
    private final List<PromQLFunction> functions = new CopyOnWriteArrayList<>();

    public QueryEngineFactoryComponent() {
    }

    /** Outside OSGi: a factory whose engines get {@code fns}. */
    public QueryEngineFactoryComponent(List<? extends PromQLFunction> fns) {
        functions.addAll(fns);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFunction(PromQLFunction f) {
        functions.add(f);
    }

    void removeFunction(PromQLFunction f) {
        functions.remove(f);
    }

    @Override
    public QueryEngine create(Storage storage, long subqueryStepMs) {
        EngineSettings settings = EngineSettings.DEFAULTS.withSubqueryStep(subqueryStepMs);
        return new QueryEngineComponent(storage, settings, List.copyOf(functions));
    }
}
