package io.pharos.relabel;

import io.pharos.spi.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Applies relabel configs to a label set, in order, as Prometheus' relabeling does. Stateless and
 * thread-safe.
 */
public final class Relabeler {
    // MessageDigest is not thread-safe and costly to look up for every series
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    });

    private Relabeler() {
    }

    /**
     * The relabeled labels, or {@code null} when a keep, drop, keepequal or dropequal config drops
     * the series or target. Returns {@code in} itself when there are no configs.
     */
    public static Labels process(Labels in, List<RelabelConfig> configs) {
        if (configs.isEmpty()) {
            return in;
        }
        Labels.Builder builder = in.toBuilder();
        return process(builder, configs) ? builder.build() : null;
    }

    /**
     * Relabels {@code builder} in place, for hot paths that reuse one builder. Returns false when
     * the labels are dropped; the builder then holds a partial result and should be discarded or
     * reset.
     */
    public static boolean process(Labels.Builder builder, List<RelabelConfig> configs) {
        for (int i = 0, n = configs.size(); i < n; i++) {
            if (!apply(configs.get(i), builder)) {
                return false;
            }
        }
        return true;
    }

    private static boolean apply(RelabelConfig c, Labels.Builder b) {
        String value = sourceValue(c, b);
        switch (c.action()) {
            case KEEP:
                return c.regex().matches(value);
            case DROP:
                return !c.regex().matches(value);
            case KEEPEQUAL:
                return value.equals(orEmpty(b.get(c.targetLabel())));
            case DROPEQUAL:
                return !value.equals(orEmpty(b.get(c.targetLabel())));
            case REPLACE:
                replace(c, value, b);
                return true;
            case LOWERCASE:
                b.set(c.targetLabel(), GoCase.toLower(value));
                return true;
            case UPPERCASE:
                b.set(c.targetLabel(), GoCase.toUpper(value));
                return true;
            case HASHMOD:
                b.set(c.targetLabel(), Long.toUnsignedString(hashMod(value, c.modulus())));
                return true;
            case LABELMAP:
                labelMap(c, b);
                return true;
            case LABELDROP:
            case LABELKEEP:
                labelDropOrKeep(c, b);
                return true;
            default:
                throw new AssertionError("unhandled relabel action " + c.action());
        }
    }

    /** The source label values joined by the separator; a missing label contributes "". */
    private static String sourceValue(RelabelConfig c, Labels.Builder b) {
        List<String> sources = c.sourceLabels();
        switch (sources.size()) {
            case 0:
                return "";
            case 1:
                return orEmpty(b.get(sources.get(0))); // no copy on the common path
            default:
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < sources.size(); i++) {
                    if (i > 0) {
                        sb.append(c.separator());
                    }
                    String v = b.get(sources.get(i));
                    if (v != null) {
                        sb.append(v);
                    }
                }
                return sb.toString();
        }
    }

    private static void replace(RelabelConfig c, String value, Labels.Builder b) {
        Matcher m = c.regex().matcher(value);
        if (!m.matches()) {
            return; // no match, no change
        }
        String target = c.regex().expand(c.targetLabel(), m);
        if (!Labels.isValidName(target)) {
            return; // a reference expanded to nothing usable: Prometheus skips silently
        }
        // an empty result removes the label (Builder.set does that for empty values)
        b.set(target, c.regex().expand(c.replacement(), m));
    }

    /**
     * Go's {@code md5.Sum} and {@code binary.BigEndian.Uint64(sum[8:]) % modulus}: the last eight
     * bytes of the digest, unsigned, which keeps sharding stable across Prometheus versions.
     */
    static long hashMod(String value, long modulus) {
        byte[] sum = MD5.get().digest(value.getBytes(StandardCharsets.UTF_8));
        long x = 0;
        for (int i = 8; i < 16; i++) {
            x = (x << 8) | (sum[i] & 0xff);
        }
        return Long.remainderUnsigned(x, modulus);
    }

    /**
     * Copies every label whose name matches to the name the replacement expands to. Works on a
     * snapshot so labels written here are not matched again.
     */
    private static void labelMap(RelabelConfig c, Labels.Builder b) {
        Labels snapshot = b.build();
        for (int i = 0; i < snapshot.size(); i++) {
            Matcher m = c.regex().matcher(snapshot.name(i));
            if (m.matches()) {
                String name = c.regex().expand(c.replacement(), m);
                // Prometheus would write an empty name; a label set cannot hold one, so skip it
                if (!name.isEmpty()) {
                    b.set(name, snapshot.value(i));
                }
            }
        }
    }

    private static void labelDropOrKeep(RelabelConfig c, Labels.Builder b) {
        boolean dropMatching = c.action() == Action.LABELDROP;
        Labels snapshot = b.build();
        for (int i = 0; i < snapshot.size(); i++) {
            if (c.regex().matches(snapshot.name(i)) == dropMatching) {
                b.remove(snapshot.name(i));
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
