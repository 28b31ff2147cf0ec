package io.pharos.spi.promql;

import io.pharos.spi.model.LabelMatcher;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The evaluated arguments of one call at one step, and the step's context. */
@ProviderType
public interface FunctionCall {
    /** The evaluation timestamp of this step, ms since the epoch. */
    long time();

    int argCount();

    ValueType argType(int i);

    double scalar(int i);

    String string(int i);

    InstantVector vector(int i);

    RangeVector matrix(int i);

    /**
     * The label matchers of argument {@code i} when it is a plain selector (instant or range),
     * else an empty list. {@code absent} and {@code absent_over_time} build their labels from it.
     */
    List<LabelMatcher> selectorMatchers(int i);

    /**
     * A value derived from constant arguments, computed once per query and call site instead of
     * once per step (e.g. a compiled regular expression of {@code label_replace}). The key must
     * identify the derivation, e.g. the regex string.
     */
    <T> T memo(Object key, java.util.function.Supplier<T> compute);

    /** Adds a warning annotation to the query result, positioned at the whole call. */
    void warn(String message);

    /** Adds an info annotation to the query result, positioned at the whole call. */
    void info(String message);

    /**
     * Adds a warning positioned at argument {@code arg}'s expression, as Prometheus positions most
     * of its annotations ({@code ... (1:6)}).
     */
    default void warn(int arg, String message) {
        warn(message);
    }

    /** Adds an info annotation positioned at argument {@code arg}'s expression. */
    default void info(int arg, String message) {
        info(message);
    }
}
