package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.storage.StorageException;
import io.pharos.spi.storage.StorageStatus;
import io.pharos.tsdb.wal.Wal;
import io.pharos.tsdb.wal.WalReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A time-series database in one directory: an in-memory head of compressed chunks in front of
 * LMDB, with a write-ahead log for what the head holds.
 *
 * <h2>Write path</h2>
 * An {@link Appender} buffers a batch in primitive arrays. {@link Appender#commit()} takes the
 * commit lock, checks each sample against its series (newer than the last one, else counted as
 * out of order), writes one WAL record with the accepted samples (plus the definitions of series
 * the WAL has not seen) and only then applies them to the head. So an acknowledged sample is in
 * the operating system's hands before the caller hears back, and survives {@code kill -9}.
 *
 * <h2>Checkpoint</h2>
 * Every {@link TsdbOptions#checkpointMs()}: the WAL is rolled to a new segment, then one LMDB
 * write transaction stores the closed chunks ({@code chunks}), every changed series' open chunk
 * and newest sample ({@code head}), series new since the last checkpoint ({@code series}), the
 * changed postings ({@code postings}) and the segment replay starts from ({@code meta}). After it
 * commits, older segments are deleted. Replay skips samples not newer than what the checkpoint
 * restored, so samples that reached both are applied once.
 *
 * <h2>LMDB layout</h2>
 * <pre>
 *   series    u32 id                                  → labels
 *   postings  name 0x00 value (UTF-8); 0x00 for all ids → Roaring bitmap of ids
 *   chunks    u64 block start, u32 id, u64 chunk min t → u64 chunk max t, XOR chunk bytes
 *   head      u32 id                                  → u64 last t, u64 last value bits, open chunk
 *   meta      "wal.start"                             → u32 segment
 * </pre>
 * Numbers are big-endian, timestamps with the sign bit flipped, so keys sort numerically.
 * Chunks never cross a block edge and blocks lead the chunk key: retention deletes a key range.
 */
public final class Tsdb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tsdb.class);

    static final String SERIES = "series";
    static final String POSTINGS = "postings";
    static final String CHUNKS = "chunks";
    static final String HEAD = "head";
    static final String META = "meta";
    private static final List<String> DATABASES = List.of(SERIES, POSTINGS, CHUNKS, HEAD, META);
    private static final byte[] WAL_START = "wal.start".getBytes(StandardCharsets.US_ASCII);

    private static final byte REC_SERIES = 1;
    private static final byte REC_SAMPLES = 2;
    private static final byte REC_DELETE = 3;

    private final Path dir;
    private final TsdbOptions options;
    private final LmdbEnvironment lmdb;
    private final Map<Labels, HeadSeries> byLabels = new ConcurrentHashMap<>();
    private volatile HeadSeries[] byId = new HeadSeries[1024];
    private final AtomicInteger nextId = new AtomicInteger();
    private final PostingsIndex index = new PostingsIndex();
    /** High half of every series reference we hand out: refs from another instance are not ours. */
    private final long refTag = (ThreadLocalRandom.current().nextLong() | 1L) << 32;

    private final Object commitLock = new Object();
    private final ByteOut walRecord = new ByteOut(1 << 16); // guarded by commitLock
    private int batches; // guarded by commitLock
    /** Bytes of chunks closed since the last checkpoint began (approximate: read without the lock). */
    private volatile long closedSinceCheckpoint; // written under commitLock
    private Wal wal;

    private final ReentrantLock maintenance = new ReentrantLock();
    private volatile boolean closed;
    private volatile String writeError = "";
    /** Start of the oldest block with persisted chunks (a lower bound), to bound chunk lookups. */
    private volatile long oldestBlock = Long.MAX_VALUE;
    /** The cutoff and checkpoint count of the last scan for series without data (maintenance lock). */
    private long lastDropCutoff = Long.MIN_VALUE;
    private long lastDropCheckpoints = -1;
    /** Newest timestamp appended; open chunks of blocks before its block are closed at checkpoints. */
    private volatile long maxT = Long.MIN_VALUE;

    final TsdbStats stats = new TsdbStats();

    private Tsdb(Path dir, TsdbOptions options, LmdbEnvironment lmdb) {
        this.dir = dir;
        this.options = options;
        this.lmdb = lmdb;
    }

    /** Opens (creating if needed) the database in {@code dir}: loads LMDB's state, replays the WAL. */
    public static Tsdb open(Path dir, TsdbOptions options) throws IOException {
        long t0 = System.nanoTime();
        LmdbEnvironment lmdb = LmdbEnvironment.open(dir, options.initialMapBytes(), options.maxMapBytes(), DATABASES);
        Tsdb db = new Tsdb(dir, options, lmdb);
        try {
            int walStart = db.load();
            long t1 = System.nanoTime();
            WalReplay.Result replayed = db.replay(walStart);
            db.wal = Wal.open(db.walDir(), options.walSegmentBytes());
            LOG.info("TSDB in {} opened in {} ms: {} series loaded in {} ms, {} WAL records in {} segment(s) "
                            + "replayed in {} ms",
                    dir, (System.nanoTime() - t0) / 1_000_000, db.byLabels.size(), (t1 - t0) / 1_000_000,
                    replayed.records(), replayed.segments(), (System.nanoTime() - t1) / 1_000_000);
            if (!replayed.damage().isEmpty()) {
                db.stats.walCorruptions.increment();
                LOG.warn("TSDB write-ahead log damaged, replayed up to the damage: {}", replayed.damage());
            }
            return db;
        } catch (IOException | RuntimeException e) {
            lmdb.close();
            throw e;
        }
    }

    Path walDir() {
        return dir.resolve("wal");
    }

    public Path directory() {
        return dir;
    }

    public TsdbOptions options() {
        return options;
    }

    // ---------------------------------------------------------------- loading

    /** Loads series, postings and head state from LMDB; returns the WAL segment to replay from. */
    private int load() throws IOException {
        LabelsCodec codec = new LabelsCodec();
        int[] maxId = {-1};
        int walStart = lmdb.read(r -> {
            r.forEach(SERIES, null, null, (k, v) -> {
                int id = k.getInt(k.position());
                HeadSeries s = new HeadSeries(id, codec.decode(v));
                s.persisted = true;
                s.logged = true;
                register(s);
                maxId[0] = Math.max(maxId[0], id);
                return true;
            });
            r.forEach(POSTINGS, null, null, (k, v) -> {
                byte[] key = new byte[k.remaining()];
                k.get(k.position(), key);
                int sep = indexOf(key, (byte) 0);
                String name = codec.intern(new String(key, 0, Math.max(sep, 0), StandardCharsets.UTF_8));
                String value = sep < 0 ? "" : codec.intern(
                        new String(key, sep + 1, key.length - sep - 1, StandardCharsets.UTF_8));
                RoaringBitmap ids = new RoaringBitmap();
                try {
                    ids.deserialize(v.duplicate());
                } catch (IOException e) {
                    throw new UncheckedIOException("corrupt postings for " + name + "=" + value, e);
                }
                index.load(name.isEmpty() ? PostingsIndex.Pair.ALL : new PostingsIndex.Pair(name, value), ids);
                return true;
            });
            r.forEach(HEAD, null, null, (k, v) -> {
                HeadSeries s = series(k.getInt(k.position()));
                if (s != null) {
                    ByteBuffer b = v.duplicate();
                    long lastT = unflip(b.getLong());
                    long lastBits = b.getLong();
                    byte[] open = new byte[b.remaining()];
                    b.get(open);
                    s.restore(lastT, lastBits, open);
                    if (lastT > maxT) {
                        maxT = lastT;
                    }
                }
                return true;
            });
            Long oldest = oldestBlock(r);
            oldestBlock = oldest == null ? Long.MAX_VALUE : oldest;
            ByteBuffer start = r.get(META, ByteBuffer.wrap(WAL_START));
            return start == null ? 0 : start.getInt(start.position());
        });
        codec.clear();
        if (index.seriesCount() != byLabels.size()) {
            // Postings and series are written in one transaction; a mismatch means an older or
            // damaged file. The series table is the truth: rebuild the index from it.
            LOG.warn("TSDB postings list {} series but the series table {}: rebuilding the index",
                    index.seriesCount(), byLabels.size());
            rebuildIndex();
        }
        nextId.set(maxId[0] + 1);
        return walStart;
    }

    private void rebuildIndex() {
        PostingsIndex fresh = new PostingsIndex();
        for (HeadSeries s : byLabels.values()) {
            fresh.add(s.id, s.labels);
        }
        Map<PostingsIndex.Pair, RoaringBitmap> all = fresh.takeDirty();
        // Replace everything: stale pairs become empty bitmaps, which the next checkpoint deletes.
        Map<PostingsIndex.Pair, RoaringBitmap> stale = index.takeDirty();
        stale.keySet().removeAll(all.keySet());
        all.forEach(index::load);
        index.redirty(all.keySet());
        index.redirty(stale.keySet());
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private WalReplay.Result replay(int fromSegment) throws IOException {
        LabelsCodec codec = new LabelsCodec();
        Map<Integer, HeadSeries> aliases = new HashMap<>();
        List<Deletion> deletions = new ArrayList<>();
        long[] counts = new long[2]; // samples applied, skipped
        WalReplay.Result result = WalReplay.replay(walDir(), fromSegment, payload -> {
            byte type = payload.get();
            if (type == REC_SERIES) {
                long n = ByteIn.uvarint(payload);
                for (long i = 0; i < n; i++) {
                    int id = (int) ByteIn.uvarint(payload);
                    Labels labels = codec.decode(payload);
                    HeadSeries existing = byLabels.get(labels);
                    if (existing != null) {
                        if (existing.id != id) {
                            aliases.put(id, existing);
                        }
                        continue;
                    }
                    HeadSeries s = new HeadSeries(id, labels);
                    s.logged = true;
                    register(s);
                    index.add(id, labels);
                    if (id >= nextId.get()) {
                        nextId.set(id + 1);
                    }
                }
            } else if (type == REC_SAMPLES) {
                long base = ByteIn.varint(payload);
                long n = ByteIn.uvarint(payload);
                for (long i = 0; i < n; i++) {
                    int id = (int) ByteIn.uvarint(payload);
                    long t = base + ByteIn.varint(payload);
                    long bits = payload.getLong();
                    HeadSeries s = aliases.containsKey(id) ? aliases.get(id) : series(id);
                    if (s != null && t > s.lastT()) {
                        s.append(t, bits, options.blockMs());
                        maxT = Math.max(maxT, t);
                        counts[0]++;
                    } else if (s != null && t < s.lastT() && withinOutOfOrderWindow(t)) {
                        s.insertOutOfOrder(t, bits, options.blockMs());
                        counts[0]++;
                    } else {
                        counts[1]++;
                    }
                }
            } else if (type == REC_DELETE) {
                Deletion d = Deletion.decode(payload);
                for (int id : d.ids()) {
                    HeadSeries s = aliases.containsKey(id) ? aliases.get(id) : series(id);
                    if (s != null) {
                        s.delete(d.mint(), d.maxt());
                    }
                }
                deletions.add(d);
            } else {
                throw new IOException("unknown WAL record type " + type);
            }
        }, (segment, index, count) -> LOG.info("TSDB WAL replay: segment {} ({} of {})", segment, index + 1, count));
        codec.clear();
        // A deletion may have died before it reached LMDB: apply them again (they are idempotent).
        for (Deletion d : deletions) {
            deleteFromLmdb(d);
        }
        LOG.debug("TSDB WAL replay applied {} samples, skipped {} already stored", counts[0], counts[1]);
        return result;
    }

    private void register(HeadSeries s) {
        byLabels.put(s.labels, s);
        HeadSeries[] table = byId;
        if (s.id >= table.length) {
            synchronized (this) {
                table = byId;
                if (s.id >= table.length) {
                    table = Arrays.copyOf(table, Math.max(table.length * 2, s.id + 1));
                    byId = table;
                }
            }
        }
        table[s.id] = s;
    }

    private HeadSeries series(int id) {
        HeadSeries[] table = byId;
        return id >= 0 && id < table.length ? table[id] : null;
    }

    private HeadSeries getOrCreate(Labels labels) {
        HeadSeries s = byLabels.get(labels);
        if (s != null) {
            return s;
        }
        synchronized (byLabels) {
            s = byLabels.get(labels);
            if (s == null) {
                s = new HeadSeries(nextId.getAndIncrement(), labels);
                register(s);
                index.add(s.id, labels);
                stats.seriesCreated.increment();
            }
            return s;
        }
    }

    // ---------------------------------------------------------------- appending

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("LMDB storage in " + dir + " is closed", true);
        }
    }

    public Appender appender() {
        ensureOpen();
        return new TsdbAppender();
    }

    /** Buffers a batch in primitive arrays; {@link #commit} logs and applies it. */
    private final class TsdbAppender implements Appender {
        private HeadSeries[] series = new HeadSeries[64];
        private long[] ts = new long[64];
        private long[] bits = new long[64];
        private int n;

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            ensureOpen();
            HeadSeries s = null;
            if ((ref & 0xffffffff00000000L) == refTag) {
                s = series((int) ref);
            }
            if (s == null) {
                if (labels.isEmpty()) {
                    throw new StorageException("sample without labels", false);
                }
                s = getOrCreate(labels);
            }
            long b = Double.doubleToRawLongBits(v);
            long last = s.lastT();
            if (t == last) {
                if (b != s.lastBits()) {
                    stats.duplicates.increment();
                    throw new StorageException("duplicate sample for timestamp", false);
                }
                return refTag | s.id; // same sample again: nothing to do
            }
            if (t < last && !withinOutOfOrderWindow(t)) {
                stats.outOfOrder.increment();
                throw new StorageException("out of order sample", false);
            }
            if (n == ts.length) {
                series = Arrays.copyOf(series, n * 2);
                ts = Arrays.copyOf(ts, n * 2);
                bits = Arrays.copyOf(bits, n * 2);
            }
            series[n] = s;
            ts[n] = t;
            bits[n] = b;
            n++;
            return refTag | s.id;
        }

        @Override
        public void commit() {
            ensureOpen();
            try {
                Tsdb.this.commit(series, ts, bits, n);
            } finally {
                rollback();
            }
        }

        @Override
        public void rollback() {
            Arrays.fill(series, 0, n, null);
            n = 0;
        }
    }

    /** Whether an out-of-order sample at {@code t} is young enough for the configured window. */
    private boolean withinOutOfOrderWindow(long t) {
        long window = options.outOfOrderWindowMs();
        return window > 0 && t >= maxT - window;
    }

    private void commit(HeadSeries[] series, long[] ts, long[] bits, int n) {
        if (n == 0) {
            return;
        }
        synchronized (commitLock) {
            ensureOpen();
            int mark = ++batches;
            ByteOut rec = walRecord.reset();
            // Series the WAL has not seen yet, each once, before the samples that use them.
            int newSeries = 0;
            for (int i = 0; i < n; i++) {
                if (series[i].removed) {
                    // Retention dropped the series after this batch looked it up: recreate it.
                    series[i] = getOrCreate(series[i].labels);
                }
                HeadSeries s = series[i];
                if (!s.logged && s.batchMark != -mark) {
                    s.batchMark = -mark;
                    newSeries++;
                }
            }
            if (newSeries > 0) {
                rec.put(REC_SERIES).putUvarint(newSeries);
                for (int i = 0; i < n; i++) {
                    HeadSeries s = series[i];
                    if (s.batchMark == -mark) {
                        s.batchMark = 0;
                        rec.putUvarint(s.id);
                        LabelsCodec.encode(s.labels, rec);
                    }
                }
                logRecord(rec);
                for (int i = 0; i < n; i++) {
                    series[i].logged = true;
                }
                rec.reset();
            }
            // Accept samples newer than their series' last one, also within this batch.
            int accepted = 0;
            long base = ts[0];
            for (int i = 0; i < n; i++) {
                HeadSeries s = series[i];
                long last = s.batchMark == mark ? s.batchT : s.lastT();
                if (ts[i] > last) {
                    s.batchMark = mark;
                    s.batchT = ts[i];
                    accepted++;
                } else if (ts[i] < last && withinOutOfOrderWindow(ts[i])) {
                    accepted++; // applied out of order below: it does not move the series' newest time
                } else {
                    series[i] = null;
                    stats.outOfOrder.increment();
                }
            }
            if (accepted == 0) {
                return;
            }
            rec.put(REC_SAMPLES).putVarint(base).putUvarint(accepted);
            for (int i = 0; i < n; i++) {
                if (series[i] != null) {
                    rec.putUvarint(series[i].id).putVarint(ts[i] - base).putLong(bits[i]);
                }
            }
            logRecord(rec);
            long block = options.blockMs();
            for (int i = 0; i < n; i++) {
                HeadSeries s = series[i];
                if (s != null) {
                    if (ts[i] > s.lastT()) {
                        int closedBytes = s.append(ts[i], bits[i], block);
                        if (closedBytes > 0) {
                            closedSinceCheckpoint += closedBytes;
                        }
                        if (ts[i] > maxT) {
                            maxT = ts[i];
                        }
                    } else {
                        s.insertOutOfOrder(ts[i], bits[i], block);
                        stats.outOfOrderAppended.increment();
                    }
                }
            }
            stats.samplesAppended.add(accepted);
        }
    }

    private void logRecord(ByteOut rec) {
        try {
            wal.log(rec.array(), 0, rec.length());
            if (!writeError.isEmpty() && writeError.startsWith("WAL")) {
                writeError = "";
            }
        } catch (IOException e) {
            writeError = "WAL: " + e.getMessage();
            stats.walWriteFailures.increment();
            LOG.error("TSDB append failed, samples not stored: {}", e.getMessage());
            throw new StorageException("cannot write the write-ahead log: " + e.getMessage(), true, e);
        }
    }

    /**
     * Whether the head holds so many closed chunks that a checkpoint should not wait for its
     * timer: at a high ingest rate the head would otherwise hold a whole interval of data in memory.
     */
    public boolean checkpointDue() {
        return options.headClosedBytesLimit() > 0 && closedSinceCheckpoint >= options.headClosedBytesLimit();
    }

    /** The last write failure (WAL or checkpoint), empty when writes work. */
    public String writeError() {
        return writeError;
    }

    // ---------------------------------------------------------------- checkpoint

    /** Writes head chunks, new series and changed postings to LMDB and drops the WAL they cover. */
    public void checkpoint() throws IOException {
        maintenance.lock();
        try {
            checkpointLocked();
        } finally {
            maintenance.unlock();
        }
    }

    private void checkpointLocked() throws IOException {
        long t0 = System.nanoTime();
        int segment;
        synchronized (commitLock) {
            // Every record in older segments is applied to the head once we hold the lock.
            segment = wal.roll();
            closedSinceCheckpoint = 0;
        }
        List<HeadSeries.CheckpointState> states = new ArrayList<>();
        List<HeadSeries> fresh = new ArrayList<>();
        // Chunks of idle series are closed once the newest data is in a later block.
        long closeBefore = maxT == Long.MIN_VALUE ? Long.MIN_VALUE : blockStart(maxT);
        for (HeadSeries s : byLabels.values()) {
            if (!s.persisted) {
                fresh.add(s);
            }
            HeadSeries.CheckpointState st = s.checkpoint(closeBefore, options.blockMs());
            if (st != null) {
                states.add(st);
            }
        }
        Map<PostingsIndex.Pair, RoaringBitmap> postings = index.takeDirty();
        for (HeadSeries.CheckpointState st : states) {
            for (Chunk c : st.closed()) {
                oldestBlock = Math.min(oldestBlock, blockStart(c.minT()));
            }
        }
        int[] chunks = {0};
        try {
            lmdb.write(w -> {
                chunks[0] = 0;
                Keys k = new Keys();
                ByteOut val = new ByteOut(4096);
                for (HeadSeries s : fresh) {
                    val.reset();
                    LabelsCodec.encode(s.labels, val);
                    w.put(SERIES, k.id(s.id), k.value(val));
                }
                for (HeadSeries.CheckpointState st : states) {
                    for (Chunk c : st.closed()) {
                        writeChunk(w, k, val, st.series().id, c);
                        chunks[0]++;
                    }
                    val.reset().putLong(flip(st.lastT())).putLong(st.lastBits()).put(st.open(), 0, st.open().length);
                    w.put(HEAD, k.id(st.series().id), k.value(val));
                }
                for (Map.Entry<PostingsIndex.Pair, RoaringBitmap> e : postings.entrySet()) {
                    ByteBuffer key = k.pair(e.getKey());
                    RoaringBitmap ids = e.getValue();
                    if (ids.isEmpty()) {
                        w.delete(POSTINGS, key);
                    } else {
                        ids.runOptimize();
                        ByteBuffer v = ByteBuffer.allocateDirect(ids.serializedSizeInBytes());
                        ids.serialize(v);
                        v.flip();
                        w.put(POSTINGS, key, v);
                    }
                }
                w.put(META, k.bytes(WAL_START), k.value(new ByteOut(4).putInt(segment)));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            for (HeadSeries.CheckpointState st : states) {
                st.series().checkpointFailed();
            }
            index.redirty(postings.keySet());
            writeError = "checkpoint: " + e.getMessage();
            stats.checkpointFailures.increment();
            throw e;
        }
        for (HeadSeries.CheckpointState st : states) {
            st.series().persisted(st.closed());
        }
        for (HeadSeries s : fresh) {
            s.persisted = true;
        }
        if (writeError.startsWith("checkpoint")) {
            writeError = "";
        }
        int deleted = wal.deleteBefore(segment);
        stats.checkpoints.increment();
        LOG.debug("TSDB checkpoint: {} series changed, {} new, {} chunks, {} postings, {} WAL segment(s) "
                        + "deleted in {} ms", states.size(), fresh.size(), chunks[0], postings.size(), deleted,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private long blockStart(long t) {
        return Math.floorDiv(t, options.blockMs()) * options.blockMs();
    }

    static long flip(long t) {
        return t ^ Long.MIN_VALUE;
    }

    static long unflip(long t) {
        return t ^ Long.MIN_VALUE;
    }

    /** Reusable direct buffers for LMDB keys and values (LMDB copies them on put). */
    private static final class Keys {
        private final ByteBuffer key = ByteBuffer.allocateDirect(511);
        private final ByteBuffer end = ByteBuffer.allocateDirect(12);
        private ByteBuffer value = ByteBuffer.allocateDirect(4096);

        ByteBuffer id(int id) {
            key.clear();
            return key.putInt(id).flip();
        }

        ByteBuffer chunk(long block, int id, long minT) {
            key.clear();
            return key.putLong(flip(block)).putInt(id).putLong(flip(minT)).flip();
        }

        /** The first key after every chunk of series {@code id} in {@code block} (a second buffer). */
        ByteBuffer seriesEnd(long block, int id) {
            end.clear();
            return end.putLong(flip(block)).putInt(id + 1).flip();
        }

        ByteBuffer pair(PostingsIndex.Pair p) {
            key.clear();
            // The all-ids entry is the pair ("", ""): key 0x00 (LMDB allows no empty key).
            key.put(p.name().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
            byte[] v = p.value().getBytes(StandardCharsets.UTF_8);
            // LMDB keys are at most 511 bytes: cut very long values (the bitmap still lists
            // the right ids; two values sharing a 500-byte prefix would share an entry, which
            // only a rebuild from the series table undoes).
            key.put(v, 0, Math.min(v.length, key.remaining()));
            return key.flip();
        }

        ByteBuffer bytes(byte[] b) {
            key.clear();
            return key.put(b).flip();
        }

        ByteBuffer value(ByteOut v) {
            if (value.capacity() < v.length()) {
                value = ByteBuffer.allocateDirect(Math.max(v.length(), value.capacity() * 2));
            }
            value.clear();
            return value.put(v.array(), 0, v.length()).flip();
        }
    }

    // ---------------------------------------------------------------- retention

    /**
     * Deletes blocks that ended before {@code now - retention}, then the oldest blocks while LMDB
     * holds more than the size limit, then series left without data. Appends and queries go on.
     */
    public void applyRetention(long nowMs) throws IOException {
        maintenance.lock();
        try {
            long cutoff = Long.MIN_VALUE;
            if (options.retentionMs() > 0) {
                long firstKept = blockStart(nowMs - options.retentionMs());
                long deleted = deleteChunksBefore(firstKept);
                Long oldest = findOldestBlock();
                oldestBlock = oldest == null ? Long.MAX_VALUE : oldest;
                if (deleted > 0) {
                    stats.timeRetentions.increment();
                    LOG.info("TSDB retention deleted {} chunks older than {}", deleted, firstKept);
                }
                cutoff = firstKept;
            }
            if (options.retentionBytes() > 0) {
                while (lmdb.usedBytes() > options.retentionBytes()) {
                    Long oldest = findOldestBlock();
                    if (oldest == null || oldest >= blockStart(nowMs) - options.blockMs()) {
                        break; // never delete the blocks being written
                    }
                    long deleted = deleteChunksBefore(oldest + options.blockMs());
                    Long next = findOldestBlock();
                    oldestBlock = next == null ? Long.MAX_VALUE : next;
                    stats.sizeRetentions.increment();
                    LOG.info("TSDB size retention: LMDB above {} bytes, deleted {} chunks of the block at {}",
                            options.retentionBytes(), deleted, oldest);
                    cutoff = Math.max(cutoff, oldest + options.blockMs());
                }
            }
            // A series can only become droppable when the cutoff moves or a checkpoint moves head
            // data out; otherwise the scan over every series (under the commit lock) is skipped.
            long checkpoints = stats.checkpoints.sum();
            if (cutoff != Long.MIN_VALUE && (cutoff != lastDropCutoff || checkpoints != lastDropCheckpoints)) {
                dropEmptySeries(cutoff);
                lastDropCutoff = cutoff;
                lastDropCheckpoints = checkpoints;
            }
        } finally {
            maintenance.unlock();
        }
    }

    private long deleteChunksBefore(long blockStart) throws IOException {
        ByteBuffer to = ByteBuffer.allocateDirect(8).putLong(0, flip(blockStart));
        long total = 0;
        while (true) {
            // Bounded transactions: a writer holds LMDB's single write lock while it runs.
            long n = lmdb.write(w -> w.deleteRange(CHUNKS, null, to, 100_000));
            // (the map-full retry runs the lambda again: deleteRange is idempotent)
            total += n;
            if (n < 100_000) {
                return total;
            }
        }
    }

    private Long findOldestBlock() throws IOException {
        return lmdb.read(Tsdb::oldestBlock);
    }

    /** Start of the first block with a persisted chunk, or null when there is none. */
    private static Long oldestBlock(LmdbEnvironment.Reader r) {
        Long[] first = {null};
        r.forEach(CHUNKS, null, null, (k, v) -> {
            first[0] = unflip(k.getLong(k.position()));
            return false;
        });
        return first[0];
    }

    /**
     * Adds the persisted chunks of series {@code id} in block {@code block} that overlap
     * {@code [mint, maxt]} to {@code out}, copied out of the transaction.
     */
    private static void readChunks(LmdbEnvironment.Reader r, Keys k, int id, long block, long mint, long maxt,
            List<Chunk> out) {
        r.forEach(CHUNKS, k.chunk(block, id, Long.MIN_VALUE), k.seriesEnd(block, id), (key, v) -> {
            long minT = unflip(key.getLong(key.position() + 12));
            long maxT = unflip(v.getLong(v.position()));
            if (maxT >= mint && minT <= maxt) {
                byte[] bytes = new byte[v.remaining() - 8];
                v.get(v.position() + 8, bytes);
                out.add(new Chunk(minT, maxT, bytes));
            }
            return true;
        });
    }

    /** Stores a closed chunk of series {@code id}: value = flipped max t, then the chunk bytes. */
    private void writeChunk(LmdbEnvironment.Writer w, Keys k, ByteOut val, int id, Chunk c) {
        val.reset().putLong(flip(c.maxT())).put(c.bytes(), 0, c.bytes().length);
        w.put(CHUNKS, k.chunk(blockStart(c.minT()), id, c.minT()), k.value(val));
    }

    /** Removes series whose newest sample is before {@code cutoff} and that hold no head data. */
    private void dropEmptySeries(long cutoff) throws IOException {
        List<HeadSeries> gone = new ArrayList<>();
        synchronized (commitLock) {
            for (HeadSeries s : byLabels.values()) {
                long last = s.lastT();
                if (last != Long.MIN_VALUE && last < cutoff && s.persisted && !s.hasChunks()) {
                    gone.add(s);
                }
            }
            for (HeadSeries s : gone) {
                s.removed = true;
                byLabels.remove(s.labels);
                byId[s.id] = null;
                index.remove(s.id, s.labels);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        lmdb.write(w -> {
            Keys k = new Keys();
            for (HeadSeries s : gone) {
                w.delete(SERIES, k.id(s.id));
                w.delete(HEAD, k.id(s.id));
            }
            return null;
        });
        LOG.info("TSDB retention removed {} series without data since {}", gone.size(), cutoff);
    }

    // ---------------------------------------------------------------- admin

    /** Series ids and a time range whose samples are deleted; logged in the WAL as REC_DELETE. */
    record Deletion(long mint, long maxt, int[] ids) {
        void encode(ByteOut out) {
            out.put(REC_DELETE).putVarint(mint).putVarint(maxt).putUvarint(ids.length);
            for (int id : ids) {
                out.putUvarint(id);
            }
        }

        static Deletion decode(ByteBuffer in) {
            long mint = ByteIn.varint(in);
            long maxt = ByteIn.varint(in);
            int[] ids = new int[Math.toIntExact(ByteIn.uvarint(in))];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) ByteIn.uvarint(in);
            }
            return new Deletion(mint, maxt, ids);
        }
    }

    /**
     * Deletes the samples in {@code [mint, maxt]} of the matching series, from the head and from
     * LMDB, at once (no tombstones). The deletion is logged first, so a crash half way is
     * finished by the next start.
     */
    public void deleteSeries(List<LabelMatcher> matchers, long mint, long maxt) throws IOException {
        ensureOpen();
        maintenance.lock();
        try {
            Deletion d = new Deletion(mint, maxt, index.select(matchers).toArray());
            if (d.ids().length == 0) {
                return;
            }
            lastDropCheckpoints = -1; // series may have lost their last data: scan at the next retention
            synchronized (commitLock) {
                ByteOut rec = walRecord.reset();
                d.encode(rec);
                logRecord(rec);
                for (int id : d.ids()) {
                    HeadSeries s = series(id);
                    if (s != null) {
                        s.delete(mint, maxt);
                    }
                }
            }
            deleteFromLmdb(d);
            LOG.info("TSDB deleted samples in [{}, {}] of {} series", mint, maxt, d.ids().length);
        } finally {
            maintenance.unlock();
        }
    }

    private void deleteFromLmdb(Deletion d) throws IOException {
        if (oldestBlock == Long.MAX_VALUE) {
            return;
        }
        long first = Math.max(blockStart(d.mint()), oldestBlock);
        long last = blockStart(Math.min(d.maxt(), Math.max(maxT, first)));
        lmdb.write(w -> {
            Keys k = new Keys();
            ByteOut val = new ByteOut(4096);
            List<Chunk> found = new ArrayList<>();
            for (int id : d.ids()) {
                for (long b = first; b <= last; b += options.blockMs()) {
                    found.clear();
                    readChunks(w, k, id, b, d.mint(), d.maxt(), found);
                    for (Chunk c : found) {
                        w.delete(CHUNKS, k.chunk(b, id, c.minT()));
                        Chunk kept = ChunkFilter.without(c, d.mint(), d.maxt());
                        if (kept != null) {
                            writeChunk(w, k, val, id, kept);
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * Writes a compacted copy of LMDB into {@code snapshots/<name>} under the database directory,
     * after a checkpoint unless {@code skipHead}; returns the name (as Prometheus names them:
     * UTC time and random hex). The copy is a database directory of its own: point a backend's
     * path at it to read it.
     */
    public String snapshot(boolean skipHead) throws IOException {
        ensureOpen();
        if (!skipHead) {
            checkpoint();
        }
        String name = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
                + "-" + String.format("%016x", ThreadLocalRandom.current().nextLong());
        lmdb.copyTo(dir.resolve("snapshots").resolve(name));
        LOG.info("TSDB snapshot {} written", name);
        return name;
    }

    // ---------------------------------------------------------------- querying

    public Querier querier(long mint, long maxt) {
        ensureOpen();
        return new TsdbQuerier(mint, maxt);
    }

    private final class TsdbQuerier implements Querier {
        private final long mint;
        private final long maxt;

        TsdbQuerier(long mint, long maxt) {
            this.mint = mint;
            this.maxt = maxt;
        }

        private List<HeadSeries> matching(List<LabelMatcher> matchers) {
            RoaringBitmap ids = index.select(matchers);
            List<HeadSeries> out = new ArrayList<>(ids.getCardinality());
            PeekableIntIterator it = ids.getIntIterator();
            while (it.hasNext()) {
                HeadSeries s = series(it.next());
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers) {
            ensureOpen();
            List<HeadSeries> found = matching(matchers);
            if (sorted) {
                found.sort(Comparator.comparing(s -> s.labels));
            }
            List<List<Chunk>> data = new ArrayList<>(found.size());
            for (HeadSeries s : found) {
                List<Chunk> chunks = new ArrayList<>(4);
                s.collect(mint, maxt, chunks); // the head first: see ChunksIterator
                data.add(chunks);
            }
            try {
                lmdb.read(r -> {
                    Keys k = new Keys();
                    // Only blocks that can hold chunks: a range reaching back years costs no more.
                    long first = Math.max(blockStart(mint), oldestBlock);
                    long last = blockStart(maxt);
                    for (int i = 0; i < found.size(); i++) {
                        int id = found.get(i).id;
                        List<Chunk> chunks = data.get(i);
                        for (long b = first; b <= last; b += options.blockMs()) {
                            readChunks(r, k, id, b, mint, maxt, chunks);
                        }
                    }
                    return null;
                });
            } catch (IOException e) {
                throw new StorageException("cannot read chunks: " + e.getMessage(), true, e);
            }
            List<Series> out = new ArrayList<>(found.size());
            for (int i = 0; i < found.size(); i++) {
                List<Chunk> chunks = data.get(i);
                if (chunks.isEmpty()) {
                    continue;
                }
                chunks.sort(Comparator.comparingLong(Chunk::minT));
                out.add(new LoadedSeries(found.get(i).labels, chunks, mint, maxt));
            }
            return SeriesSet.of(out);
        }

        @Override
        public List<String> labelNames(List<LabelMatcher> matchers) {
            List<String> names = index.labelNames(index.select(matchers));
            names.sort(null);
            return names;
        }

        @Override
        public List<String> labelValues(String name, List<LabelMatcher> matchers) {
            List<String> values = index.labelValues(name, matchers.isEmpty() ? null : index.select(matchers));
            values.sort(null);
            return values;
        }

        @Override
        public void close() {
        }
    }

    private record LoadedSeries(Labels labels, List<Chunk> chunks, long mint, long maxt) implements Series {
        @Override
        public SampleIterator iterator() {
            return overlapping(chunks) ? ChunkMerge.merge(chunks, mint, maxt) : new ChunksIterator(chunks, mint, maxt);
        }

        /** Whether chunks sorted by start overlap (out-of-order data, or a chunk seen twice). */
        private static boolean overlapping(List<Chunk> sorted) {
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).minT() <= sorted.get(i - 1).maxT()) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- status

    public int seriesCount() {
        return byLabels.size();
    }

    PostingsIndex index() {
        return index;
    }

    public long lmdbUsedBytes() {
        try {
            return lmdb.usedBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    public long lmdbMapBytes() {
        return lmdb.mapSize();
    }

    public long walBytes() {
        Wal w = wal;
        return w == null ? 0 : w.sizeBytes();
    }

    /** Oldest and newest timestamps held in the head (MAX/MIN when empty). */
    public long[] headRange() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (HeadSeries s : byLabels.values()) {
            min = Math.min(min, s.headMinT());
            max = Math.max(max, s.lastT());
        }
        return new long[] {min, max};
    }

    /** What {@code /api/v1/status/tsdb} shows. */
    public StorageStatus.Snapshot status(int limit) {
        long chunks = 0;
        for (HeadSeries s : byLabels.values()) {
            chunks += s.chunkCount();
        }
        long[] range = headRange();
        List<List<StorageStatus.Count>> top = index.stats(limit);
        return new StorageStatus.Snapshot(byLabels.size(), index.pairCount(), chunks,
                range[0] == Long.MAX_VALUE ? 0 : range[0], range[1] == Long.MIN_VALUE ? 0 : range[1],
                top.get(0), top.get(1), top.get(2), top.get(3));
    }

    /** Flushes the WAL to the device (for power loss; the process dying needs no flush). */
    public void syncWal() throws IOException {
        Wal w = wal;
        if (w != null && !closed) {
            w.sync();
        }
    }

    /** Closes files without a checkpoint, as if the process died: for crash tests. */
    void crashForTest() throws IOException {
        synchronized (commitLock) {
            closed = true;
            wal.close();
        }
        lmdb.close();
    }

    /** Checkpoints (so that the next start replays little) and closes. Appends then fail with 503. */
    @Override
    public void close() throws IOException {
        maintenance.lock();
        try {
            if (closed) {
                return;
            }
            try {
                checkpointLocked();
            } catch (IOException | RuntimeException e) {
                LOG.error("TSDB final checkpoint failed; the WAL keeps the data: {}", e.toString());
            }
            synchronized (commitLock) {
                closed = true;
                wal.close();
            }
            lmdb.close();
        } finally {
            maintenance.unlock();
        }
    }
}
