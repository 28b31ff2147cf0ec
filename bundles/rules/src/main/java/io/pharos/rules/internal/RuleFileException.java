package io.pharos.rules.internal;

import java.util.List;

/**
 * Rule files that cannot be loaded. Each problem reads as Prometheus reports it: the file, then
 * {@code line:column} where known, then the reason, e.g.
 * {@code rules.yml: 5:13: group "g", rule 1, "up:sum": could not parse expression: ...}.
 */
public final class RuleFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RuleFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
