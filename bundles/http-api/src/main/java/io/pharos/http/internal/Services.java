package io.pharos.http.internal;

import io.pharos.config.ConfigService;
import io.pharos.notifier.Alertmanagers;
import io.pharos.promql.QueryEngine;
import io.pharos.rules.RuleManager;
import io.pharos.scrape.ScrapeTargets;
import io.pharos.storage.Storage;
import java.util.function.Supplier;

/**
 * The kernel services the API reads. Storage is always registered; the others come and go with
 * their bundles, so they are looked up per request and may be null.
 */
record Services(Storage storage, Supplier<QueryEngine> engine, Supplier<ConfigService> config,
                Supplier<ScrapeTargets> targets, Supplier<Alertmanagers> alertmanagers,
                Supplier<RuleManager> rules) {
    /** Without a notifier and a rule manager. */
    Services(Storage storage, Supplier<QueryEngine> engine, Supplier<ConfigService> config,
            Supplier<ScrapeTargets> targets) {
        this(storage, engine, config, targets, () -> null, () -> null);
    }
}
