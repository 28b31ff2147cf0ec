package io.pharos.exposition;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;

/**
 * A pull parser over one exposition body, whatever its format: the scrape loop picks {@link
 * TextParser} or {@link OpenMetricsParser} by the response's Content-Type and then reads both
 * through this one interface.
 *
 * <p>Call {@link #next()} until it returns {@link Entry#EOF}; after each entry, read it with the
 * accessors of its kind (an accessor of another kind throws {@link IllegalStateException}).
 * {@code next()} checks a whole line, so a malformed line fails there and never in an accessor.
 * A series line is parsed into offsets and primitives only; strings are made on request, which a
 * caller keyed on {@link #seriesOffset()} and {@link #seriesLength()} does only for series it has
 * not seen before. Implementations are not thread-safe; reuse one through {@link #reset}.
 */
public interface ExpositionParser {

    /** The kind of line {@link #next()} found. */
    enum Entry { HELP, TYPE, UNIT, COMMENT, SERIES, EOF }

    /** Points this parser at new input, forgetting the old. */
    void reset(byte[] buf, int offset, int length);

    /** Moves to the next entry. */
    Entry next() throws ExpositionException;

    /** The 1-based line of the current entry. */
    int line();

    /** The metric family of a HELP, TYPE or UNIT line (unquoted and unescaped). */
    String familyName();

    /** The text of a HELP line, unescaped; may be empty. */
    String help();

    /** Where the family name of a HELP, TYPE or UNIT line starts in the buffer, as written (no allocation). */
    int familyNameOffset();

    /** The length in bytes of the family name of a HELP, TYPE or UNIT line, as written. */
    int familyNameLength();

    /** Where the raw (still escaped) text of a HELP line starts in the buffer. */
    int helpOffset();

    /** The length in bytes of the raw text of a HELP line. */
    int helpLength();

    /** Where the unit of a UNIT line starts in the buffer. */
    int unitOffset();

    /** The length in bytes of the unit of a UNIT line; 0 when empty. */
    int unitLength();

    /** The type of a TYPE line; {@code untyped} is {@link MetricType#UNKNOWN}. */
    MetricType type();

    /** The unit of a UNIT line; may be empty. */
    String unit();

    /** The text of a comment line. */
    String comment();

    /** Where the series ({@code name{labels}} or {@code {"name",labels}}) starts in the buffer. */
    int seriesOffset();

    /** The length of the series exactly as in the input, a key for a series cache. */
    int seriesLength();

    /** The metric name of the current series (allocates). */
    String metricName();

    /** The number of labels in braces, the metric name not counted. */
    int labelCount();

    /**
     * Resets {@code into} and puts the series' labels in it: {@code __name__} and each label in
     * braces, names and values unescaped. As everywhere in Pharos, a label with an empty value is
     * absent.
     */
    void labels(Labels.Builder into);

    /**
     * Whether the series names label {@code name} in braces, even with an empty value (which
     * {@link #labels} leaves out): with honor_labels, {@code instance=""} from a Pushgateway
     * removes the target's {@code instance}, as in Prometheus. Off the hot path: call it for new
     * series only.
     */
    boolean hasLabel(String name);

    /** The sample value. */
    double value();

    /** Whether the series line carries its own timestamp. */
    boolean hasTimestamp();

    /** The timestamp in milliseconds since the epoch; meaningful if {@link #hasTimestamp()}. */
    long timestamp();
}
