package io.pharos.spi.model;

/**
 * A cursor over the series a selection matched, in label order when the caller asked for sorted
 * results. Closing it releases whatever the backend holds for it (e.g. a read transaction).
 * Not thread-safe.
 */
public interface SeriesSet extends AutoCloseable {
    /** Advances to the next series; false when there is none. */
    boolean next();

    /** The current series; valid until the next call of {@link #next()}. */
    Series at();

    @Override
    void close();

    /** A series set over a list, e.g. for a backend that collects its matches first. */
    static SeriesSet of(java.util.List<? extends Series> series) {
        return new SeriesSet() {
            private int i = -1;

            @Override
            public boolean next() {
                return ++i < series.size();
            }

            @Override
            public Series at() {
                return series.get(i);
            }

            @Override
            public void close() {
            }
        };
    }

    SeriesSet EMPTY = new SeriesSet() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public Series at() {
            throw new IllegalStateException("empty series set");
        }

        @Override
        public void close() {
        }
    };
}
