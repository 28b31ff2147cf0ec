package io.pharos.rules.internal;

import io.pharos.promql.QueryEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** promtool's {@code check rules}: parses and validates rule files, printing what promtool prints. */
public final class RuleFileCheck {
    private final QueryEngine engine;

    public RuleFileCheck(QueryEngine engine) {
        this.engine = engine;
    }

    /** Checks every file; true if all are valid. */
    public boolean check(List<Path> files, PrintStream out, PrintStream err) {
        boolean ok = true;
        for (Path f : files) {
            out.println("Checking " + f);
            try {
                int n = 0;
                for (GroupSpec g : parse(f)) {
                    n += g.rules().size();
                }
                out.println("  SUCCESS: " + n + " rules found");
                out.println();
            } catch (RuleFileException e) {
                ok = false;
                err.println("  FAILED:");
                e.problems().forEach(err::println);
            }
        }
        return ok;
    }

    private List<GroupSpec> parse(Path f) throws RuleFileException {
        String content;
        try {
            content = Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RuleFileException(List.of(f + ": open " + f + ": no such file or directory"));
        } catch (IOException e) {
            throw new RuleFileException(List.of(f + ": " + e.getMessage()));
        }
        return new RuleFileParser(f.toString(), false, RuleFileParser.exprCheck(engine)).parse(content);
    }
}
