package io.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.spi.model.SampleType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Appending into a buffer that is already big enough, and iterating, allocate nothing, measured
 * with the JVM's per-thread allocation counter (exact in the interpreter, where nothing is
 * optimised away).
 */
class AllocationTest {
    @Test
    void appendAndIterateDoNotAllocate() {
        ThreadMXBean std = ManagementFactory.getThreadMXBean();
        assumeTrue(std instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) std;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        long tid = Thread.currentThread().getId();

        Series big = Series.quietPacketCounter(new Random(8), 500, 1_700_000_000_000L, 50);
        XorChunk c = new XorChunk(64 * 1024);
        XorIterator it = new XorIterator();
        long sink = 0;
        for (int round = 0; round < 3; round++) { // warm the counter and class loading
            sink += run(new XorChunk(64 * 1024), it, big);
            mx.getThreadAllocatedBytes(tid);
        }

        long before = mx.getThreadAllocatedBytes(tid);
        sink += run(c, it, big);
        long after = mx.getThreadAllocatedBytes(tid);
        assertEquals(0, after - before, "bytes allocated appending and iterating " + big.size + " samples");
        assertEquals(false, sink == 42); // keep the work observable
    }

    private static long run(XorChunk c, XorIterator it, Series s) {
        for (int i = 0; i < s.size; i++) {
            c.append(s.ts[i], Double.longBitsToDouble(s.bits[i]));
        }
        long sum = 0;
        it.reset(c);
        while (it.next() == SampleType.FLOAT) {
            sum += it.timestamp() ^ it.valueBits();
        }
        it.reset(c);
        it.seek(s.ts[s.size / 2]);
        return sum + it.timestamp();
    }
}
