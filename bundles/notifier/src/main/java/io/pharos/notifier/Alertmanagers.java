package io.pharos.notifier;

import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The Alertmanagers the notifier knows, for {@code /api/v1/alertmanagers}. */
@ProviderType
public interface Alertmanagers {
    /** The push URLs ({@code .../api/v2/alerts}) alerts are sent to, in configuration order. */
    List<URI> active();

    /** The push URLs of discovered Alertmanagers that relabeling dropped. */
    List<URI> dropped();
}
