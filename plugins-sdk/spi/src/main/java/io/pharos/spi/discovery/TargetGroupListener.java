package io.pharos.spi.discovery;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Receives target group updates from a {@link Discoverer}. Thread-safe; calls do not block long. */
@ProviderType
@FunctionalInterface
public interface TargetGroupListener {
    void update(List<TargetGroup> groups);
}
