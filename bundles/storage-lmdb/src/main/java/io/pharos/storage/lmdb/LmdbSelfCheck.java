package io.pharos.storage.lmdb;

import io.pharos.storage.lmdb.internal.LmdbEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Diagnostic: proves that LMDB's native library loads and works in this JVM (in Karaf: from
 * this bundle, whatever the caller's context class loader). Used by the container tests and,
 * later, by the storage component at startup to fail early with a clear message.
 */
public final class LmdbSelfCheck {
    private LmdbSelfCheck() {
    }

    /**
     * Opens an LMDB environment in {@code directory} (created if needed), writes a key, reads it
     * back and closes the environment. Give it a scratch directory of its own: the check adds a
     * {@code self-check} database to whatever environment it finds there.
     *
     * @return the native LMDB version, as "LMDB major.minor.patch"
     * @throws IOException if the directory cannot hold an environment or the round trip fails
     */
    public static String run(Path directory) throws IOException {
        ByteBuffer key = ByteBuffer.wrap("pharos-self-check".getBytes(StandardCharsets.UTF_8));
        long stamp = System.nanoTime();
        long read;
        try (LmdbEnvironment lmdb = LmdbEnvironment.open(directory, 1 << 20, 1 << 20, List.of("self-check"))) {
            lmdb.write(w -> {
                w.put("self-check", key, ByteBuffer.allocate(Long.BYTES).putLong(0, stamp));
                return null;
            });
            read = lmdb.read(r -> {
                ByteBuffer v = r.get("self-check", key);
                return v == null ? -1L : v.getLong(v.position());
            });
        }
        if (read != stamp) {
            throw new IOException("LMDB self-check in " + directory + " read back " + read + ", wrote " + stamp);
        }
        return version();
    }

    /** The version the native LMDB library reports, as "LMDB major.minor.patch". */
    public static String version() {
        return LmdbEnvironment.nativeVersion();
    }
}
