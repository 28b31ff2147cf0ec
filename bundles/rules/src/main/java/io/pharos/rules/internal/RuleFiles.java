package io.pharos.rules.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Expands {@code rule_files} globs as Prometheus does: relative to the configuration file's folder. */
final class RuleFiles {
    private RuleFiles() {
    }

    /** The files the patterns match, pattern by pattern, each pattern's matches sorted, no duplicates. */
    static List<Path> expand(Path configDir, List<String> patterns) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String pattern : patterns) {
            Path full = configDir.resolve(pattern).normalize();
            if (!hasMeta(pattern)) {
                if (Files.isRegularFile(full)) {
                    out.add(full);
                }
                continue;
            }
            // Walk from the deepest folder without glob characters, as deep as the pattern goes.
            Path base = full.getRoot() == null ? Path.of("") : full.getRoot();
            int depth = 0;
            boolean inGlob = false;
            for (Path part : full) {
                if (!inGlob && !hasMeta(part.toString())) {
                    base = base.resolve(part);
                } else {
                    inGlob = true;
                    depth++;
                }
            }
            if (!Files.isDirectory(base)) {
                continue;
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + escapeBase(full.toString()));
            List<Path> found = new ArrayList<>();
            try (Stream<Path> s = Files.walk(base, depth)) {
                s.filter(p -> Files.isRegularFile(p) && m.matches(p)).sorted().forEach(found::add);
            }
            out.addAll(found);
        }
        return new ArrayList<>(out);
    }

    private static boolean hasMeta(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** Go globs know no braces: match them literally. */
    private static String escapeBase(String s) {
        return s.replace("{", "\\{").replace("}", "\\}");
    }
}
