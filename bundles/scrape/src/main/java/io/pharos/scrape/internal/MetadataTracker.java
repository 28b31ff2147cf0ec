package io.pharos.scrape.internal;

import io.pharos.scrape.MetricMetadata;
import io.pharos.spi.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The metric metadata (type, help, unit per family) of one target's recent scrapes. Families are
 * looked up by the raw bytes of their name, and a HELP text is compared byte for byte with the
 * last one, so a scrape that repeats what the previous one said allocates nothing. A family not
 * mentioned for more than {@link #KEEP_SCRAPES} scrapes is forgotten, as Prometheus does.
 * Updated by the scrape thread; {@link #snapshot()} may be read from any thread.
 */
final class MetadataTracker {
    /** Scrapes a family's metadata outlives its last mention. */
    static final int KEEP_SCRAPES = 10;

    private static final class Family {
        final String name;
        byte[] rawHelp;
        MetricMetadata meta;
        long lastSeen;

        Family(String name) {
            this.name = name;
            this.meta = new MetricMetadata(name, MetricType.UNKNOWN, "", "");
        }
    }

    private final ByteKeyMap<Family> families = new ByteKeyMap<>();
    private long iteration;
    private boolean changed;
    private volatile List<MetricMetadata> snapshot = List.of();

    /** Starts the metadata of a new scrape body. */
    void begin() {
        iteration++;
    }

    /** A HELP line; {@code text} (the unescaped help) is asked for only when the raw bytes changed. */
    void help(byte[] buf, int nameOff, int nameLen, int rawOff, int rawLen, Supplier<String> text) {
        Family f = family(buf, nameOff, nameLen);
        if (f.rawHelp == null || !Arrays.equals(f.rawHelp, 0, f.rawHelp.length, buf, rawOff, rawOff + rawLen)) {
            f.rawHelp = Arrays.copyOfRange(buf, rawOff, rawOff + rawLen);
            f.meta = new MetricMetadata(f.name, f.meta.type(), text.get(), f.meta.unit());
            changed = true;
        }
    }

    /** A TYPE line. */
    void type(byte[] buf, int nameOff, int nameLen, MetricType type) {
        Family f = family(buf, nameOff, nameLen);
        if (f.meta.type() != type) {
            f.meta = new MetricMetadata(f.name, type, f.meta.help(), f.meta.unit());
            changed = true;
        }
    }

    /** A UNIT line (OpenMetrics). */
    void unit(byte[] buf, int nameOff, int nameLen, int unitOff, int unitLen) {
        Family f = family(buf, nameOff, nameLen);
        String old = f.meta.unit();
        if (!sameAscii(old, buf, unitOff, unitLen)) {
            f.meta = new MetricMetadata(f.name, f.meta.type(), f.meta.help(),
                    new String(buf, unitOff, unitLen, StandardCharsets.UTF_8));
            changed = true;
        }
    }

    /** Ends a scrape body: forgets families long unmentioned and publishes what changed. */
    void end() {
        families.removeIf(f -> {
            if (iteration - f.lastSeen > KEEP_SCRAPES) {
                changed = true;
                return true;
            }
            return false;
        });
        if (changed) {
            List<MetricMetadata> out = new ArrayList<>(families.size());
            families.forEachValue(f -> out.add(f.meta));
            out.sort(Comparator.comparing(MetricMetadata::metric));
            snapshot = List.copyOf(out);
            changed = false;
        }
    }

    /** The metadata as of the last {@link #end()}, sorted by family name. */
    List<MetricMetadata> snapshot() {
        return snapshot;
    }

    private Family family(byte[] buf, int off, int len) {
        int hash = ByteKeyMap.hash(buf, off, len);
        Family f = families.get(buf, off, len, hash);
        if (f == null) {
            f = new Family(new String(buf, off, len, StandardCharsets.UTF_8));
            families.put(buf, off, len, hash, f);
            changed = true;
        }
        f.lastSeen = iteration;
        return f;
    }

    private static boolean sameAscii(String s, byte[] buf, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buf[off + i]) {
                return false;
            }
        }
        return true;
    }
}
