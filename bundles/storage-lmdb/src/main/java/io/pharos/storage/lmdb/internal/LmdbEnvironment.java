package io.pharos.storage.lmdb.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Meta;
import org.lmdbjava.Txn;

/**
 * An LMDB environment in one directory with a fixed set of named databases, and small helpers
 * for ByteBuffer keys and values in read and write transactions.
 *
 * <p>Keys sort as unsigned bytes (LMDB's default), so big-endian numbers iterate in numeric
 * order. Keys are at most {@link #maxKeySize()} bytes (511). Buffers handed to LMDB must be
 * direct; heap buffers are copied.
 *
 * <p>The map size (the most the data file may grow to) starts at {@code initialMapSize} and is
 * doubled, up to {@code maxMapSize}, whenever a write transaction fails with MDB_MAP_FULL; the
 * transaction is then run again. Work passed to {@link #write} must therefore touch nothing but
 * the transaction. A resize needs every transaction of this process closed: transactions hold the
 * read side of a lock that the resize takes exclusively, so do not nest {@link #read} or
 * {@link #write} calls on one thread.
 *
 * <p>Failures surface as {@link IOException}s that name the directory: {@link
 * AccessDeniedException} when it is not writable, {@link MapSizeLimitException} when the map
 * cannot grow any further, a {@link FileSystemException} for a full disk (ENOSPC).
 */
public final class LmdbEnvironment implements AutoCloseable {
    /** Sizes are kept at multiples of this (the largest OS page size LMDB runs on). */
    static final long SIZE_QUANTUM = 64 * 1024;

    /** What lmdbjava needs on Java 17 (it reads java.nio buffer internals). */
    public static final String JVM_FLAGS =
            "--add-opens java.base/java.nio=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED";

    private static final int ENOSPC = 28;
    private static final int EDQUOT = 122;
    private static final int EACCES = 13;
    private static final int EROFS = 30;

    private final Path directory;
    private final Env<ByteBuffer> env;
    private final Map<String, Dbi<ByteBuffer>> databases;
    private final long maxMapSize;
    private final ReentrantReadWriteLock resizeLock = new ReentrantReadWriteLock();
    private volatile long mapSize;

    private LmdbEnvironment(Path directory, Env<ByteBuffer> env, Map<String, Dbi<ByteBuffer>> databases,
            long maxMapSize) {
        this.directory = directory;
        this.env = env;
        this.databases = databases;
        this.maxMapSize = maxMapSize;
        this.mapSize = env.info().mapSize;
    }

    /**
     * Opens (creating if needed) the environment in {@code directory} with the given named
     * databases.
     *
     * @param initialMapSize map size to open with, in bytes (rounded up to 64 KiB); an existing
     *        larger data file keeps its size
     * @param maxMapSize the map size is never grown past this, in bytes
     */
    public static LmdbEnvironment open(Path directory, long initialMapSize, long maxMapSize,
            List<String> databaseNames) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (databaseNames.isEmpty()) {
            throw new IllegalArgumentException("at least one database name is needed");
        }
        long initial = roundUp(Math.max(initialMapSize, SIZE_QUANTUM));
        long max = roundUp(Math.max(maxMapSize, initial));
        Path dir = directory.toAbsolutePath().normalize();
        prepareDirectory(dir);

        // lmdbjava extracts its native library through the thread context class loader. In
        // OSGi (DS activation, Pax Exam probes) that is not this bundle's loader, and the
        // library would not be found although it is embedded here.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Env.class.getClassLoader());
        Env<ByteBuffer> env;
        try {
            env = Env.create()
                    .setMapSize(initial)
                    .setMaxDbs(databaseNames.size())
                    .open(dir.toFile());
        } catch (LmdbNativeException e) {
            throw translate(dir, "open", e);
        } catch (LmdbException e) {
            throw new IOException("cannot open LMDB environment in " + dir + ": " + e.getMessage(), e);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IOException("cannot load lmdbjava and the LMDB native library to open " + dir
                    + " (" + rootCause(e) + "); on Java 17 lmdbjava also needs the JVM flags " + JVM_FLAGS, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        Map<String, Dbi<ByteBuffer>> databases = new HashMap<>();
        try {
            for (String name : databaseNames) {
                databases.put(name, env.openDbi(name, DbiFlags.MDB_CREATE));
            }
        } catch (LmdbNativeException e) {
            env.close();
            throw translate(dir, "open databases", e);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
        return new LmdbEnvironment(dir, env, Map.copyOf(databases), max);
    }

    /** The version the native LMDB library reports, as "LMDB major.minor.patch"; loads it if needed. */
    public static String nativeVersion() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Env.class.getClassLoader()); // as in open()
        try {
            Meta.Version v = Meta.version();
            return "LMDB " + v.major + "." + v.minor + "." + v.patch;
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("cannot load the LMDB native library (" + rootCause(e)
                    + "); on Java 17 lmdbjava also needs the JVM flags " + JVM_FLAGS, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static void prepareDirectory(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (LMDB directory)");
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(dir.toString(), null, "cannot create the LMDB directory");
        }
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "the LMDB directory is not writable");
        }
    }

    private static long roundUp(long size) {
        long rounded = (size + SIZE_QUANTUM - 1) / SIZE_QUANTUM * SIZE_QUANTUM;
        return rounded < 0 ? Long.MAX_VALUE / SIZE_QUANTUM * SIZE_QUANTUM : rounded;
    }

    public Path directory() {
        return directory;
    }

    /** The current map size in bytes. */
    public long mapSize() {
        return mapSize;
    }

    public long maxMapSize() {
        return maxMapSize;
    }

    public int maxKeySize() {
        return env.getMaxKeySize();
    }

    /**
     * Bytes in use by the databases' pages (branch, leaf and overflow pages of every database,
     * not counting free pages the file keeps for reuse).
     */
    public long usedBytes() throws IOException {
        return read(r -> {
            long pages = 0;
            long pageSize = 0;
            for (Dbi<ByteBuffer> dbi : databases.values()) {
                org.lmdbjava.Stat st = dbi.stat(r.txn);
                pages += st.branchPages + st.leafPages + st.overflowPages;
                pageSize = st.pageSize;
            }
            return pages * pageSize;
        });
    }

    /**
     * Writes a compacted, consistent copy of the environment into {@code target}, an empty
     * directory that is created if needed. Writers go on meanwhile (LMDB copies a read snapshot).
     */
    public void copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        resizeLock.readLock().lock();
        try {
            env.copy(target.toFile(), org.lmdbjava.CopyFlags.MDB_CP_COMPACT);
        } catch (LmdbNativeException e) {
            throw translate(target, "copy the environment", e);
        } catch (LmdbException e) {
            throw new IOException("cannot copy the LMDB environment in " + directory + " to " + target + ": "
                    + e.getMessage(), e);
        } finally {
            resizeLock.readLock().unlock();
        }
    }

    /** Runs {@code work} in a read transaction. Buffers it sees are valid only inside it. */
    public <T> T read(Function<Reader, T> work) throws IOException {
        resizeLock.readLock().lock();
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            return work.apply(new Reader(txn));
        } catch (LmdbNativeException e) {
            throw translate(directory, "read", e);
        } finally {
            resizeLock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} in a write transaction and commits it. When the map is full the
     * transaction is aborted, the map size doubled and {@code work} run again, so it must have no
     * effects outside the transaction.
     */
    public <T> T write(Function<Writer, T> work) throws IOException {
        while (true) {
            resizeLock.readLock().lock();
            long sizeBefore = mapSize;
            try {
                try (Txn<ByteBuffer> txn = env.txnWrite()) {
                    T result = work.apply(new Writer(txn));
                    txn.commit();
                    return result;
                }
            } catch (Env.MapFullException full) {
                // fall through: grow, then retry with a fresh transaction
            } catch (LmdbNativeException e) {
                throw translate(directory, "write", e);
            } finally {
                resizeLock.readLock().unlock();
            }
            grow(sizeBefore);
        }
    }

    private void grow(long sizeSeen) throws IOException {
        resizeLock.writeLock().lock();
        try {
            if (mapSize != sizeSeen) {
                return; // another writer grew it meanwhile
            }
            if (mapSize >= maxMapSize) {
                throw new MapSizeLimitException(directory, maxMapSize);
            }
            long next = mapSize > maxMapSize / 2 ? maxMapSize : mapSize * 2;
            try {
                env.setMapSize(next);
            } catch (LmdbNativeException e) {
                throw translate(directory, "grow the map to " + next + " bytes", e);
            }
            mapSize = env.info().mapSize;
        } finally {
            resizeLock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        resizeLock.writeLock().lock();
        try {
            if (!env.isClosed()) {
                env.close();
            }
        } finally {
            resizeLock.writeLock().unlock();
        }
    }

    private Dbi<ByteBuffer> dbi(String name) {
        Dbi<ByteBuffer> dbi = databases.get(name);
        if (dbi == null) {
            throw new IllegalArgumentException("no LMDB database '" + name + "' in " + directory
                    + "; opened: " + databases.keySet());
        }
        return dbi;
    }

    static IOException translate(Path dir, String operation, LmdbNativeException e) {
        return translate(dir, operation, e.getResultCode(), e);
    }

    /** Maps an LMDB/errno result code to an IOException that names the directory. */
    static IOException translate(Path dir, String operation, int resultCode, RuntimeException cause) {
        IOException io;
        switch (resultCode) {
            case ENOSPC:
                io = new FileSystemException(dir.toString(), null,
                        "no space left on device: LMDB could not " + operation);
                break;
            case EDQUOT:
                io = new FileSystemException(dir.toString(), null,
                        "disk quota exceeded: LMDB could not " + operation);
                break;
            case EACCES:
            case EROFS:
                io = new AccessDeniedException(dir.toString(), null,
                        "the LMDB directory is not writable: LMDB could not " + operation);
                break;
            default:
                io = new IOException("LMDB could not " + operation + " in " + dir + ": "
                        + cause.getMessage() + " (code " + resultCode + ")");
        }
        io.initCause(cause);
        return io;
    }

    /** Unsigned lexicographic order, LMDB's default key order. */
    static int compareKeys(ByteBuffer a, ByteBuffer b) {
        int i = a.mismatch(b);
        if (i < 0) {
            return 0;
        }
        if (i >= a.remaining() || i >= b.remaining()) {
            return a.remaining() - b.remaining();
        }
        return Byte.compareUnsigned(a.get(a.position() + i), b.get(b.position() + i));
    }

    private static ByteBuffer direct(ByteBuffer b) {
        if (b.isDirect()) {
            return b;
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(b.remaining());
        copy.put(b.duplicate()).flip();
        return copy;
    }

    /** Receives entries in key order; returns false to stop. */
    @FunctionalInterface
    public interface EntryVisitor {
        boolean visit(ByteBuffer key, ByteBuffer value);
    }

    /** Reads in one transaction. Returned buffers point into the map: valid only inside it. */
    public class Reader {
        final Txn<ByteBuffer> txn;

        Reader(Txn<ByteBuffer> txn) {
            this.txn = txn;
        }

        /** The value of {@code key}, or null; valid until the next call or the end of the transaction. */
        public ByteBuffer get(String db, ByteBuffer key) {
            ByteBuffer v = dbi(db).get(txn, direct(key));
            return v == null ? null : v.asReadOnlyBuffer();
        }

        /**
         * Visits the entries with {@code from <= key < to} in key order; a null bound is open.
         * Returns the number of entries visited.
         */
        public long forEach(String db, ByteBuffer from, ByteBuffer to, EntryVisitor visitor) {
            long n = 0;
            try (Cursor<ByteBuffer> c = dbi(db).openCursor(txn)) {
                boolean found = from == null ? c.first() : c.get(direct(from), GetOp.MDB_SET_RANGE);
                while (found) {
                    ByteBuffer k = c.key();
                    if (to != null && compareKeys(k, to) >= 0) {
                        break;
                    }
                    n++;
                    if (!visitor.visit(k.asReadOnlyBuffer(), c.val().asReadOnlyBuffer())) {
                        break;
                    }
                    found = c.next();
                }
            }
            return n;
        }
    }

    /** Reads and writes in one write transaction. */
    public final class Writer extends Reader {
        Writer(Txn<ByteBuffer> txn) {
            super(txn);
        }

        public void put(String db, ByteBuffer key, ByteBuffer value) {
            dbi(db).put(txn, direct(key), direct(value));
        }

        /** Returns whether the key was there. */
        public boolean delete(String db, ByteBuffer key) {
            return dbi(db).delete(txn, direct(key));
        }

        /** Deletes the entries with {@code from <= key < to} (a null bound is open); returns how many. */
        public long deleteRange(String db, ByteBuffer from, ByteBuffer to) {
            return deleteRange(db, from, to, Long.MAX_VALUE);
        }

        /** Like {@link #deleteRange(String, ByteBuffer, ByteBuffer)}, stopping after {@code max} deletions. */
        public long deleteRange(String db, ByteBuffer from, ByteBuffer to, long max) {
            long n = 0;
            ByteBuffer start = from == null ? null : direct(from);
            try (Cursor<ByteBuffer> c = dbi(db).openCursor(txn)) {
                // Re-seek after each delete: simple, and safe whatever LMDB does with the cursor.
                while (n < max && (start == null ? c.first() : c.get(start, GetOp.MDB_SET_RANGE))) {
                    if (to != null && compareKeys(c.key(), to) >= 0) {
                        break;
                    }
                    c.delete();
                    n++;
                }
            }
            return n;
        }
    }

    /** The map is as large as allowed and the write still does not fit. */
    public static final class MapSizeLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        MapSizeLimitException(Path dir, long limit) {
            super("LMDB map size limit of " + limit + " bytes (" + (limit >> 20) + " MiB) reached in "
                    + dir + ": the write does not fit; raise the limit or delete data");
        }
    }
}
