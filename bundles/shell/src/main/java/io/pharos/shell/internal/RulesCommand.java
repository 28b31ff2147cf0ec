package io.pharos.shell.internal;

import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.rules.RuleManager;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code pharos:rules}: the loaded rule groups and how their rules' last evaluation went. */
@Command(scope = "pharos", name = "rules", description = "Lists the rule groups and the health of their rules")
@Service
public class RulesCommand implements Action {
    @Option(name = "--group", aliases = "-g", description = "Only the groups with this name", multiValued = true)
    List<String> groups;

    @Option(name = "--no-format", description = "Plain tab-separated output, for scripts")
    boolean noFormat;

    @Reference
    RuleManager rules;

    @Override
    public Object execute() {
        print(rules.groups(), groups, System.out, !noFormat);
        return null;
    }

    /** Per group a heading line, then a table of its rules. */
    static void print(List<RuleGroupInfo> all, List<String> only, PrintStream out, boolean format) {
        List<RuleGroupInfo> shown = all.stream().filter(g -> only == null || only.contains(g.name())).toList();
        if (shown.isEmpty()) {
            out.println(only == null ? "No rule groups loaded" : "No rule group named " + String.join(", ", only));
            return;
        }
        for (RuleGroupInfo g : shown) {
            out.println("Group " + g.name() + " (" + g.file() + "), every " + Format.duration(g.interval())
                    + ", last evaluation " + Format.instant(g.lastEvaluation()) + " took "
                    + Format.duration(g.evaluationTime()));
            table(g).print(out, format);
            out.println();
        }
    }

    static ShellTable table(RuleGroupInfo g) {
        ShellTable t = new ShellTable();
        t.column("Name");
        t.column("Type");
        t.column("Health");
        t.column("Last Evaluation");
        t.column("Evaluation Time").alignRight();
        t.column("Last Error");
        for (RuleInfo r : g.rules()) {
            t.addRow().addContent(r.name(), r.type().text(), r.health().text(), Format.instant(r.lastEvaluation()),
                    Format.duration(r.evaluationTime() == null ? Duration.ZERO : r.evaluationTime()), r.lastError());
        }
        return t;
    }
}
