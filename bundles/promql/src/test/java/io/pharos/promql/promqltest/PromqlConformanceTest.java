package io.pharos.promql.promqltest;

import io.pharos.promql.promqltest.EvalOutcome.Status;
import io.pharos.testkit.Corpora;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Prometheus' PromQL test scripts ({@code shared/corpora/promqltest/*.test}) against the
 * Pharos engine: one container per file, holding a test that the file parses and one test per
 * eval, named {@code line N: <expr>}.
 *
 * <p><b>Strict.</b> Every script must parse, and every eval must pass: a failure fails the build.
 * Evals that need what the engine and storage cannot represent yet (native histograms) are
 * <em>aborted</em> with their reason. All outcomes are counted in
 * {@code target/promqltest-report.txt} (the summary is also printed).
 * {@value #STRICT_PROPERTY}{@code =false} turns failures into aborts too, e.g. to see the report
 * of a work-in-progress engine.
 */
class PromqlConformanceTest {
    /** System property that makes evaluation failures fail the build (the default). */
    static final String STRICT_PROPERTY = "pharos.promqltest.strict";
    static final boolean STRICT = Boolean.parseBoolean(System.getProperty(STRICT_PROPERTY, "true"));
    static final Path REPORT = Path.of("target", "promqltest-report.txt");

    @TestFactory
    Stream<DynamicNode> promqltest() throws IOException {
        Path dir = Corpora.resolve("promqltest");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().toList();
        }
        Assertions.assertFalse(files.isEmpty(), "no .test files in " + dir);
        ConformanceReport report = new ConformanceReport(STRICT);
        List<DynamicNode> containers = new ArrayList<>();
        try (ScriptRunner runner = new ScriptRunner()) {
            for (Path file : files) {
                containers.add(runFile(file, runner, report));
            }
        }
        report.write(REPORT);
        System.out.print(report.summary());
        System.out.println("details: " + REPORT.toAbsolutePath());
        return containers.stream();
    }

    private static DynamicContainer runFile(Path file, ScriptRunner runner, ConformanceReport report)
            throws IOException {
        String name = file.getFileName().toString();
        Script script;
        try {
            script = ScriptParser.parse(file);
        } catch (ScriptParser.ParseException e) {
            report.add(new ConformanceReport.FileResult(name, e.getMessage(), List.of()));
            return DynamicContainer.dynamicContainer(name, file.toUri(),
                    Stream.of(DynamicTest.dynamicTest(name + " parses", () -> Assertions.fail(e.getMessage(), e))));
        }
        List<EvalOutcome> outcomes = runner.run(script);
        report.add(new ConformanceReport.FileResult(name, null, outcomes));
        List<DynamicNode> tests = new ArrayList<>();
        // File names keep these apart in surefire's report, which merges tests of equal names.
        tests.add(DynamicTest.dynamicTest(name + " parses (" + outcomes.size() + " evals)", () -> { }));
        for (EvalOutcome o : outcomes) {
            URI source = URI.create(file.toUri() + "?line=" + o.eval().line());
            tests.add(DynamicTest.dynamicTest("line " + o.eval().line() + ": " + o.eval().expr(), source,
                    () -> verdict(o)));
        }
        return DynamicContainer.dynamicContainer(name, file.toUri(), tests.stream());
    }

    private static void verdict(EvalOutcome o) {
        if (o.status() == Status.PASS) {
            return;
        }
        if (o.status() == Status.FAIL && STRICT) {
            Assertions.fail(o.reason());
        }
        Assumptions.abort(o.status() + ": " + o.reason());
    }
}
