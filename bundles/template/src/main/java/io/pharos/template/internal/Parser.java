package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;
import io.pharos.template.internal.Node.Arg;
import io.pharos.template.internal.Node.BranchKind;
import io.pharos.template.internal.Node.Command;
import io.pharos.template.internal.Node.Pipe;
import io.pharos.template.internal.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the parse tree from tokens with the checks Go's parser makes up front: undefined
 * variables and functions, misplaced {@code else}/{@code end}/{@code break}, duplicate
 * definitions. Variables are scoped to the control structure that declares them.
 */
final class Parser {
    private final String name;
    private final String src;
    private final List<Token> tokens;
    private final Set<String> funcs;
    private final Map<String, List<Node>> trees = new LinkedHashMap<>();
    private final List<String> vars = new ArrayList<>();
    private int next;
    private int lastEnd;
    private int rangeDepth;

    private Parser(String name, String src, List<Token> tokens, Set<String> funcs) {
        this.name = name;
        this.src = src;
        this.tokens = tokens;
        this.funcs = funcs;
    }

    /** Parses {@code src}; the result maps every template name (the root first) to its body. */
    static Map<String, List<Node>> parse(String name, String src, Set<String> funcs) throws TemplateException {
        Parser p = new Parser(name, src, Lexer.lex(name, src), funcs);
        List<Node> root = new ArrayList<>();
        p.trees.put(name, root);
        p.vars.add("$");
        while (!p.peek().is(Kind.EOF)) {
            if (p.peek().is(Kind.LEFT_DELIM) && p.peekNonSpace(1).isKeyword("define")) {
                p.take();
                p.takeNonSpace();
                p.definition();
            } else {
                Node n = p.textOrAction();
                if (n instanceof Terminator t) {
                    throw p.error(t.token, "unexpected " + t.describe());
                }
                root.add(n);
            }
        }
        return p.trees;
    }

    /** {@code {{end}}} or {@code {{else}}}, returned by {@link #textOrAction} to end a list. */
    private record Terminator(Token token) implements Node {
        @Override
        public int pos() {
            return token.pos();
        }

        String describe() {
            return "{{" + token.text() + "}}";
        }
    }

    private void definition() throws TemplateException {
        Token nameTok = takeNonSpace();
        String defName = stringValue(nameTok, "define clause");
        expectRightDelim("define clause");
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        List<Node> body = new ArrayList<>();
        Terminator t = itemList(body);
        if (t.token.isKeyword("else")) {
            throw error(t.token, "unexpected {{else}}");
        }
        vars.clear();
        vars.addAll(saved);
        add(defName, body, nameTok);
    }

    private void add(String defName, List<Node> body, Token at) throws TemplateException {
        List<Node> existing = trees.get(defName);
        if (existing == null || isEmpty(existing)) {
            trees.put(defName, body);
        } else if (!isEmpty(body)) {
            throw error(at, "template: multiple definition of template " + GoStrings.quote(defName));
        }
    }

    /** Go's IsEmptyTree: only whitespace text. */
    private static boolean isEmpty(List<Node> list) {
        for (Node n : list) {
            if (!(n instanceof Node.Text t) || !t.text().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Parses nodes into {@code into} up to an {@code end} or {@code else}, which it returns. */
    private Terminator itemList(List<Node> into) throws TemplateException {
        while (true) {
            if (peek().is(Kind.EOF)) {
                throw error(peek(), "unexpected EOF");
            }
            Node n = textOrAction();
            if (n instanceof Terminator t) {
                return t;
            }
            into.add(n);
        }
    }

    private Node textOrAction() throws TemplateException {
        Token t = take();
        if (t.is(Kind.TEXT)) {
            return new Node.Text(t.pos(), t.text());
        }
        if (!t.is(Kind.LEFT_DELIM)) {
            throw unexpected(t, "input");
        }
        Token k = takeNonSpace();
        if (k.is(Kind.KEYWORD)) {
            switch (k.text()) {
                case "end" -> {
                    expectRightDelim("end");
                    return new Terminator(k);
                }
                case "else" -> {
                    return new Terminator(k); // the caller reads what follows
                }
                case "if" -> {
                    return control(k, BranchKind.IF);
                }
                case "with" -> {
                    return control(k, BranchKind.WITH);
                }
                case "range" -> {
                    return control(k, BranchKind.RANGE);
                }
                case "template" -> {
                    return templateCall(k, "template clause");
                }
                case "block" -> {
                    return block(k);
                }
                case "break", "continue" -> {
                    if (rangeDepth == 0) {
                        throw error(k, "{{" + k.text() + "}} outside {{range}}");
                    }
                    expectRightDelim(k.text());
                    return k.text().equals("break") ? new Node.Break(k.pos()) : new Node.Continue(k.pos());
                }
                default -> throw unexpected(k, "input");
            }
        }
        back();
        Pipe pipe = pipeline("command", false);
        return new Node.Action(t.pos(), pipe);
    }

    private Node control(Token k, BranchKind kind) throws TemplateException {
        int mark = vars.size();
        Pipe pipe = pipeline(kind.name().toLowerCase(), kind == BranchKind.RANGE);
        List<Node> list = new ArrayList<>();
        List<Node> elseList = new ArrayList<>();
        if (kind == BranchKind.RANGE) {
            rangeDepth++;
        }
        Terminator t = itemList(list);
        if (kind == BranchKind.RANGE) {
            rangeDepth--;
        }
        if (t.token.isKeyword("else")) {
            Token after = peekNonSpace(0);
            if (kind != BranchKind.RANGE && after.isKeyword(kind == BranchKind.IF ? "if" : "with")) {
                // {{else if ...}} is an if nested in the else branch, ended by the same {{end}}
                Token nested = takeNonSpace();
                elseList.add(control(nested, kind));
            } else {
                expectRightDelim("else");
                Terminator end = itemList(elseList);
                if (!end.token.isKeyword("end")) {
                    throw error(end.token, "expected end; found " + end.describe());
                }
            }
        }
        vars.subList(mark, vars.size()).clear();
        return new Node.Branch(k.pos(), kind, pipe, List.copyOf(list), List.copyOf(elseList));
    }

    private Node.Call templateCall(Token k, String context) throws TemplateException {
        Token nameTok = takeNonSpace();
        String callee = stringValue(nameTok, context);
        Pipe pipe = null;
        if (!peekNonSpace(0).is(Kind.RIGHT_DELIM)) {
            pipe = pipeline(context, false);
        } else {
            expectRightDelim(context);
        }
        return new Node.Call(k.pos(), callee, pipe);
    }

    private Node block(Token k) throws TemplateException {
        Node.Call call = templateCall(k, "block clause");
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        List<Node> body = new ArrayList<>();
        Terminator t = itemList(body);
        if (!t.token.isKeyword("end")) {
            throw error(t.token, "unexpected " + t.describe());
        }
        vars.clear();
        vars.addAll(saved);
        add(call.name(), body, k);
        return call;
    }

    /** A pipeline up to and including the closing delimiter. */
    private Pipe pipeline(String context, boolean isRange) throws TemplateException {
        int start = peekNonSpace(0).pos();
        List<String> declared = new ArrayList<>();
        boolean assign = false;
        Token v = peekNonSpace(0);
        if (v.is(Kind.VARIABLE)) {
            int save = next;
            takeNonSpace();
            Token op = peekNonSpace(0);
            if (op.is(Kind.DECLARE) || op.is(Kind.ASSIGN)) {
                takeNonSpace();
                assign = op.is(Kind.ASSIGN);
                declared.add(v.text());
            } else if (op.is(Kind.COMMA) && isRange) {
                takeNonSpace();
                Token v2 = takeNonSpace();
                Token op2 = takeNonSpace();
                if (!v2.is(Kind.VARIABLE) || !(op2.is(Kind.DECLARE) || op2.is(Kind.ASSIGN))) {
                    throw error(v2, "range can only initialize variables");
                }
                assign = op2.is(Kind.ASSIGN);
                declared.add(v.text());
                declared.add(v2.text());
            } else if (op.is(Kind.COMMA)) {
                throw error(op, "too many declarations in " + context);
            } else {
                next = save;
            }
        }
        List<Command> commands = new ArrayList<>();
        int end = start;
        while (true) {
            Token t = peekNonSpace(0);
            if (t.is(Kind.RIGHT_DELIM) || t.is(Kind.RIGHT_PAREN)) {
                takeNonSpace();
                if (commands.isEmpty()) {
                    throw error(t, "missing value for " + context);
                }
                if (t.is(Kind.RIGHT_PAREN) != context.equals("parenthesized pipeline")) {
                    throw unexpected(t, context);
                }
                break;
            }
            Command c = command();
            commands.add(c);
            end = c.pos() + c.src().length();
        }
        for (int i = 1; i < commands.size(); i++) {
            Arg first = commands.get(i).args().get(0);
            if (first instanceof Node.Literal || first instanceof Node.NilArg || first instanceof Node.DotArg) {
                throw error(first.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
        if (assign) {
            for (String d : declared) {
                requireVar(d, v);
            }
        } else {
            vars.addAll(declared);
        }
        return new Pipe(start, src.substring(start, end), assign, List.copyOf(declared), List.copyOf(commands));
    }

    private Command command() throws TemplateException {
        int start = peekNonSpace(0).pos();
        List<Arg> args = new ArrayList<>();
        while (true) {
            skipSpace();
            args.add(operand());
            Token t = peek();
            if (t.is(Kind.SPACE)) {
                Token after = peekNonSpace(0);
                if (after.is(Kind.RIGHT_DELIM) || after.is(Kind.RIGHT_PAREN)) {
                    break;
                }
                if (after.is(Kind.PIPE)) {
                    takeNonSpace();
                    break;
                }
                continue;
            }
            if (t.is(Kind.RIGHT_DELIM) || t.is(Kind.RIGHT_PAREN)) {
                break;
            }
            if (t.is(Kind.PIPE)) {
                take();
                break;
            }
            throw unexpected(t, "operand");
        }
        int end = args.get(args.size() - 1).pos() + args.get(args.size() - 1).src().length();
        return new Command(start, src.substring(start, end), List.copyOf(args));
    }

    private Arg operand() throws TemplateException {
        Token t = take();
        int start = t.pos();
        Arg term = switch (t.kind()) {
            case FIELD -> {
                List<String> f = fieldsFrom(t);
                yield new Node.FieldArg(start, src.substring(start, lastEnd), f);
            }
            case DOT -> new Node.DotArg(start, t.text());
            case VARIABLE -> {
                requireVar(t.text(), t);
                yield new Node.VarArg(start, t.text(), t.text(), fields());
            }
            case IDENTIFIER -> {
                if (!funcs.contains(t.text())) {
                    throw error(t, "function " + GoStrings.quote(t.text()) + " not defined");
                }
                yield new Node.FuncArg(start, t.text(), t.text());
            }
            case STRING, RAW_STRING -> new Node.Literal(start, t.text(), stringValue(t, "operand"));
            case CHAR -> new Node.Literal(start, t.text(), (long) Literals.unquoteChar(t.text(), this, t));
            case NUMBER -> new Node.Literal(start, t.text(), Literals.number(t.text(), this, t));
            case BOOL -> new Node.Literal(start, t.text(), Boolean.parseBoolean(t.text()));
            case NIL -> new Node.NilArg(start, t.text());
            case LEFT_PAREN -> {
                Pipe p = pipeline("parenthesized pipeline", false);
                yield new Node.SubPipe(start, src.substring(start, lastEnd), p, fields());
            }
            default -> throw unexpected(t, "operand");
        };
        if (peek().is(Kind.FIELD) && !(term instanceof Node.VarArg) && !(term instanceof Node.SubPipe)) {
            if (term instanceof Node.FieldArg f) {
                List<String> all = new ArrayList<>(f.fields());
                all.addAll(fields());
                term = new Node.FieldArg(start, src.substring(start, lastEnd), List.copyOf(all));
            } else {
                throw error(peek(), "unexpected " + peek().describe() + " in operand");
            }
        }
        if (term instanceof Node.VarArg || term instanceof Node.SubPipe) {
            String text = src.substring(start, lastEnd);
            term = term instanceof Node.VarArg va ? new Node.VarArg(start, text, va.name(), va.fields())
                    : new Node.SubPipe(start, text, ((Node.SubPipe) term).pipe(), ((Node.SubPipe) term).fields());
        }
        return term;
    }

    private List<String> fieldsFrom(Token first) {
        List<String> f = new ArrayList<>();
        f.add(first.text().substring(1));
        f.addAll(fields());
        return List.copyOf(f);
    }

    /** Field tokens directly following the previous token. */
    private List<String> fields() {
        List<String> f = new ArrayList<>();
        while (peek().is(Kind.FIELD)) {
            f.add(take().text().substring(1));
        }
        return List.copyOf(f);
    }

    private void requireVar(String var, Token at) throws TemplateException {
        if (!vars.contains(var)) {
            throw error(at, "undefined variable " + GoStrings.quote(var));
        }
    }

    private String stringValue(Token t, String context) throws TemplateException {
        if (t.is(Kind.RAW_STRING)) {
            return t.text().substring(1, t.text().length() - 1).replace("\r", "");
        }
        if (t.is(Kind.STRING)) {
            return Literals.unquote(t.text(), this, t);
        }
        throw unexpected(t, context);
    }

    private void expectRightDelim(String context) throws TemplateException {
        Token t = takeNonSpace();
        if (!t.is(Kind.RIGHT_DELIM)) {
            throw unexpected(t, context);
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** The {@code n}th token after the next one, spaces skipped. */
    private Token peekNonSpace(int n) {
        int i = next;
        for (int seen = -1; ; i++) {
            if (!tokens.get(i).is(Kind.SPACE) && ++seen == n || tokens.get(i).is(Kind.EOF)) {
                return tokens.get(i);
            }
        }
    }

    private Token take() {
        Token t = tokens.get(next);
        if (!t.is(Kind.EOF)) {
            next++;
        }
        lastEnd = t.pos() + t.text().length();
        return t;
    }

    private void back() {
        next--;
    }

    private void skipSpace() {
        while (peek().is(Kind.SPACE)) {
            take();
        }
    }

    private Token takeNonSpace() {
        skipSpace();
        return take();
    }

    private TemplateException unexpected(Token t, String context) {
        return error(t, "unexpected " + t.describe() + " in " + context);
    }

    TemplateException error(Token t, String msg) {
        return error(t.pos(), msg);
    }

    private TemplateException error(int pos, String msg) {
        return new TemplateException("template: " + name + ":" + Lexer.line(src, pos) + ": " + msg);
    }
}
