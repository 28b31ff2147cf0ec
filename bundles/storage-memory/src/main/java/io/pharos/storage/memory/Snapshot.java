package io.pharos.storage.memory;

import io.pharos.spi.model.Labels;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * The in-memory store written to one file on a clean stop and read back on start, so that a
 * restart keeps the data. Not a write-ahead log: a crash loses what was in memory.
 *
 * <pre>
 * int    magic "PHM1"
 * int    series count
 * per series:
 *   int  label count, then name and value of each (modified UTF-8)
 *   int  sample count, then per sample: long timestamp (ms), long raw value bits
 * </pre>
 */
final class Snapshot {
    private static final int MAGIC = 0x50484D31;

    /** Receives what a snapshot holds. */
    interface Sink {
        void sample(Labels labels, long t, double v);
    }

    private Snapshot() {
    }

    /** Writes atomically: a crash while writing leaves the previous snapshot in place. */
    static void write(Path file, Collection<MemSeries> series) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(series.size());
            for (MemSeries s : series) {
                out.writeInt(s.labels.size());
                for (int i = 0; i < s.labels.size(); i++) {
                    out.writeUTF(s.labels.name(i));
                    out.writeUTF(s.labels.value(i));
                }
                s.writeSamples(out);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a snapshot; returns the number of samples read. */
    static long read(Path file, Sink sink) throws IOException {
        long samples = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a Pharos in-memory snapshot");
            }
            int seriesCount = in.readInt();
            Labels.Builder b = new Labels.Builder();
            for (int s = 0; s < seriesCount; s++) {
                b.reset();
                int labels = in.readInt();
                for (int i = 0; i < labels; i++) {
                    b.set(in.readUTF(), in.readUTF());
                }
                Labels l = b.build();
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    sink.sample(l, in.readLong(), Double.longBitsToDouble(in.readLong()));
                    samples++;
                }
            }
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
        return samples;
    }
}
