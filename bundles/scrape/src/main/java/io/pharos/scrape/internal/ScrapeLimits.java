package io.pharos.scrape.internal;

import io.pharos.config.GlobalConfig;
import io.pharos.config.ScrapeConfig;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-scrape limits of a job ({@code body_size_limit}, {@code sample_limit},
 * {@code label_limit}, {@code label_name_length_limit}, {@code label_value_length_limit}); 0 is
 * no limit. A job's value wins over the global one, as in Prometheus.
 */
record ScrapeLimits(long bodySizeLimit, int sampleLimit, int labelLimit, int labelNameLengthLimit,
                    int labelValueLengthLimit) {
    static final ScrapeLimits NONE = new ScrapeLimits(0, 0, 0, 0, 0);

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB|EB|EiB)?");

    static ScrapeLimits of(ScrapeConfig sc, GlobalConfig global) {
        Map<String, Object> extra = sc.extra();
        return new ScrapeLimits(
                bytes(extra.containsKey("body_size_limit") ? String.valueOf(extra.get("body_size_limit"))
                        : global.bodySizeLimit()),
                intOr(extra.get("sample_limit"), global.sampleLimit()),
                intOr(extra.get("label_limit"), global.labelLimit()),
                intOr(extra.get("label_name_length_limit"), global.labelNameLengthLimit()),
                intOr(extra.get("label_value_length_limit"), global.labelValueLengthLimit()));
    }

    /** {@code target_limit}: the most targets a job may have after relabeling; 0 is no limit. */
    static int targetLimit(ScrapeConfig sc, GlobalConfig global) {
        return intOr(sc.extra().get("target_limit"), global.targetLimit());
    }

    /** {@code keep_dropped_targets}: how many dropped targets a job keeps for the API; 0 is all. */
    static int keepDroppedTargets(ScrapeConfig sc, GlobalConfig global) {
        return intOr(sc.extra().get("keep_dropped_targets"), global.keepDroppedTargets());
    }

    private static int intOr(Object v, int dflt) {
        return v instanceof Number n && n.intValue() > 0 ? n.intValue() : dflt;
    }

    /** Prometheus' base-2 sizes: {@code 10MB} is 10 MiB; empty or 0 is no limit. */
    static long bytes(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid body_size_limit \"" + s + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'P' -> 50;
            case 'E' -> 60;
            default -> 0;
        };
        return n << shift;
    }
}
