package io.pharos.spi.discovery;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A running source of target groups. After {@link #start} it reports the complete current set of
 * groups once and then every change, from its own thread(s), through the listener. A group is
 * identified by {@link TargetGroup#source()}: a report replaces the previous group with that
 * source, and a group with no targets removes it. Errors (an unreadable file, an unreachable API)
 * are logged by the discoverer, which keeps the last good groups and tries again.
 */
@ConsumerType
public interface Discoverer extends AutoCloseable {
    void start(TargetGroupListener listener);

    /** Stops reporting; no listener call may start after this returns. */
    @Override
    void close();
}
