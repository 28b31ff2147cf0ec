package io.pharos.template.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A Go {@code time.Time} in UTC, printed as its {@code String()}: {@code 2006-01-02 15:04:05.999999999 +0000 UTC}. */
record GoTime(Instant instant) implements GoStringer {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Whole-second Unix time, for the {@code .Unix} method templates may call. */
    public long Unix() {
        return instant.getEpochSecond();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(40).append(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos).replaceAll("0+$", "");
            sb.append('.').append(frac);
        }
        return sb.append(" +0000 UTC").toString();
    }
}
