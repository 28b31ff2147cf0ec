package io.pharos.storage.lmdb.internal;

/** A closed, immutable chunk of one series: XOR-encoded bytes and the time range they cover. */
record Chunk(long minT, long maxT, byte[] bytes) {
    boolean overlaps(long mint, long maxt) {
        return maxT >= mint && minT <= maxt;
    }
}
