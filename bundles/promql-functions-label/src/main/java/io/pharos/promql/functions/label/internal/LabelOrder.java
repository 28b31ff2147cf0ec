package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.InstantVector;

/** The order of {@code sort_by_label} (or its reverse) on the call's label arguments. */
final class LabelOrder implements Sorting.Order {
    private final String[] names;
    private final boolean descending;

    private LabelOrder(String[] names, boolean descending) {
        this.names = names;
        this.descending = descending;
    }

    static LabelOrder of(FunctionCall call, boolean descending) {
        String[] names = new String[call.argCount() - 1];
        for (int i = 0; i < names.length; i++) {
            names[i] = call.string(i + 1);
        }
        return new LabelOrder(names, descending);
    }

    @Override
    public int compare(InstantVector v, int a, int b) {
        int c = NaturalOrder.compare(v.labels(a), v.labels(b), names);
        return descending ? -c : c;
    }
}
