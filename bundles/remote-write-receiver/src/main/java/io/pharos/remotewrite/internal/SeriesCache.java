package io.pharos.remotewrite.internal;

import io.pharos.spi.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The label sets of series seen in earlier requests, keyed by their label bytes as they came off
 * the wire. A sender sends the same series every few seconds, so after the first request a series
 * costs a hash and a byte compare instead of Strings and a {@link Labels} per sample. Shared by
 * all requests; bounded: emptied when full (the next requests fill it again).
 */
final class SeriesCache {
    /** A known series: its labels and the storage reference of its last append (0: none yet). */
    static final class Entry {
        final Labels labels;
        volatile long ref;

        Entry(Labels labels) {
            this.labels = labels;
        }
    }

    /**
     * A key over a byte range. Stored keys own a copy; a decoder probes with one re-pointed at its
     * scratch buffer, so a lookup allocates nothing. The map compares with the probe's equals.
     */
    static final class Key {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private byte[] buf;
        private int off;
        private int len;
        private int hash;

        Key set(byte[] buf, int off, int len) {
            this.buf = buf;
            this.off = off;
            this.len = len;
            // Eight bytes a step: label sets are ~100 bytes, hashed once per series per request.
            long h = len;
            int i = off;
            for (int end = off + len - 7; i < end; i += 8) {
                h = (h ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            for (int end = off + len; i < end; i++) {
                h = (h ^ buf[i]) * 0x9E3779B97F4A7C15L;
            }
            h ^= h >>> 32;
            this.hash = (int) h;
            return this;
        }

        private Key copy() {
            Key k = new Key();
            k.buf = Arrays.copyOfRange(buf, off, off + len);
            k.len = len;
            k.hash = hash;
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash
                    && Arrays.equals(buf, off, off + len, k.buf, k.off, k.off + k.len);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
    private final int maxSize;

    SeriesCache(int maxSize) {
        this.maxSize = Math.max(1, maxSize);
    }

    Entry get(Key probe) {
        return map.get(probe);
    }

    /** Adds the series under a copy of the probe's bytes; the entry that is in the cache afterwards. */
    Entry put(Key probe, Labels labels) {
        if (map.size() >= maxSize) {
            map.clear();
        }
        Entry fresh = new Entry(labels);
        Entry present = map.putIfAbsent(probe.copy(), fresh);
        return present != null ? present : fresh;
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }
}
