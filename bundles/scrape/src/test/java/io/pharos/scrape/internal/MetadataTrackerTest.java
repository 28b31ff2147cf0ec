package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pharos.scrape.MetricMetadata;
import io.pharos.spi.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetadataTrackerTest {
    private final MetadataTracker tracker = new MetadataTracker();
    private final AtomicInteger decoded = new AtomicInteger();

    /** One scrape mentioning {@code name} with this help and type (the buffer is new each time). */
    private void scrape(String name, String help, MetricType type) {
        byte[] buf = ("xx" + name + " " + help).getBytes(StandardCharsets.UTF_8);
        int nameLen = name.length();
        tracker.begin();
        tracker.help(buf, 2, nameLen, 3 + nameLen, buf.length - 3 - nameLen, () -> {
            decoded.incrementAndGet();
            return help;
        });
        tracker.type(buf, 2, nameLen, type);
        tracker.end();
    }

    @Test
    void unchangedMetadataIsNeitherDecodedNorReplaced() {
        scrape("a", "Help.", MetricType.COUNTER);
        List<MetricMetadata> first = tracker.snapshot();
        scrape("a", "Help.", MetricType.COUNTER);
        assertSame(first, tracker.snapshot());
        assertEquals(1, decoded.get());
    }

    @Test
    void changedHelpTypeAndUnitArePickedUp() {
        scrape("a", "Help.", MetricType.COUNTER);
        MetricMetadata before = tracker.snapshot().get(0);
        scrape("a", "Better help.", MetricType.GAUGE);
        assertNotSame(before, tracker.snapshot().get(0));
        assertEquals(List.of(new MetricMetadata("a", MetricType.GAUGE, "Better help.", "")), tracker.snapshot());
        byte[] unit = "aseconds".getBytes(StandardCharsets.US_ASCII);
        tracker.begin();
        tracker.unit(unit, 0, 1, 1, 7);
        tracker.end();
        assertEquals(List.of(new MetricMetadata("a", MetricType.GAUGE, "Better help.", "seconds")),
                tracker.snapshot());
    }

    @Test
    void familiesGoAfterTenScrapesWithoutThem() {
        scrape("old", "Old.", MetricType.GAUGE);
        for (int i = 0; i < MetadataTracker.KEEP_SCRAPES; i++) {
            scrape("new", "New.", MetricType.GAUGE);
        }
        assertEquals(2, tracker.snapshot().size());
        scrape("new", "New.", MetricType.GAUGE);
        assertEquals(List.of(new MetricMetadata("new", MetricType.GAUGE, "New.", "")), tracker.snapshot());
    }
}
