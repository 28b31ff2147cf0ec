package io.pharos.spi.discovery;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** What a discoverer may need to know about where it runs. */
@ProviderType
public interface DiscoveryContext {
    /** The job (or Alertmanager set) the discoverer serves, for logs and metrics. */
    String jobName();

    /** The directory of the config file, against which relative file paths resolve. */
    Path configDirectory();
}
