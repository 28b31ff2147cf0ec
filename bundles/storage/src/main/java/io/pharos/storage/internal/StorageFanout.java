package io.pharos.storage.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.StorageAdmin;
import io.pharos.spi.storage.StorageBackend;
import io.pharos.spi.storage.StorageStatus;
import io.pharos.storage.Storage;
import io.pharos.storage.StorageUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every registered {@link StorageBackend} (whiteboard) and presents them as one
 * {@link Storage}: the highest-ranked primary answers queries and must accept every append; each
 * secondary gets a copy, and its failures are logged but never fail the write.
 */
@Component(service = Storage.class, immediate = true)
public final class StorageFanout implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFanout.class);

    private record Registered(StorageBackend backend, boolean primary, int ranking, long serviceId) {
    }

    private static final Comparator<Registered> BEST_FIRST = Comparator
            .comparingInt(Registered::ranking).reversed()
            .thenComparingLong(Registered::serviceId);

    private final List<Registered> backends = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBackend(StorageBackend backend, Map<String, Object> props) {
        Object role = props.getOrDefault(StorageBackend.ROLE_PROPERTY, StorageBackend.ROLE_PRIMARY);
        Object ranking = props.get(Constants.SERVICE_RANKING);
        Object id = props.get(Constants.SERVICE_ID);
        backends.add(new Registered(backend, !StorageBackend.ROLE_SECONDARY.equals(String.valueOf(role)),
                ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : 0L));
        LOG.info("storage backend '{}' added as {}", backend.name(), role);
    }

    void removeBackend(StorageBackend backend) {
        backends.removeIf(r -> r.backend() == backend);
        LOG.info("storage backend '{}' removed", backend.name());
    }

    private StorageBackend primary() {
        Registered best = null;
        for (Registered r : backends) {
            if (r.primary() && (best == null || BEST_FIRST.compare(r, best) < 0)) {
                best = r;
            }
        }
        if (best == null) {
            throw new StorageUnavailableException();
        }
        return best.backend();
    }

    @Override
    public boolean available() {
        return backends.stream().anyMatch(Registered::primary);
    }

    @Override
    public String primaryName() {
        return available() ? primary().name() : null;
    }

    @Override
    public Optional<StorageStatus.Snapshot> status(int limit) {
        StorageBackend primary = primary();
        return primary instanceof StorageStatus
                ? Optional.of(((StorageStatus) primary).status(limit))
                : Optional.empty();
    }

    @Override
    public Optional<StorageAdmin> admin() {
        StorageBackend primary = primary();
        return primary instanceof StorageAdmin ? Optional.of((StorageAdmin) primary) : Optional.empty();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return primary().querier(mint, maxt);
    }

    @Override
    public Appender appender() {
        StorageBackend primary = primary();
        List<Appender> secondaries = new ArrayList<>();
        for (Registered r : backends) {
            if (r.backend() != primary && !r.primary()) {
                secondaries.add(r.backend().appender());
            }
        }
        Appender main = primary.appender();
        return secondaries.isEmpty() ? main : new FanoutAppender(main, secondaries);
    }

    /** Writes to the primary; secondaries are best effort and never fail the batch. */
    private static final class FanoutAppender implements Appender {
        private final Appender primary;
        private final List<Appender> secondaries;

        FanoutAppender(Appender primary, List<Appender> secondaries) {
            this.primary = primary;
            this.secondaries = secondaries;
        }

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            long r = primary.append(ref, labels, t, v);
            for (Appender s : secondaries) {
                try {
                    s.append(0, labels, t, v);
                } catch (RuntimeException e) {
                    LOG.debug("secondary storage rejected a sample of {}: {}", labels, e.getMessage());
                }
            }
            return r;
        }

        @Override
        public void commit() {
            primary.commit();
            for (Appender s : secondaries) {
                try {
                    s.commit();
                } catch (RuntimeException e) {
                    LOG.warn("secondary storage commit failed: {}", e.getMessage());
                }
            }
        }

        @Override
        public void rollback() {
            primary.rollback();
            for (Appender s : secondaries) {
                try {
                    s.rollback();
                } catch (RuntimeException e) {
                    LOG.warn("secondary storage rollback failed: {}", e.getMessage());
                }
            }
        }
    }
}
