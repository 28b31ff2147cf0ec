package io.pharos.tsdb.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the records of a {@link Wal} directory in order. Reading stops at the first record that
 * is cut short or fails its checksum (a crash in the middle of a write, or corruption): that
 * segment is truncated there and later segments deleted, as nothing after a lost record can be
 * trusted to make sense (a sample may refer to a series defined in the lost part).
 */
public final class WalReplay {
    /** Receives one record's payload; the buffer is valid only during the call. */
    @FunctionalInterface
    public interface RecordVisitor {
        void record(ByteBuffer payload) throws IOException;
    }

    /**
     * What a replay read.
     *
     * @param segments segments read
     * @param records records handed to the visitor
     * @param bytes bytes read
     * @param damage empty, or where reading stopped and what was cut
     */
    public record Result(int segments, long records, long bytes, String damage) {
    }

    private WalReplay() {
    }

    /** Told before each segment is read, for progress reports. */
    @FunctionalInterface
    public interface Progress {
        void segment(int segment, int index, int count);
    }

    /** Replays every segment numbered {@code fromSegment} or higher. */
    public static Result replay(Path dir, int fromSegment, RecordVisitor visitor) throws IOException {
        return replay(dir, fromSegment, visitor, (s, i, n) -> { });
    }

    /** Replays every segment numbered {@code fromSegment} or higher, telling {@code progress} of each. */
    public static Result replay(Path dir, int fromSegment, RecordVisitor visitor, Progress progress)
            throws IOException {
        List<Integer> all = Wal.segments(dir);
        int count = (int) all.stream().filter(s -> s >= fromSegment).count();
        int segments = 0;
        long records = 0;
        long bytes = 0;
        CRC32C crc = new CRC32C();
        for (int i = 0; i < all.size(); i++) {
            int seg = all.get(i);
            if (seg < fromSegment) {
                continue;
            }
            Path file = Wal.segmentPath(dir, seg);
            progress.segment(seg, segments, count);
            segments++;
            byte[] content = Files.readAllBytes(file);
            ByteBuffer in = ByteBuffer.wrap(content);
            while (in.remaining() > 0) {
                int at = in.position();
                String problem = null;
                int len = -1;
                if (in.remaining() < Wal.HEADER_BYTES) {
                    problem = "record header cut short";
                } else {
                    len = in.getInt();
                    int sum = in.getInt();
                    if (len < 0 || len > Wal.MAX_RECORD_BYTES) {
                        problem = "record length " + Integer.toUnsignedString(len) + " out of range";
                    } else if (in.remaining() < len) {
                        problem = "record of " + len + " bytes cut short";
                    } else {
                        crc.reset();
                        crc.update(content, in.position(), len);
                        if ((int) crc.getValue() != sum) {
                            problem = "checksum mismatch";
                        }
                    }
                }
                if (problem != null) {
                    String damage = cut(dir, all, i, at, content.length, problem);
                    return new Result(segments, records, bytes + at, damage);
                }
                ByteBuffer payload = in.slice(in.position(), len).asReadOnlyBuffer();
                in.position(in.position() + len);
                visitor.record(payload);
                records++;
            }
            bytes += content.length;
        }
        return new Result(segments, records, bytes, "");
    }

    private static String cut(Path dir, List<Integer> all, int index, long offset, long size, String problem)
            throws IOException {
        Path file = Wal.segmentPath(dir, all.get(index));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(offset);
        }
        int deleted = 0;
        for (int j = index + 1; j < all.size(); j++) {
            Files.deleteIfExists(Wal.segmentPath(dir, all.get(j)));
            deleted++;
        }
        return problem + " in " + file + " at byte " + offset + ": cut " + (size - offset) + " bytes"
                + (deleted > 0 ? " and deleted " + deleted + " later segment(s)" : "");
    }
}
