package io.pharos.scrape;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.annotation.versioning.ProviderType;

/** The targets the scrape manager currently knows, as {@code /api/v1/targets} reports them. */
@ProviderType
public interface ScrapeTargets {
    /** Targets being scraped, in configuration order. */
    List<TargetStatus> active();

    /**
     * Targets that relabeling dropped, with the labels they were discovered with; per pool at most
     * {@code keep_dropped_targets} of them when that is set.
     */
    List<DroppedTarget> dropped();

    /** How many targets relabeling dropped per pool, also those not kept; every pool, 0 included. */
    default Map<String, Integer> droppedCounts() {
        Map<String, Integer> out = new TreeMap<>();
        active().forEach(t -> out.putIfAbsent(t.scrapePool(), 0));
        dropped().forEach(d -> out.merge(d.scrapePool(), 1, Integer::sum));
        return out;
    }

    /** The metric metadata of each active target's recent scrapes, in the order of {@link #active()}. */
    default List<TargetMetadata> metadata() {
        return List.of();
    }
}
