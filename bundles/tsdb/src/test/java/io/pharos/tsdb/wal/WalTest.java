package io.pharos.tsdb.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> replayAll(int from) throws IOException {
        List<String> out = new ArrayList<>();
        WalReplay.replay(dir, from, p -> {
            byte[] b = new byte[p.remaining()];
            p.get(b);
            out.add(new String(b, StandardCharsets.UTF_8));
        });
        return out;
    }

    @Test
    void recordsComeBackInOrderAcrossSegments() throws IOException {
        try (Wal wal = Wal.open(dir, 1 << 16)) {
            for (int i = 0; i < 5000; i++) {
                byte[] b = bytes("record-" + i);
                wal.log(b, 0, b.length);
            }
            assertTrue(wal.currentSegment() > 1, "small segments roll");
        }
        List<String> got = replayAll(0);
        assertEquals(5000, got.size());
        assertEquals("record-0", got.get(0));
        assertEquals("record-4999", got.get(4999));
    }

    @Test
    void aNewLogStartsAFreshSegmentAndRollAndDeleteWork() throws IOException {
        try (Wal wal = Wal.open(dir, 1 << 20)) {
            wal.log(bytes("a"), 0, 1);
            assertEquals(1, wal.currentSegment());
            assertEquals(2, wal.roll());
            wal.log(bytes("b"), 0, 1);
        }
        try (Wal wal = Wal.open(dir, 1 << 20)) {
            assertEquals(3, wal.currentSegment());
            wal.log(bytes("c"), 0, 1);
            assertEquals(2, wal.deleteBefore(3));
        }
        assertEquals(List.of("c"), replayAll(0));
        assertEquals(List.of(), replayAll(4));
    }

    @Test
    void aTornTailIsCutAndEverythingBeforeItKept() throws IOException {
        try (Wal wal = Wal.open(dir, 1 << 20)) {
            wal.log(bytes("kept"), 0, 4);
            wal.log(bytes("torn"), 0, 4);
        }
        Path seg = Wal.segmentPath(dir, 1);
        long size = Files.size(seg);
        try (var ch = Files.newByteChannel(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 2); // the process died in the middle of the second write
        }
        List<String> got = new ArrayList<>();
        WalReplay.Result r = WalReplay.replay(dir, 0, p -> got.add(StandardCharsets.UTF_8.decode(p).toString()));
        assertEquals(List.of("kept"), got);
        assertTrue(r.damage().contains("cut short"), r.damage());
        assertEquals(12, Files.size(seg), "cut back to the end of the last whole record");
        assertEquals(List.of("kept"), replayAll(0), "a second replay sees a clean log");
    }

    @Test
    void aChecksumMismatchStopsReplayAndDropsLaterSegments() throws IOException {
        try (Wal wal = Wal.open(dir, 1 << 20)) {
            wal.log(bytes("one"), 0, 3);
            wal.log(bytes("two"), 0, 3);
            wal.roll();
            wal.log(bytes("three"), 0, 5);
        }
        Path seg = Wal.segmentPath(dir, 1);
        try (var ch = Files.newByteChannel(seg, StandardOpenOption.WRITE)) {
            ch.position(11 + 8);
            ch.write(ByteBuffer.wrap(bytes("X"))); // flip a payload byte of "two"
        }
        List<String> got = new ArrayList<>();
        WalReplay.Result r = WalReplay.replay(dir, 0, p -> got.add(StandardCharsets.UTF_8.decode(p).toString()));
        assertEquals(List.of("one"), got);
        assertTrue(r.damage().contains("checksum mismatch") && r.damage().contains("deleted 1 later segment"),
                r.damage());
    }
}
