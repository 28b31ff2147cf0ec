package io.pharos.shell.internal;

import io.pharos.rules.AlertInfo;
import io.pharos.rules.RuleManager;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code pharos:alerts}: the pending and firing alerts, as {@code /api/v1/alerts} lists them. */
@Command(scope = "pharos", name = "alerts", description = "Lists the pending and firing alerts")
@Service
public class AlertsCommand implements Action {
    @Option(name = "--no-format", description = "Plain tab-separated output, for scripts")
    boolean noFormat;

    @Reference
    RuleManager rules;

    @Override
    public Object execute() {
        print(rules.alerts(), System.out, !noFormat);
        return null;
    }

    static void print(List<AlertInfo> alerts, PrintStream out, boolean format) {
        if (alerts.isEmpty()) {
            out.println("No active alerts");
            return;
        }
        table(alerts).print(out, format);
    }

    static ShellTable table(List<AlertInfo> alerts) {
        ShellTable t = new ShellTable();
        t.column("Name");
        t.column("State");
        t.column("Labels");
        t.column("Active Since");
        t.column("Value").alignRight();
        for (AlertInfo a : alerts) {
            String name = a.labels().getOrEmpty("alertname");
            t.addRow().addContent(name, a.state().text(), a.labels().toBuilder().remove("alertname").build().toString(),
                    Format.instant(a.activeAt()), Format.number(a.value()));
        }
        return t;
    }
}
