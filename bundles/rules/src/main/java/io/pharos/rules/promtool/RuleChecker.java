package io.pharos.rules.promtool;

import io.pharos.promql.QueryEngine;
import io.pharos.rules.internal.RuleFileCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code promtool check rules}: validates rule files and prints, per file, {@code Checking <file>}
 * then {@code SUCCESS: N rules found} or {@code FAILED:} and each problem as {@code file: line:col: reason}.
 */
public final class RuleChecker {
    private final RuleFileCheck check;

    /** @param engine parses the rules' expressions */
    public RuleChecker(QueryEngine engine) {
        this.check = new RuleFileCheck(engine);
    }

    /**
     * Checks {@code files}, writing results to {@code out} and failures to {@code err} as promtool does.
     *
     * @return whether every file is valid
     */
    public boolean check(List<Path> files, PrintStream out, PrintStream err) {
        return check.check(files, out, err);
    }
}
