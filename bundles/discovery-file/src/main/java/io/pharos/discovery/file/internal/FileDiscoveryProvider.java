package io.pharos.discovery.file.internal;

import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.model.PluginConfigException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code file_sd_configs}: target groups from JSON and YAML files. */
@Component(service = DiscoveryProvider.class)
public final class FileDiscoveryProvider implements DiscoveryProvider {
    @Override
    public String type() {
        return "file";
    }

    @Override
    public Discoverer create(Map<String, Object> config, DiscoveryContext context) throws PluginConfigException {
        return new FileDiscoverer(FileSdConfig.parse(config, context.configDirectory()), context);
    }
}
