package io.pharos.shell.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code pharos:query <expr>}: evaluates an instant query and prints it as an aligned table. */
@Command(scope = "pharos", name = "query", description = "Evaluates a PromQL expression at one instant")
@Service
public class QueryCommand implements Action {
    @Argument(index = 0, name = "expr", description = "The PromQL expression", required = true, multiValued = true)
    java.util.List<String> expr;

    @Option(name = "--time", aliases = "-t", description = "Evaluation time: Unix seconds or RFC 3339 (default: now)")
    String time;

    @Option(name = "--no-format", description = "Plain tab-separated output, for scripts")
    boolean noFormat;

    @Reference
    QueryEngine engine;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        long t;
        try {
            t = time == null ? System.currentTimeMillis() : parseTime(time);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: invalid --time \"" + time + "\": use Unix seconds or RFC 3339");
            return null;
        }
        QueryResult result;
        try {
            result = engine.instantQuery(String.join(" ", expr), t);
        } catch (PromQLException e) {
            System.err.println("Error (" + e.errorType().text() + "): " + e.getMessage());
            return null;
        }
        render(result).print(out, !noFormat);
        return null;
    }

    static long parseTime(String s) {
        try {
            return Math.round(Double.parseDouble(s) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(s, e);
            }
        }
    }

    static ShellTable render(QueryResult result) {
        ShellTable table = new ShellTable();
        table.column("Series");
        table.column("Value").alignRight();
        table.column("Timestamp");
        if (result instanceof QueryResult.VectorResult v) {
            v.samples().forEach(s ->
                    table.addRow().addContent(s.labels().toString(), format(s.v()), Instant.ofEpochMilli(s.t())));
        } else if (result instanceof QueryResult.ScalarResult s) {
            table.addRow().addContent("scalar", format(s.v()), Instant.ofEpochMilli(s.t()));
        } else if (result instanceof QueryResult.StringResult s) {
            table.addRow().addContent("string", s.v(), Instant.ofEpochMilli(s.t()));
        } else if (result instanceof QueryResult.MatrixResult m) {
            m.series().forEach(s -> {
                for (int i = 0; i < s.timestamps().length; i++) {
                    table.addRow().addContent(s.labels().toString(), format(s.values()[i]),
                            Instant.ofEpochMilli(s.timestamps()[i]));
                }
            });
        }
        return table;
    }

    private static String format(double v) {
        return Format.number(v);
    }
}
