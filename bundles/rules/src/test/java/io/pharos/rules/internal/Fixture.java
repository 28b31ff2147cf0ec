package io.pharos.rules.internal;

import io.pharos.promql.Sample;
import io.pharos.promql.internal.EngineSettings;
import io.pharos.promql.internal.QueryEngineComponent;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.storage.Storage;
import io.pharos.storage.memory.MemoryStorage;
import io.pharos.testkit.DsComponents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** In-memory storage, a real engine with every function plugin, and a manager without a scheduler. */
final class Fixture {
    static final List<PromQLFunction> FUNCTIONS = DsComponents.instances(PromQLFunction.class);

    final MemoryStorage memory = new MemoryStorage();
    final Storage storage = new MemoryBackedStorage(memory);
    final QueryEngineComponent engine = new QueryEngineComponent(storage, EngineSettings.DEFAULTS, FUNCTIONS);
    final List<List<io.pharos.spi.alerting.Alert>> sent = new ArrayList<>();
    final RulesManager manager;
    /** The wall clock the manager sees; tests move it. */
    volatile Instant now = Instant.EPOCH;
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    Fixture() {
        manager = new RulesManager(engine, storage, clock, null,
                RulesManager.Timing.DEFAULTS, null);
        manager.addSink(sent::add);
    }

    void add(Labels labels, long t, double v) {
        Appender a = storage.appender();
        a.append(0, labels, t, v);
        a.commit();
    }

    /** Every stored sample of the series named {@code name}, as (labels, t, v). */
    List<Sample> samples(String name) {
        List<Sample> out = new ArrayList<>();
        try (Querier q = storage.querier(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4);
             SeriesSet set = q.select(true, SelectHints.of(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4),
                     List.of(LabelMatcher.equal(Labels.METRIC_NAME, name)))) {
            while (set.next()) {
                var it = set.at().iterator();
                while (it.next() == SampleType.FLOAT) {
                    out.add(new Sample(set.at().labels(), it.timestamp(), it.value()));
                }
            }
        }
        return out;
    }
}
