package io.pharos.template.internal;

import java.util.List;

/**
 * The parse tree. Every node keeps its offset in the template text (for {@code name:line:col} in
 * errors) and, for pipeline parts, the source it came from (Go's {@code at <...>} context).
 */
interface Node {
    int pos();

    record Text(int pos, String text) implements Node {
    }

    record Action(int pos, Pipe pipe) implements Node {
    }

    /** {@code if}, {@code with} or {@code range}; {@code elseList} is empty when there is no else. */
    record Branch(int pos, BranchKind kind, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {
    }

    enum BranchKind { IF, WITH, RANGE }

    /** {@code {{template "name" pipe}}}; pipe is null when absent. */
    record Call(int pos, String name, Pipe pipe) implements Node {
    }

    record Break(int pos) implements Node {
    }

    record Continue(int pos) implements Node {
    }

    /**
     * A pipeline: optional variable declaration ({@code $x :=}, or {@code $i, $v :=} in range)
     * or assignment ({@code $x =}), then commands joined by {@code |}.
     */
    record Pipe(int pos, String src, boolean assign, List<String> vars, List<Command> commands) {
    }

    record Command(int pos, String src, List<Arg> args) {
    }

    /** An operand of a command. */
    interface Arg {
        int pos();

        String src();
    }

    /** {@code .A.B}: fields of dot. */
    record FieldArg(int pos, String src, List<String> fields) implements Arg {
    }

    record DotArg(int pos, String src) implements Arg {
    }

    /** {@code $x.A.B}; fields may be empty. */
    record VarArg(int pos, String src, String name, List<String> fields) implements Arg {
    }

    /** A function name. */
    record FuncArg(int pos, String src, String name) implements Arg {
    }

    /** A string, number or bool constant. */
    record Literal(int pos, String src, Object value) implements Arg {
    }

    record NilArg(int pos, String src) implements Arg {
    }

    /** {@code (pipeline)}, optionally followed by fields: {@code (index . 0).Name}. */
    record SubPipe(int pos, String src, Pipe pipe, List<String> fields) implements Arg {
    }
}
