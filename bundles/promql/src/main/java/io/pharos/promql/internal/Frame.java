package io.pharos.promql.internal;

/**
 * The evaluation times of a node: {@code start, start + interval, ...} up to {@code end}. An
 * instant query is a frame of one step (with interval 1, as in Prometheus).
 */
record Frame(long start, long end, long interval) {
    int steps() {
        return end < start ? 0 : (int) ((end - start) / interval) + 1;
    }

    long time(int step) {
        return start + step * interval;
    }
}
