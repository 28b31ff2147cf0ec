package io.pharos.shell.internal;

import io.pharos.promql.QueryEngineFactory;
import io.pharos.rules.promtool.RuleUnitTester;
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

/**
 * {@code pharos:test-rules <test-file>...}: {@code promtool test rules}. Each test runs against its own
 * in-memory data; the running server's data and rules are not touched.
 */
@Command(scope = "pharos", name = "test-rules", description = "Runs rule unit tests, as promtool test rules")
@Service
public class TestRulesCommand implements Action {
    @Argument(index = 0, name = "files", description = "Test files", required = true, multiValued = true)
    @Completion(FileCompleter.class)
    List<String> files;

    @Reference
    QueryEngineFactory engines;

    @Override
    public Object execute() {
        run(System.out, System.err);
        return null;
    }

    /** @return whether every test passed */
    boolean run(PrintStream out, PrintStream err) {
        return new RuleUnitTester(engines).run(files.stream().map(Path::of).toList(), out, err);
    }
}
