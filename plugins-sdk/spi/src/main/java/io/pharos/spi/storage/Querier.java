package io.pharos.spi.storage;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.SeriesSet;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads series in the time range it was opened for. Used by one thread; close it when done.
 * Matcher semantics are Prometheus': an absent label matches as the empty string, so
 * {@code foo=""} selects series without {@code foo}.
 */
@ConsumerType
public interface Querier extends AutoCloseable {
    /**
     * The series matching all {@code matchers}, each with the samples in the querier's range.
     *
     * @param sorted whether the caller needs series in label order
     * @param hints what the query will do with the data; backends may use it to read less
     */
    SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers);

    /** Sorted distinct label names of the series matching {@code matchers} (all series if empty). */
    List<String> labelNames(List<LabelMatcher> matchers);

    /** Sorted distinct values of label {@code name} on the series matching {@code matchers}. */
    List<String> labelValues(String name, List<LabelMatcher> matchers);

    @Override
    void close();
}
