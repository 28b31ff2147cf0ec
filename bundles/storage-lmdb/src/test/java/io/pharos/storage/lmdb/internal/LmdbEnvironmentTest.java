package io.pharos.storage.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pharos.storage.lmdb.LmdbSelfCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class LmdbEnvironmentTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final List<String> DBS = List.of("series", "samples");

    @TempDir
    Path tmp;

    private static ByteBuffer key(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(0, v); // big-endian
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<Long> keys(LmdbEnvironment env, String db, ByteBuffer from, ByteBuffer to) throws IOException {
        return env.read(r -> {
            List<Long> out = new ArrayList<>();
            r.forEach(db, from, to, (k, v) -> out.add(k.getLong(k.position())));
            return out;
        });
    }

    @Test
    void roundTrip() throws IOException {
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, MIB, 16 * MIB, DBS)) {
            env.write(w -> {
                w.put("series", text("up{job=\"a\"}"), text("one"));
                ByteBuffer directKey = ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, 3}).flip();
                w.put("samples", directKey, text("direct"));
                assertEquals("one", text(w.get("series", text("up{job=\"a\"}"))), "a write sees its own puts");
                return null;
            });
            env.read(r -> {
                assertEquals("one", text(r.get("series", text("up{job=\"a\"}"))));
                assertEquals("direct", text(r.get("samples", ByteBuffer.wrap(new byte[] {1, 2, 3}))));
                assertNull(r.get("series", text("missing")));
                assertNull(r.get("samples", text("up{job=\"a\"}")), "databases are separate");
                return null;
            });
            assertTrue(env.<Boolean>write(w -> w.delete("series", text("up{job=\"a\"}"))));
            assertFalse(env.<Boolean>write(w -> w.delete("series", text("up{job=\"a\"}"))));
            assertNull(env.read(r -> r.get("series", text("up{job=\"a\"}"))));
            assertThrows(IllegalArgumentException.class, () -> env.read(r -> r.get("nope", text("k"))));
        }
    }

    @Test
    void bigEndianKeysIterateInNumericOrder() throws IOException {
        List<Long> values = new ArrayList<>();
        for (long v = 0; v < 300; v++) {
            values.add(v);
        }
        // Bytes above 0x7f would sort before smaller ones in a signed comparison.
        values.addAll(List.of(0x80L, 0xffL + 1000, 0x7fffL, 0x8000L, 0xffffL, 1L << 40, 0x7f00_0000_0000_0000L));
        List<Long> shuffled = new ArrayList<>(values.stream().distinct().toList());
        Collections.shuffle(shuffled, new Random(42));
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, MIB, 16 * MIB, DBS)) {
            env.write(w -> {
                for (long v : shuffled) {
                    w.put("samples", key(v), key(v * 2));
                }
                return null;
            });
            List<Long> sorted = new ArrayList<>(shuffled);
            Collections.sort(sorted);
            assertEquals(sorted, keys(env, "samples", null, null));
            assertEquals(List.of(100L, 101L, 102L), keys(env, "samples", key(100), key(103)), "[from, to)");
            assertEquals(List.of(0x8000L, 0xffffL, 1L << 40, 0x7f00_0000_0000_0000L),
                    keys(env, "samples", key(0x7fffL + 1), null));
            assertEquals(List.of(), keys(env, "samples", key(5000), key(6000)));
            // Values come back intact, and a visitor can stop early.
            long visited = env.read(r -> r.forEach("samples", key(7), null,
                    (k, v) -> {
                        assertEquals(k.getLong(k.position()) * 2, v.getLong(v.position()));
                        return k.getLong(k.position()) < 9;
                    }));
            assertEquals(3, visited);
        }
    }

    @Test
    void mapGrowsOnDemandFromATinyMapSize() throws IOException {
        byte[] payload = new byte[200];
        new Random(1).nextBytes(payload);
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, 64 * KIB, 256 * MIB, DBS)) {
            assertEquals(64 * KIB, env.mapSize());
            // Many small transactions...
            for (int batch = 0; batch < 50; batch++) {
                int base = batch * 200;
                env.write(w -> {
                    for (int i = 0; i < 200; i++) {
                        w.put("samples", key(base + i), ByteBuffer.wrap(payload));
                    }
                    return null;
                });
            }
            long afterBatches = env.mapSize();
            assertTrue(afterBatches >= 2 * MIB, "grew to " + afterBatches);
            // ...and one transaction far larger than the current map, retried after growing.
            byte[] big = new byte[64 * 1024];
            env.write(w -> {
                for (int i = 0; i < 100; i++) {
                    w.put("series", key(i), ByteBuffer.wrap(big));
                }
                return null;
            });
            assertTrue(env.mapSize() > afterBatches);
            assertEquals(1, Long.bitCount(env.mapSize() / (64 * KIB)), "doubled from 64 KiB: " + env.mapSize());
            assertEquals(10_000L, env.<Long>read(r -> r.forEach("samples", null, null, (k, v) -> {
                assertArrayEquals(payload, bytes(v));
                return true;
            })));
            assertEquals(100L, env.<Long>read(r -> r.forEach("series", null, null, (k, v) -> v.remaining() == big.length)));
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void readersKeepWorkingWhileTheMapGrows() throws Exception {
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, 64 * KIB, 256 * MIB, DBS)) {
            env.write(w -> {
                w.put("series", text("k"), text("v"));
                return null;
            });
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        String v = env.read(r -> text(r.get("series", text("k"))));
                        if (!v.equals("v")) {
                            throw new AssertionError(v);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            try {
                byte[] value = new byte[1000];
                for (int i = 0; i < 4000; i++) {
                    long k = i;
                    env.write(w -> {
                        w.put("samples", key(k), ByteBuffer.wrap(value));
                        return null;
                    });
                }
            } finally {
                stop.set(true);
                reader.join(10_000);
            }
            assertNull(failure.get());
            assertTrue(env.mapSize() >= 4 * MIB, "grew to " + env.mapSize());
        }
    }

    @Test
    void reopenKeepsData() throws IOException {
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, 64 * KIB, 64 * MIB, DBS)) {
            env.write(w -> {
                for (int i = 0; i < 2000; i++) {
                    w.put("samples", key(i), key(-i));
                }
                w.put("series", text("name"), text("value"));
                return null;
            });
        }
        // Reopened with a map smaller than the data file: LMDB keeps the file's size.
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, 64 * KIB, 64 * MIB, DBS)) {
            assertEquals("value", env.read(r -> text(r.get("series", text("name")))));
            assertEquals(2000, keys(env, "samples", null, null).size());
            assertEquals(-1234L, env.<Long>read(r -> r.get("samples", key(1234)).getLong(0)));
            env.write(w -> {
                w.put("samples", key(5000), key(5));
                return null;
            });
        }
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, MIB, 64 * MIB, DBS)) {
            assertEquals(2001, keys(env, "samples", null, null).size());
        }
    }

    @Test
    void rangeDelete() throws IOException {
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, 64 * KIB, 64 * MIB, DBS)) {
            env.write(w -> {
                for (int i = 0; i < 100; i++) {
                    w.put("samples", key(i), key(i));
                    w.put("series", key(i), key(i));
                }
                return null;
            });
            assertEquals(10L, env.<Long>write(w -> w.deleteRange("samples", key(10), key(20))));
            List<Long> left = keys(env, "samples", null, null);
            assertEquals(90, left.size());
            assertFalse(left.contains(10L) || left.contains(19L));
            assertTrue(left.contains(9L) && left.contains(20L), "bounds are [from, to)");
            assertEquals(0L, env.<Long>write(w -> w.deleteRange("samples", key(10), key(20))));
            assertEquals(100, keys(env, "series", null, null).size(), "other databases untouched");

            assertEquals(10L, env.<Long>write(w -> w.deleteRange("samples", null, key(10))), "open start");
            assertEquals(20L, env.<Long>write(w -> w.deleteRange("samples", key(80), null)), "open end");
            assertEquals(List.of(20L, 79L), List.of(keys(env, "samples", null, null).get(0),
                    keys(env, "samples", null, null).get(59)));
            assertEquals(60L, env.<Long>write(w -> w.deleteRange("samples", null, null)));
            assertEquals(List.of(), keys(env, "samples", null, null));
            // Deletes in an aborted transaction do not stick.
            assertThrows(IllegalStateException.class, () -> env.write(w -> {
                w.deleteRange("series", null, null);
                throw new IllegalStateException("abort");
            }));
            assertEquals(100, keys(env, "series", null, null).size());
        }
    }

    @Test
    void mapSizeLimitIsAClearError() throws IOException {
        try (LmdbEnvironment env = LmdbEnvironment.open(tmp, 64 * KIB, 256 * KIB, DBS)) {
            byte[] value = new byte[4000];
            env.write(w -> {
                w.put("samples", key(-1), text("kept"));
                return null;
            });
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    long k = i;
                    env.write(w -> {
                        w.put("samples", key(k), ByteBuffer.wrap(value));
                        return null;
                    });
                }
            });
            assertInstanceOf(LmdbEnvironment.MapSizeLimitException.class, e);
            assertTrue(e.getMessage().contains(env.directory().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("map size limit"), e.getMessage());
            assertEquals(256 * KIB, env.mapSize());
            // The environment is still usable and keeps what was committed.
            assertEquals("kept", env.read(r -> text(r.get("samples", key(-1)))));
        }
    }

    @Test
    void directoryThatIsAFileIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        NotDirectoryException e = assertThrows(NotDirectoryException.class,
                () -> LmdbEnvironment.open(file, MIB, MIB, DBS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void unwritableDirectoryIsAClearError() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> LmdbEnvironment.open(dir, MIB, MIB, DBS));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void errnoResultsNameTheDirectory() {
        Path dir = tmp.resolve("data");
        IOException full = LmdbEnvironment.translate(dir, "write", 28, new RuntimeException("No space left on device"));
        assertInstanceOf(FileSystemException.class, full);
        assertEquals(dir.toString(), ((FileSystemException) full).getFile());
        assertTrue(full.getMessage().contains("no space left on device"), full.getMessage());
        assertTrue(full.getMessage().contains(dir.toString()), full.getMessage());

        IOException denied = LmdbEnvironment.translate(dir, "open", 13, new RuntimeException("Permission denied"));
        assertInstanceOf(AccessDeniedException.class, denied);
        assertTrue(denied.getMessage().contains(dir.toString()), denied.getMessage());

        IOException other = LmdbEnvironment.translate(dir, "read", -30793, new RuntimeException("corrupted"));
        assertTrue(other.getMessage().contains(dir.toString()) && other.getMessage().contains("corrupted"),
                other.getMessage());
    }

    /**
     * A real full disk: run with -Dpharos.lmdb.smallFs=DIR, DIR on a small empty file system
     * (e.g. a 1 MiB tmpfs).
     */
    @Test
    @EnabledIfSystemProperty(named = "pharos.lmdb.smallFs", matches = ".+")
    void fullDiskIsAClearError() throws IOException {
        Path dir = Path.of(System.getProperty("pharos.lmdb.smallFs")).resolve("lmdb-" + System.nanoTime());
        try (LmdbEnvironment env = LmdbEnvironment.open(dir, 64 * KIB, 1024 * MIB, DBS)) {
            byte[] value = new byte[8000];
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100_000; i++) {
                    long k = i;
                    env.write(w -> {
                        w.put("samples", key(k), ByteBuffer.wrap(value));
                        return null;
                    });
                }
            });
            assertInstanceOf(FileSystemException.class, e, e::toString);
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
        }
    }

    @Test
    void selfCheckReportsTheNativeVersion() throws IOException {
        String version = LmdbSelfCheck.run(tmp.resolve("self-check"));
        assertTrue(version.matches("LMDB 0\\.9\\.\\d+"), version);
        assertEquals(version, LmdbEnvironment.nativeVersion());
    }
}
