package io.pharos.promql.promqltest;

import io.pharos.promql.promqltest.EvalOutcome.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts outcomes per corpus file and renders the summary table and the list of non-passes. */
final class ConformanceReport {
    /** One file: its outcomes, or the parse error that stopped it. */
    record FileResult(String file, String parseError, List<EvalOutcome> outcomes) {
        FileResult {
            outcomes = List.copyOf(outcomes);
        }

        int count(Status s) {
            int n = 0;
            for (EvalOutcome o : outcomes) {
                if (o.status() == s) {
                    n++;
                }
            }
            return n;
        }
    }

    private final List<FileResult> files = new ArrayList<>();
    private final boolean strict;

    ConformanceReport(boolean strict) {
        this.strict = strict;
    }

    void add(FileResult r) {
        files.add(r);
    }

    int parseFailures() {
        int n = 0;
        for (FileResult f : files) {
            if (f.parseError() != null) {
                n++;
            }
        }
        return n;
    }

    /** The table: per file passed / failed / unsupported / total, and the grand total. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("PromQL conformance (Prometheus promqltest corpus), strict=").append(strict).append('\n');
        String format = "%-26s %7s %7s %12s %7s%n";
        sb.append(String.format(format, "file", "passed", "failed", "unsupported", "total"));
        sb.append(String.format(format, "", "", "", "(native h.)", ""));
        Map<Status, Integer> totals = new EnumMap<>(Status.class);
        int total = 0;
        for (FileResult f : files) {
            if (f.parseError() != null) {
                sb.append(String.format("%-26s PARSE FAILURE: %s%n", f.file(), f.parseError()));
                continue;
            }
            for (Status s : Status.values()) {
                totals.merge(s, f.count(s), Integer::sum);
            }
            total += f.outcomes().size();
            sb.append(String.format(format, f.file(), f.count(Status.PASS), f.count(Status.FAIL),
                    f.count(Status.UNSUPPORTED), f.outcomes().size()));
        }
        sb.append(String.format(format, "TOTAL", totals.getOrDefault(Status.PASS, 0),
                totals.getOrDefault(Status.FAIL, 0), totals.getOrDefault(Status.UNSUPPORTED, 0),
                total));
        sb.append("files: ").append(files.size()).append(", script parse failures: ").append(parseFailures())
                .append('\n');
        return sb.toString();
    }

    /** The summary, then every eval that did not pass, grouped by status, with its reason. */
    String full() {
        StringBuilder sb = new StringBuilder(summary());
        for (Status s : new Status[] {Status.FAIL, Status.UNSUPPORTED}) {
            sb.append("\n== ").append(s).append(" ==\n");
            for (FileResult f : files) {
                for (EvalOutcome o : f.outcomes()) {
                    if (o.status() == s) {
                        sb.append(o.reason()).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, full(), StandardCharsets.UTF_8);
    }
}
