package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.testkit.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every query of Prometheus' own PromQL test scripts ({@code eval} commands of the promqltest
 * corpus) parses with all experimental features on, as Prometheus runs them, and round-trips
 * through the printer. Their expected failures are evaluation errors, not syntax errors, with one
 * known exception listed in {@link #REJECTED_AT_PARSE_TIME}.
 */
class PromqlTestCorpusParseTest {
    private static final Pattern EVAL = Pattern.compile(
            "^eval(?:_\\w+)?\\s+(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)\\s+(.+)$");

    /**
     * Strings whose escapes make invalid UTF-8 ({@code "\xff"}): Go strings may hold any bytes, so
     * Prometheus parses these and fails at evaluation; Java strings cannot, so Pharos rejects them
     * as {@code invalid UTF-8 rune} when parsing. Both queries are expected to fail.
     */
    private static final Set<String> REJECTED_AT_PARSE_TIME = Set.of(
            "count_values(\"a\\xc5z\", version)",
            "label_replace(testmetric, \"\\xff\", \"\", \"src\", \"(.*)\")");

    @Test
    void everyEvalQueryParses() throws IOException {
        Path dir = Corpora.resolve("promqltest");
        List<String> failures = new ArrayList<>();
        int count = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EVAL.matcher(lines.get(i));
                    if (!m.matches()) {
                        continue;
                    }
                    String query = m.group(1);
                    if (REJECTED_AT_PARSE_TIME.contains(query)) {
                        continue;
                    }
                    count++;
                    try {
                        ParserTest.assertRoundTrip(query, ParserOptions.ALL_FEATURES);
                    } catch (ParseException | AssertionError e) {
                        failures.add(f.getFileName() + ":" + (i + 1) + ": " + query + "\n    " + e.getMessage());
                    }
                }
            }
        }
        System.out.printf("promqltest: %d of %d eval queries parse%n", count - failures.size(), count);
        assertTrue(count > 2000, "expected the ~2,200 eval commands, found " + count);
        assertTrue(failures.isEmpty(), failures.size() + " queries fail:\n" + String.join("\n", failures));
    }
}
