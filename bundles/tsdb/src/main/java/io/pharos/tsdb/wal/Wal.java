package io.pharos.tsdb.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Appends records to numbered segment files in one directory ({@code 00000001}, {@code 00000002},
 * ...). Each record is framed as {@code [u32 length][u32 CRC32C of the payload][payload]}, big
 * endian, and never spans two segments.
 *
 * <p>{@link #log} hands the record to the operating system with one write call before it
 * returns, so a logged record survives the death of the process (kill -9); surviving a power
 * loss as well needs {@link #sync}, which the caller schedules as it sees fit.
 *
 * <p>A new {@code Wal} always starts a fresh segment after the last one present: replay the
 * existing ones with {@link WalReplay} first. Thread-safe; calls are serialised.
 */
public final class Wal implements AutoCloseable {
    static final int HEADER_BYTES = 8;
    /** Largest record accepted; a bigger length in a header means corruption. */
    public static final int MAX_RECORD_BYTES = 256 << 20;

    private final Path dir;
    private final long segmentBytes;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private final CRC32C crc = new CRC32C();
    private FileChannel out;
    private int segment;
    private long written;
    private boolean closed;

    private Wal(Path dir, long segmentBytes, int firstSegment) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        open(firstSegment);
    }

    /**
     * Opens the log in {@code dir} (created if missing) with a new segment after the existing
     * ones; a segment is rolled once it holds {@code segmentBytes}.
     */
    public static Wal open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        List<Integer> existing = segments(dir);
        int next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
        return new Wal(dir, Math.max(segmentBytes, 1 << 16), next);
    }

    /** The segment numbers present in {@code dir}, ascending; names that are not numbers are ignored. */
    public static List<Integer> segments(Path dir) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.length() == 8 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    out.add(Integer.parseInt(name));
                }
            }
        }
        out.sort(null);
        return out;
    }

    static Path segmentPath(Path dir, int segment) {
        return dir.resolve(String.format("%08d", segment));
    }

    private void open(int seg) throws IOException {
        out = FileChannel.open(segmentPath(dir, seg), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segment = seg;
        written = 0;
    }

    /** Logs one record: {@code len} bytes of {@code b} from {@code off}. */
    public synchronized void log(byte[] b, int off, int len) throws IOException {
        log(ByteBuffer.wrap(b, off, len));
    }

    /** Logs the remaining bytes of {@code payload} as one record, consuming them. */
    public synchronized void log(ByteBuffer payload) throws IOException {
        if (closed) {
            throw new IOException("write-ahead log in " + dir + " is closed");
        }
        int len = payload.remaining();
        if (len > MAX_RECORD_BYTES) {
            throw new IOException("record of " + len + " bytes exceeds the write-ahead log's limit of "
                    + MAX_RECORD_BYTES);
        }
        if (written > 0 && written + HEADER_BYTES + len > segmentBytes) {
            rollLocked();
        }
        crc.reset();
        crc.update(payload.duplicate());
        header.clear();
        header.putInt(len).putInt((int) crc.getValue()).flip();
        pair[0] = header;
        pair[1] = payload;
        long start = written;
        try {
            long total = HEADER_BYTES + (long) len;
            long done = 0;
            while (done < total) {
                done += out.write(pair);
            }
            written += total;
        } catch (IOException e) {
            // Cut a partly written record so that later records stay readable.
            try {
                out.truncate(start);
                out.position(start);
            } catch (IOException ignored) {
                // replay stops at the torn record anyway
            }
            throw new IOException("cannot write to the write-ahead log segment "
                    + segmentPath(dir, segment) + ": " + e.getMessage(), e);
        } finally {
            pair[1] = null;
        }
    }

    /** Closes the current segment and starts the next; returns the new segment's number. */
    public synchronized int roll() throws IOException {
        rollLocked();
        return segment;
    }

    private void rollLocked() throws IOException {
        out.force(false);
        out.close();
        open(segment + 1);
    }

    /** The number of the segment being written. */
    public synchronized int currentSegment() {
        return segment;
    }

    /** Flushes the current segment to the device. */
    public synchronized void sync() throws IOException {
        if (!closed) {
            out.force(false);
        }
    }

    /** Deletes the segments numbered below {@code segment}; returns how many. */
    public int deleteBefore(int segment) throws IOException {
        int n = 0;
        for (int s : segments(dir)) {
            if (s < segment) {
                Files.deleteIfExists(segmentPath(dir, s));
                n++;
            }
        }
        return n;
    }

    /** Bytes in all segments. */
    public long sizeBytes() {
        try {
            long total = 0;
            for (int s : segments(dir)) {
                total += Files.size(segmentPath(dir, s));
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                out.force(false);
            } finally {
                out.close();
            }
        }
    }
}
