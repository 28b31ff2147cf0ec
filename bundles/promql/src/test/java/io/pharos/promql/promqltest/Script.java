package io.pharos.promql.promqltest;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed promqltest file.
 *
 * @param name the file name, used in messages as {@code name:line}
 * @param commands the commands in file order
 */
public record Script(String name, List<Command> commands) {
    public Script {
        commands = List.copyOf(commands);
    }

    /** The eval commands, in file order. */
    public List<Command.Eval> evals() {
        List<Command.Eval> out = new ArrayList<>();
        for (Command c : commands) {
            if (c instanceof Command.Eval e) {
                out.add(e);
            }
        }
        return out;
    }
}
