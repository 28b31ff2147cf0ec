package io.pharos.promql.internal;

/** A span of the query text: character indexes, start inclusive, end exclusive. */
record PositionRange(int start, int end) {
}
