package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.tsdb.chunk.XorIterator;
import java.util.List;

/**
 * Merges chunks whose time ranges overlap (out-of-order samples, or a chunk read both from the
 * head and from LMDB) into one sorted run. Decodes into primitive arrays, one set per series:
 * the rare path, so simplicity wins over streaming. Of samples with equal timestamps the one in
 * the earlier chunk of the list wins.
 */
final class ChunkMerge {
    private ChunkMerge() {
    }

    static SampleIterator merge(List<Chunk> chunks, long mint, long maxt) {
        int k = chunks.size();
        int total = 0;
        for (Chunk c : chunks) {
            total += ((c.bytes()[0] & 0xff) << 8) | (c.bytes()[1] & 0xff); // the sample count header
        }
        // Each chunk is sorted already: decode them into runs, then merge the runs.
        long[] ts = new long[total];
        long[] bits = new long[total];
        int[] pos = new int[k];
        int[] end = new int[k];
        int n = 0;
        XorIterator it = new XorIterator();
        for (int r = 0; r < k; r++) {
            Chunk c = chunks.get(r);
            pos[r] = n;
            it.reset(c.bytes(), 0, c.bytes().length);
            while (it.next() == SampleType.FLOAT) {
                long t = it.timestamp();
                if (t >= mint && t <= maxt) {
                    ts[n] = t;
                    bits[n] = it.valueBits();
                    n++;
                }
            }
            end[r] = n;
        }
        long[] outT = new long[n];
        double[] outV = new double[n];
        int m = 0;
        while (true) {
            int best = -1;
            for (int r = 0; r < k; r++) {
                if (pos[r] < end[r] && (best < 0 || ts[pos[r]] < ts[pos[best]])) {
                    best = r; // strict <: of equal timestamps the earlier run wins
                }
            }
            if (best < 0) {
                break;
            }
            int i = pos[best]++;
            if (m == 0 || outT[m - 1] != ts[i]) {
                outT[m] = ts[i];
                outV[m] = Double.longBitsToDouble(bits[i]);
                m++;
            }
        }
        return SampleIterator.over(outT, outV, 0, m);
    }
}
