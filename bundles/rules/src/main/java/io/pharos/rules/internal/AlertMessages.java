package io.pharos.rules.internal;

import io.pharos.spi.model.Labels;
import java.nio.charset.StandardCharsets;

/** How Prometheus identifies and links alerts it sends: fingerprints and generator URLs. */
final class AlertMessages {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AlertMessages() {
    }

    /**
     * Alertmanager's fingerprint of a label set ({@code model.LabelSet.Fingerprint}): FNV-1a 64
     * over the sorted names and values, each followed by 0xff, as 16 hex digits.
     */
    static String fingerprint(Labels labels) {
        long h = FNV_OFFSET;
        for (int i = 0; i < labels.size(); i++) {
            h = add(add(h, labels.name(i)), labels.value(i));
        }
        return String.format("%016x", h);
    }

    private static long add(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        h ^= 0xff;
        return h * FNV_PRIME;
    }

    /** Prometheus' {@code strutil.TableLinkForExpression}. */
    static String tableLink(String expr) {
        return "/graph?g0.expr=" + queryEscape(expr) + "&g0.tab=1";
    }

    /** Go's {@code url.QueryEscape}: unreserved characters stay, space becomes '+', the rest %XX. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }
}
