package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus' duration syntax ({@code 1d2h30m}, units y w d h m s ms) for parseDuration. */
final class PromDuration {
    private static final Pattern SYNTAX = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private PromDuration() {
    }

    static double parseSeconds(String s) throws TemplateException {
        if (s.isEmpty()) {
            throw new TemplateException("empty duration string");
        }
        if (s.equals("0")) {
            return 0;
        }
        Matcher m = SYNTAX.matcher(s);
        if (!m.matches()) {
            throw new TemplateException("not a valid duration string: " + GoStrings.quote(s));
        }
        long ms = 0;
        for (int g = 1; g <= UNIT_MS.length; g++) {
            if (m.group(g) != null) {
                try {
                    ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(m.group(g)), UNIT_MS[g - 1]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new TemplateException("duration out of range");
                }
            }
        }
        return ms / 1000.0;
    }
}
