package io.pharos.spi.model;

/**
 * A plugin's section of a configuration file is invalid. The message names what is wrong
 * (field and reason); the kernel adds file and position and keeps the previous configuration.
 */
public class PluginConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginConfigException(String message) {
        super(message);
    }

    public PluginConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
