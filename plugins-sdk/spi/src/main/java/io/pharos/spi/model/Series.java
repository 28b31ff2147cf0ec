package io.pharos.spi.model;

/** One stored series: its labels and a way to iterate its samples. */
public interface Series {
    Labels labels();

    /**
     * A fresh iterator over this series' samples within the bounds of the query that produced it.
     * Each call starts from the beginning.
     */
    SampleIterator iterator();
}
