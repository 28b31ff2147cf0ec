package io.pharos.scrape;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The targets the scrape manager currently knows, as {@code /api/v1/targets} reports them. */
@ProviderType
public interface ScrapeTargets {
    /** Targets being scraped, in configuration order. */
    List<TargetStatus> active();

    /** Targets that relabeling dropped, with the labels they were discovered with. */
    List<DroppedTarget> dropped();
}
