package io.pharos.spi.storage;

import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional for a {@link StorageBackend}: describes what it holds, for {@code /api/v1/status/tsdb}.
 * A backend that implements it on the same object it registers is asked when it is the primary.
 */
@ConsumerType
public interface StorageStatus {
    /** Head statistics and the {@code limit} largest cardinalities. */
    Snapshot status(int limit);

    /** A name and a count, as the status page lists them. */
    record Count(String name, long value) {
        public Count {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Prometheus' TSDB status: series, label pairs and chunks in the head, its time range (ms; 0
     * when empty),
     * and top lists of series per metric name, values per label name, bytes of label values per
     * label name and series per label pair ({@code name=value}), largest first.
     */
    record Snapshot(long numSeries, long numLabelPairs, long chunkCount, long minTime, long maxTime,
            List<Count> seriesCountByMetricName, List<Count> labelValueCountByLabelName,
            List<Count> memoryInBytesByLabelName, List<Count> seriesCountByLabelValuePair) {
        public Snapshot {
            seriesCountByMetricName = List.copyOf(seriesCountByMetricName);
            labelValueCountByLabelName = List.copyOf(labelValueCountByLabelName);
            memoryInBytesByLabelName = List.copyOf(memoryInBytesByLabelName);
            seriesCountByLabelValuePair = List.copyOf(seriesCountByLabelValuePair);
        }
    }
}
