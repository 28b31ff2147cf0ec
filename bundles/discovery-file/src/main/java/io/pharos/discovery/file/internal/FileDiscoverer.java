package io.pharos.discovery.file.internal;

import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.discovery.TargetGroupListener;
import io.pharos.spi.discovery.TargetGroups;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files of one {@code file_sd_configs} entry on start, on every change in their
 * directories (a {@link WatchService}) and every refresh interval. A file that fails to read keeps
 * its last good groups; a file that is gone (or has fewer groups) has its groups removed.
 */
final class FileDiscoverer implements Discoverer {
    private static final Logger LOG = LoggerFactory.getLogger(FileDiscoverer.class);

    private final FileSdConfig config;
    private final DiscoveryContext context;
    private final Object reportLock = new Object();
    /** Groups per file from the last good read; touched by the discoverer thread only. */
    private final Map<Path, List<TargetGroup>> lastGood = new HashMap<>();
    private final Set<Path> watched = new HashSet<>();
    private TargetGroupListener listener;
    private WatchService watcher;
    private Thread thread;
    private volatile boolean closed;

    FileDiscoverer(FileSdConfig config, DiscoveryContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public void start(TargetGroupListener groupListener) {
        listener(groupListener);
        try {
            watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            LOG.warn("job {}: cannot watch files ({}); reading them every {} only", context.jobName(), e.getMessage(),
                    config.refreshInterval());
        }
        thread = new Thread(this::run, "pharos-file-sd-" + context.jobName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Sets where updates go; {@link #start} does it, tests that call {@link #refresh} directly too. */
    void listener(TargetGroupListener groupListener) {
        this.listener = groupListener;
    }

    private void run() {
        boolean first = true;
        while (!closed) {
            watchDirectories();
            refresh(first);
            first = false;
            if (!awaitChange()) {
                return;
            }
        }
    }

    /** Waits for a change or the refresh interval; false once closed. */
    private boolean awaitChange() {
        try {
            if (watcher == null) {
                Thread.sleep(config.refreshInterval().toMillis());
                return !closed;
            }
            WatchKey key = watcher.poll(config.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
            // Drain the burst an editor or `mv` makes, so one refresh covers it.
            while (key != null) {
                key.pollEvents();
                if (!key.reset()) {
                    watched.remove((Path) key.watchable());
                }
                key = watcher.poll();
            }
            return !closed;
        } catch (InterruptedException | ClosedWatchServiceException e) {
            return false;
        }
    }

    /** Registers the directories of the patterns; ones that do not exist yet are tried again later. */
    private void watchDirectories() {
        if (watcher == null) {
            return;
        }
        for (Path pattern : config.files()) {
            Path dir = pattern.getParent();
            if (dir != null && !watched.contains(dir) && Files.isDirectory(dir)) {
                try {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                    watched.add(dir);
                } catch (IOException | ClosedWatchServiceException e) {
                    LOG.warn("job {}: cannot watch directory {}: {}", context.jobName(), dir, e.getMessage());
                }
            }
        }
    }

    /** Reads every matching file and reports what changed (everything on the first call). */
    void refresh(boolean first) {
        Map<Path, List<TargetGroup>> now = new LinkedHashMap<>();
        for (Path file : listFiles()) {
            try {
                now.put(file, TargetGroupFiles.read(file));
            } catch (IOException e) {
                LOG.error("job {}: error reading file {}: {}", context.jobName(), file, e.getMessage());
                List<TargetGroup> previous = lastGood.get(file);
                if (previous != null) {
                    now.put(file, previous);
                }
            }
        }
        List<TargetGroup> update = new ArrayList<>();
        now.forEach((file, groups) -> {
            if (first || !groups.equals(lastGood.get(file))) {
                update.addAll(groups);
            }
        });
        lastGood.forEach((file, groups) -> {
            int remaining = now.getOrDefault(file, List.of()).size();
            update.addAll(TargetGroups.removed(file.toString(), remaining, groups.size()));
        });
        lastGood.clear();
        lastGood.putAll(now);
        if (first || !update.isEmpty()) {
            report(update);
        }
    }

    private void report(List<TargetGroup> update) {
        synchronized (reportLock) {
            if (!closed) {
                listener.update(update);
            }
        }
    }

    /** The files the patterns match now, sorted per pattern as Go's filepath.Glob returns them. */
    List<Path> listFiles() {
        Set<Path> out = new java.util.LinkedHashSet<>();
        for (Path pattern : config.files()) {
            String name = pattern.getFileName().toString();
            if (!GoGlob.hasMeta(name)) {
                if (Files.exists(pattern)) {
                    out.add(pattern);
                }
                continue;
            }
            Pattern glob;
            try {
                glob = GoGlob.compile(name);
            } catch (IllegalArgumentException e) {
                LOG.error("job {}: error expanding {}: {}", context.jobName(), pattern, e.getMessage());
                continue;
            }
            TreeSet<Path> matches = new TreeSet<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(pattern.getParent())) {
                for (Path p : dir) {
                    if (glob.matcher(p.getFileName().toString()).matches()) {
                        matches.add(p);
                    }
                }
            } catch (IOException e) {
                // a missing directory matches nothing, as in Go
            }
            out.addAll(matches);
        }
        return new ArrayList<>(out);
    }

    @Override
    public void close() {
        synchronized (reportLock) {
            closed = true;
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the watcher", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
