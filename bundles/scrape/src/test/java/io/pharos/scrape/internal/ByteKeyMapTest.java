package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-keyed cache against a HashMap model, through growth and removals. */
class ByteKeyMapTest {
    private static Integer get(ByteKeyMap<Integer> m, String key) {
        byte[] b = ("xx" + key + "yy").getBytes(StandardCharsets.UTF_8); // keys sit inside a larger buffer
        return m.get(b, 2, b.length - 4, ByteKeyMap.hash(b, 2, b.length - 4));
    }

    private static void put(ByteKeyMap<Integer> m, String key, int v) {
        byte[] b = ("__" + key).getBytes(StandardCharsets.UTF_8);
        m.put(b, 2, b.length - 2, ByteKeyMap.hash(b, 2, b.length - 2), v);
    }

    @Test
    void behavesLikeAMapThroughGrowthAndRemovals() {
        ByteKeyMap<Integer> m = new ByteKeyMap<>();
        Map<String, Integer> model = new HashMap<>();
        Random r = new Random(7);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 500; i++) {
                String k = "metric_" + r.nextInt(5000) + "{a=\"" + r.nextInt(3) + "\"}";
                if (!model.containsKey(k)) {
                    int v = r.nextInt(1000);
                    model.put(k, v);
                    put(m, k, v);
                }
            }
            int cut = r.nextInt(1000);
            m.removeIf(v -> v < cut);
            model.values().removeIf(v -> v < cut);
            assertEquals(model.size(), m.size());
            for (Map.Entry<String, Integer> e : model.entrySet()) {
                assertEquals(e.getValue(), get(m, e.getKey()), e.getKey());
            }
            assertNull(get(m, "absent{}"));
        }
    }

    @Test
    void aFailingPredicateLeavesAConsistentMap() {
        ByteKeyMap<Integer> m = new ByteKeyMap<>();
        for (int i = 0; i < 100; i++) {
            put(m, "k" + i, i);
        }
        int[] seen = {0};
        assertThrows(IllegalStateException.class, () -> m.removeIf(v -> {
            if (++seen[0] == 50) {
                throw new IllegalStateException("storage went away");
            }
            return v % 2 == 0;
        }));
        int found = 0;
        for (int i = 0; i < 100; i++) {
            if (get(m, "k" + i) != null) {
                found++;
            }
        }
        assertEquals(m.size(), found);
    }
}
