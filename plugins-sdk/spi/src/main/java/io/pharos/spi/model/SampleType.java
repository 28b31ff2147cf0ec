package io.pharos.spi.model;

/**
 * What a {@link SampleIterator} stands on. Histogram kinds are reserved for native histograms,
 * which later versions of the SPI add accessors for.
 */
public enum SampleType {
    /** The iterator is exhausted. */
    NONE,
    FLOAT,
    HISTOGRAM,
    FLOAT_HISTOGRAM
}
