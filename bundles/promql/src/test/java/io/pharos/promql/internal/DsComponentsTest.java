package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.testkit.DsComponents;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test kit finds the function plugins on the test class path through their DS descriptors. */
class DsComponentsTest {
    @Test
    void findsEveryFunctionFamily() {
        List<PromQLFunction> fns = DsComponents.instances(PromQLFunction.class);
        Set<String> names = new HashSet<>();
        for (PromQLFunction f : fns) {
            assertTrue(names.add(f.name()), "one instance per component: " + f.name());
        }
        for (String n : List.of("abs", "time", "sum_over_time", "rate", "label_replace", "histogram_quantile")) {
            assertTrue(names.contains(n), n);
        }
        assertFalse(names.contains("step"), "the engine's own functions are no DS components");
        // A new instance per call, as DS would create per component configuration.
        assertFalse(fns.get(0) == DsComponents.instances(PromQLFunction.class).get(0));
    }

    @Test
    void descriptorsNameTheirServices() {
        List<DsComponents.Descriptor> ds = DsComponents.descriptors(getClass().getClassLoader());
        assertTrue(ds.stream().anyMatch(d -> d.provides().contains(PromQLFunction.class.getName())));
        assertEquals(0, DsComponents.instances(Runnable.class).size());
    }
}
