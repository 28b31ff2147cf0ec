package io.pharos.scrape.internal;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A hash map keyed by byte ranges, so that the scrape loop can look up the series of an
 * exposition line by its raw bytes without creating a String per sample. Keys are copied on
 * {@link #put} only, i.e. once per new series. Open addressing with linear probing; not
 * thread-safe.
 */
final class ByteKeyMap<V> {
    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private Object[] values = new Object[64];
    private int size;

    static int hash(byte[] buf, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off; i < off + len; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(byte[] buf, int off, int len, int hash) {
        int mask = keys.length - 1;
        for (int i = hash & mask; keys[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && Arrays.equals(keys[i], 0, keys[i].length, buf, off, off + len)) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Adds a key that is not in the map yet. */
    void put(byte[] buf, int off, int len, int hash, V value) {
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        insert(Arrays.copyOfRange(buf, off, off + len), hash, value);
        size++;
    }

    private void insert(byte[] key, int hash, Object value) {
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
    }

    private void resize(int capacity) {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        keys = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept((V) values[i]);
            }
        }
    }

    /**
     * Removes the entries whose value matches; the table is rebuilt when anything went, also when
     * the predicate throws part way.
     */
    @SuppressWarnings("unchecked")
    void removeIf(Predicate<V> drop) {
        int removed = 0;
        try {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null && drop.test((V) values[i])) {
                    keys[i] = null;
                    values[i] = null;
                    removed++;
                }
            }
        } finally {
            if (removed > 0) {
                size -= removed;
                // Linear probing cannot leave holes in a probe chain: reinsert everything.
                resize(keys.length);
            }
        }
    }

    void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
    }
}
