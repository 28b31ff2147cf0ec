package io.pharos.shell.internal;

import io.pharos.promql.QueryEngine;
import io.pharos.rules.promtool.RuleChecker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** {@code pharos:check-rules <file>...}: {@code promtool check rules}. */
@Command(scope = "pharos", name = "check-rules", description = "Checks rule files for errors, as promtool check rules")
@Service
public class CheckRulesCommand implements Action {
    @Argument(index = 0, name = "files", description = "Rule files", required = true, multiValued = true)
    @Completion(FileCompleter.class)
    List<String> files;

    @Reference
    QueryEngine engine;

    @Override
    public Object execute() {
        run(System.out, System.err);
        return null;
    }

    /** @return whether every file is valid */
    boolean run(PrintStream out, PrintStream err) {
        return new RuleChecker(engine).check(files.stream().map(Path::of).toList(), out, err);
    }
}
