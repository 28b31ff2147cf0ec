package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLine;
import java.util.List;

/** One command of a promqltest script. Every command knows the file line it starts on. */
public sealed interface Command {
    /** The 1-based line number of the command in its file. */
    int line();

    /** {@code load <interval>} or {@code load_with_nhcb <interval>} with its series lines. */
    record Load(int line, long intervalMs, List<SeriesLine> series, boolean withNhcb) implements Command {
        public Load {
            series = List.copyOf(series);
        }
    }

    /** {@code clear}: drop all loaded data. */
    record Clear(int line) implements Command {
    }

    /** An {@code eval} command of either kind. */
    sealed interface Eval extends Command {
        String expr();

        Expectations expect();
    }

    /** {@code eval instant at <time> <expr>}. */
    record EvalInstant(int line, long atMs, String expr, Expectations expect) implements Eval {
    }

    /** {@code eval range from <start> to <end> step <step> <expr>}. */
    record EvalRange(int line, long startMs, long endMs, long stepMs, String expr, Expectations expect)
            implements Eval {
    }
}
