package io.pharos.rules.promtool;

import io.pharos.promql.QueryEngineFactory;
import io.pharos.rules.internal.RuleUnitTests;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code promtool test rules}: runs rule unit test files (format of Prometheus' "Unit testing for
 * rules": {@code rule_files}, {@code evaluation_interval}, {@code group_eval_order},
 * {@code fuzzy_compare}, {@code tests} with {@code input_series}, {@code alert_rule_test} and
 * {@code promql_expr_test}). Each test group runs against its own in-memory storage, so the kernel's
 * data is never touched. Native histogram values are not supported and fail their test group.
 */
public final class RuleUnitTester {
    private final RuleUnitTests tests;

    /** @param engines makes the engine each test group queries its private storage with */
    public RuleUnitTester(QueryEngineFactory engines) {
        this.tests = new RuleUnitTests(engines);
    }

    /**
     * Runs every file, printing {@code Unit Testing:  <file>} then {@code SUCCESS}, or
     * {@code FAILED:} and the failures (to {@code err}) as promtool does.
     *
     * @return whether every test passed
     */
    public boolean run(List<Path> files, PrintStream out, PrintStream err) {
        return tests.run(files, out, err);
    }

    /**
     * The failures of one file, each as promtool words it; empty when every test passes.
     *
     * @param unmatched told of every {@code rule_files} pattern that matches no file
     */
    public List<String> failures(Path file, Consumer<String> unmatched) {
        return tests.test(file, unmatched);
    }
}
