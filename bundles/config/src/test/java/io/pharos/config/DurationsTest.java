package io.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "0, 0",
        "0s, 0",
        "1ms, 1",
        "90s, 90000",
        "1m30s, 90000",
        "1h30m, 5400000",
        "1d, 86400000",
        "1w, 604800000",
        "1y, 31536000000",
        "1y2w3d4h5m6s7ms, 33019506007",
        "1s500ms, 1500",
        "010s, 10000",
        "292y, 9208512000000",
    })
    void parses(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {"", "1.5s", "-1s", "+1s", "1", "00", "s", "1h 30m", " 1s", "1s ", "1m1h", "1s1s",
        "1ms1s", "1S", "1x", "1sec", "1hms", "1d1w", "0x10s", "1µs", "1ns"})
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("not a valid duration string: \"" + text + "\"", e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    }

    @Test
    void rejectsWhatPrometheusCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("293y"));
        assertEquals("duration out of range: \"293y\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999s"));
    }

    @ParameterizedTest(name = "{0} ms formats as {1}")
    @CsvSource({
        "0, 0s",
        "1, 1ms",
        "1500, 1s500ms",
        "15000, 15s",
        "90000, 1m30s",
        "3600000, 1h",
        "5400000, 1h30m",
        "86400000, 1d",
        "90000000, 1d1h",
        "604800000, 1w",
        "1209600000, 2w",
        "694800000, 8d1h",
        "7776000000, 90d",
        "31536000000, 1y",
        "63072000000, 2y",
        "31622400000, 366d",
    })
    void formats(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @Test
    void formatDropsSubMillisecondsAndKeepsSign() {
        assertEquals("0s", Durations.format(Duration.ofNanos(999_999)));
        assertEquals("1ms", Durations.format(Duration.ofNanos(1_999_999)));
        assertEquals("-1m30s", Durations.format(Duration.ofSeconds(-90)));
    }
}
