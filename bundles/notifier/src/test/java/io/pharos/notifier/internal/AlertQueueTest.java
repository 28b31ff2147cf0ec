package io.pharos.notifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertQueueTest {
    static List<Alert> alerts(int from, int to) {
        List<Alert> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new Alert(Labels.of("alertname", "a" + i), Labels.EMPTY, null, null, null, null));
        }
        return out;
    }

    private static List<String> names(List<Alert> alerts) {
        return alerts.stream().map(a -> a.labels().get("alertname")).toList();
    }

    @Test
    void batchesTakeTheOldestFirst() {
        AlertQueue q = new AlertQueue(10);
        assertEquals(0, q.offer(alerts(0, 5)));
        assertEquals(List.of("a0", "a1", "a2"), names(q.nextBatch(3)));
        assertEquals(List.of("a3", "a4"), names(q.nextBatch(3)));
        assertEquals(List.of(), q.nextBatch(3));
    }

    @Test
    void aFullQueueDropsItsOldest() {
        AlertQueue q = new AlertQueue(4);
        assertEquals(0, q.offer(alerts(0, 3)));
        assertEquals(2, q.offer(alerts(3, 6)));
        assertEquals(4, q.size());
        assertEquals(List.of("a2", "a3", "a4", "a5"), names(q.nextBatch(10)));
    }

    @Test
    void anOversizedOfferKeepsItsNewest() {
        AlertQueue q = new AlertQueue(3);
        q.offer(alerts(0, 2));
        assertEquals(2 + 3, q.offer(alerts(2, 8)), "the two queued and the three oldest offered");
        assertEquals(List.of("a5", "a6", "a7"), names(q.nextBatch(10)));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new AlertQueue(0));
    }
}
