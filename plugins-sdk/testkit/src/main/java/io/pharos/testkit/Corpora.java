package io.pharos.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The public conformance corpora ({@code shared/corpora}: PromQL test scripts, exposition samples,
 * promtool fixtures, ...), which live beside the repository and are never copied into it.
 *
 * <p>Where they are missing, the calling test is skipped with a message that says so; when the
 * environment variable {@value #REQUIRE_ENV} is set (as CI does), it fails instead, so that CI can
 * never pass without running them.
 */
public final class Corpora {
    /** Set (to anything) to make a missing corpus a failure instead of a skip. */
    public static final String REQUIRE_ENV = "PHAROS_REQUIRE_CORPORA";

    private Corpora() {
    }

    /** The {@code shared/corpora} folder, found by walking up from the working directory. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpora");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        missing("shared/corpora not found above " + Path.of("").toAbsolutePath());
        return null;
    }

    /** A file or folder of the corpora, e.g. {@code promqltest} or {@code promtool/prometheus.yml}. */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            missing(p + " not found");
        }
        return p;
    }

    private static void missing(String what) {
        if (System.getenv(REQUIRE_ENV) != null) {
            Assertions.fail(what + ", and " + REQUIRE_ENV + " is set: corpus tests must run");
        }
        Assumptions.abort(what + ": corpus tests skipped");
    }
}
