package io.pharos.shell.internal;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code pharos:reload}: validates and applies the configuration file; a bad file changes nothing. */
@Command(scope = "pharos", name = "reload", description = "Reloads prometheus.yml (the old configuration stays if it is invalid)")
@Service
public class ReloadCommand implements Action {
    @Reference
    ConfigService config;

    @Override
    public Object execute() {
        try {
            config.reload();
            System.out.println("Reloaded " + config.file() + ": " + config.current().scrapeConfigs().size()
                    + " scrape configs");
        } catch (ConfigException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println("The previous configuration keeps running.");
        }
        return null;
    }
}
