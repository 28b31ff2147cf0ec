package io.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go text/template semantics, table by table; expected outputs are what Go prints. */
class GoTemplateTest {
    private static final Map<String, Object> DATA = data();

    private static Map<String, Object> data() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", "web");
        m.put("Count", 3L);
        m.put("Ratio", 0.5);
        m.put("Empty", "");
        m.put("Zero", 0L);
        m.put("Items", List.of("a", "b", "c"));
        m.put("None", List.of());
        m.put("Labels", Map.of("job", "node", "instance", "host:9100"));
        m.put("Nested", Map.of("Inner", Map.of("Deep", "yes")));
        m.put("Nil", null);
        return m;
    }

    static String run(String text) throws TemplateException {
        return GoTemplate.parse("t", text, Map.of()).execute(DATA);
    }

    static String error(String text) {
        return assertThrows(TemplateException.class, () -> run(text)).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        // text, fields, missing keys
        "plain text=>plain text",
        "{{.Name}}=>web",
        "{{ .Labels.job }}=>node",
        "{{.Nested.Inner.Deep}}=>yes",
        "{{.Missing}}=><no value>",
        "{{.Labels.missing}}=><no value>",
        "{{.Missing.Deeper}}=><no value>",
        "{{.Nil}}=><no value>",
        "{{.}}=>`map[Count:3 Empty: Items:[a b c] Labels:map[instance:host:9100 job:node] Name:web Nested:map[Inner:map[Deep:yes]] Nil:<nil> None:[] Ratio:0.5 Zero:0]`",
        // trimming
        "a  {{- .Name -}}  b=>awebb",
        "`a \n {{- .Name }} b`=>`aweb b`",
        "`{{ .Name -}} \n\t x`=>webx",
        "a {{- /* comment */ -}} b=>ab",
        "a{{/* comment */}}b=>ab",
        "{{-3}}=>-3",
        "{{ 1 -}}=>1",
        // literals
        "{{ \"a\\tb\" }}=>`a\tb`",
        "{{ `raw\\n` }}=>raw\\n",
        "{{ 'a' }}=>97",
        "{{ 0x1F }}=>31",
        "{{ 1e3 }}=>1000",
        "{{ 1.5 }}=>1.5",
        "{{ 1_000 }}=>1000",
        "{{ true }}=>true",
        // pipelines and variables
        "{{ .Name | printf \"%s!\" }}=>web!",
        "{{ $x := .Name }}{{ $x }}=>web",
        "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}=>2",
        "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}=>21",
        "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}=>2",
        "{{ with .Labels }}{{ $.Name }}/{{ .job }}{{ end }}=>web/node",
        "{{ (index .Items 1) }}=>b",
        "{{ (.Nested.Inner).Deep }}=>yes",
        // if / else
        "{{ if .Count }}yes{{ else }}no{{ end }}=>yes",
        "{{ if .Zero }}yes{{ else }}no{{ end }}=>no",
        "{{ if .Empty }}yes{{ else if .Name }}name{{ else }}no{{ end }}=>name",
        "{{ if .None }}yes{{ else }}no{{ end }}=>no",
        "{{ if .Missing }}yes{{ else }}no{{ end }}=>no",
        "{{ if and .Count .Name }}{{ and .Count .Name }}{{ end }}=>web",
        "{{ or .Empty .Zero .Name }}=>web",
        "{{ and .Zero .Missing.X }}=>0",
        "{{ not .Empty }}=>true",
        // with
        "{{ with .Empty }}x{{ else }}empty{{ end }}=>empty",
        "{{ with $v := .Name }}{{ $v }}{{ . }}{{ end }}=>webweb",
        "{{ with .Empty }}x{{ else with .Name }}{{ . }}{{ end }}=>web",
        // range
        "{{ range .Items }}[{{ . }}]{{ end }}=>[a][b][c]",
        "{{ range $i, $v := .Items }}{{ $i }}={{ $v }} {{ end }}=>`0=a 1=b 2=c `",
        "{{ range $v := .Items }}{{ $v }}{{ end }}=>abc",
        "{{ range $k, $v := .Labels }}{{ $k }}={{ $v }};{{ end }}=>instance=host:9100;job=node;",
        "{{ range .None }}x{{ else }}none{{ end }}=>none",
        "{{ range .Missing }}x{{ else }}none{{ end }}=>none",
        "{{ range .Items }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}=>a",
        "{{ range .Items }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}=>ac",
        "{{ range 3 }}{{ . }}{{ end }}=>012",
        "{{ range .Items }}{{ $.Name }}{{ end }}=>webwebweb",
        // builtins
        "{{ len .Items }} {{ len .Labels }} {{ len \"héllo\" }}=>3 2 6",
        "{{ index .Labels \"job\" }} {{ index .Items 2 }}=>node c",
        "{{ index .Labels \"nope\" }}=><no value>",
        "{{ slice .Name 1 }} {{ slice .Name 0 2 }} {{ slice .Items 1 2 }}=>eb we [b]",
        "{{ print 1 2 \"a\" \"b\" 3 }}=>1 2ab3",
        "{{ println 1 \"a\" }}=>`1 a\n`",
        "{{ html \"<a href='x'>&\\\"\" }}=>&lt;a href=&#39;x&#39;&gt;&amp;&#34;",
        "{{ js \"it's <b> \\\\ =\" }}=>it\\'s \\u003Cb\\u003E \\\\ \\u003D",
        "{{ urlquery \"a b&c=d/é~*\" }}=>a+b%26c%3Dd%2F%C3%A9~%2A",
        "{{ .Name | html }}=>web",
        // comparisons
        "{{ eq .Name \"web\" }} {{ eq 1 2 3 1 }} {{ ne 1 2 }}=>true true true",
        "{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 1.0 }} {{ ge \"a\" \"b\" }}=>true true true false",
        "{{ eq .Missing nil }}=>true",
        "{{ eq .Name nil }}=>false",
    })
    void semantics(String text, String expected) throws TemplateException {
        assertEquals(expected, run(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "%s|web|web",
        "%q|web|\"web\"",
        "%5s|ab|'   ab'",
        "%-5s|ab|'ab   '",
        "%.2s|abc|ab",
        "%x|hi|6869",
        "%v|hi|hi",
    })
    void printfStrings(String format, String arg, String expected) throws TemplateException {
        assertEquals(expected, GoTemplate.parse("t", "{{ printf .F .A }}", Map.of())
                .execute(Map.of("F", format, "A", arg)));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "%d|42|42",
        "%5d|42|'   42'",
        "%-5d|42|'42   '",
        "%05d|-42|-0042",
        "%+d|42|+42",
        "%x|255|ff",
        "%X|255|FF",
        "%#x|255|0xff",
        "%o|8|10",
        "%b|5|101",
        "%c|65|A",
        "%q|65|'''A'''",
        "%U|65|U+0041",
        "%v|42|42",
        "%s|42|%!s(int=42)",
        "%f|42|%!f(int=42)",
    })
    void printfInts(String format, long arg, String expected) throws TemplateException {
        assertEquals(expected, GoTemplate.parse("t", "{{ printf .F .A }}", Map.of())
                .execute(Map.of("F", format, "A", arg)));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "%f|3.14159|3.141590",
        "%.2f|3.14159|3.14",
        "%.2f|0.125|0.12",
        "%.2f|0.375|0.38",
        "%.2f|2.675|2.67",
        "%.0f|2.5|2",
        "%.0f|3.5|4",
        "%5.1f|3.14159|'  3.1'",
        "%-8.3f|3.14159|'3.142   '",
        "%08.3f|-3.14159|-003.142",
        "%+.1f|3|+3.0",
        "%e|123456.789|1.234568e+05",
        "%.2E|0.000123|1.23E-04",
        "%g|123456.789|123456.789",
        "%g|1e21|1e+21",
        "%.4g|1234567|1.235e+06",
        "%.4g|12.5|12.5",
        "%.4g|0.00001234|1.234e-05",
        "%.3g|100|100",
        "%.3g|1000|1e+03",
        "%v|1e6|1e+06",
        "%v|123456|123456",
        "%v|0.0001|0.0001",
        "%v|0.00001|1e-05",
        "%v|1.5|1.5",
        "%d|1.5|%!d(float64=1.5)",
        "%.2f|Infinity|+Inf",
        "%.2f|-Infinity|-Inf",
        "%.2f|NaN|NaN",
        "%5.1f|NaN|'  NaN'",
    })
    void printfFloats(String format, double arg, String expected) throws TemplateException {
        assertEquals(expected, GoTemplate.parse("t", "{{ printf .F .A }}", Map.of())
                .execute(Map.of("F", format, "A", arg)));
    }

    @Test
    void printfArgumentErrors() throws TemplateException {
        assertEquals("a %!d(MISSING)", run("{{ printf \"a %d\" }}"));
        assertEquals("a%!(EXTRA int=1, string=x)", run("{{ printf \"a\" 1 \"x\" }}"));
        assertEquals("%!s(<nil>)", run("{{ printf \"%s\" nil }}"));
        assertEquals("100%", run("{{ printf \"%d%%\" 100 }}"));
        assertEquals("  a", run("{{ printf \"%*s\" 3 \"a\" }}"));
        assertEquals("true false", run("{{ printf \"%t %v\" true false }}"));
        assertEquals("[a b c] map[instance:host:9100 job:node]", run("{{ printf \"%v %v\" .Items .Labels }}"));
    }

    @Test
    void valuePrinting() throws TemplateException {
        assertEquals("1e+06 -0 +Inf NaN 0.1",
                GoTemplate.parse("t", "{{.A}} {{.B}} {{.C}} {{.D}} {{.E}}", Map.of()).execute(Map.of(
                        "A", 1e6, "B", -0.0, "C", Double.POSITIVE_INFINITY, "D", Double.NaN, "E", 0.1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "{{ lt 1 1.5 }}=>`template: t:1:3: executing \"t\" at <lt 1 1.5>: error calling lt: incompatible types for comparison`",
        "{{ eq 1 \"1\" }}=>`template: t:1:3: executing \"t\" at <eq 1 \"1\">: error calling eq: incompatible types for comparison`",
        "{{ lt true false }}=>`template: t:1:3: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison`",
        "{{ lt .Missing 1 }}=>`template: t:1:3: executing \"t\" at <lt .Missing 1>: error calling lt: invalid type for comparison`",
        "{{ index .Items 5 }}=>`template: t:1:3: executing \"t\" at <index .Items 5>: error calling index: index out of range: 5`",
        "{{ len 3 }}=>`template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int`",
        "`a\n {{ .Name.Foo }}`=>`template: t:2:4: executing \"t\" at <.Name.Foo>: can\'t evaluate field Foo in type string`",
        "{{ template \"nope\" }}=>`template: t:1:3: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined`",
        "{{ .Labels.job 1 }}=>`template: t:1:3: executing \"t\" at <.Labels.job>: job is not a method but has arguments`",
        "{{ 1 2 }}=>`template: t:1:3: executing \"t\" at <1 2>: can\'t give argument to non-function 1`",
        "{{ not }}=>`template: t:1:3: executing \"t\" at <not>: wrong number of args for not: want 1 got 0`",
        "{{ range .Name }}{{ end }}=>`template: t:1:9: executing \"t\" at <.Name>: range can\'t iterate over web`",
    })
    void executionErrors(String text, String message) {
        assertEquals(message, error(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "{{ .Name =>`template: t:1: unclosed action`",
        "`a\n{{ if .Name }}x`=>`template: t:2: unexpected EOF`",
        "{{ end }}=>`template: t:1: unexpected {{end}}`",
        "{{ else }}=>`template: t:1: unexpected {{else}}`",
        "{{ $x }}=>`template: t:1: undefined variable \"$x\"`",
        "{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}=>`template: t:1: undefined variable \"$x\"`",
        "{{ nosuch 1 }}=>`template: t:1: function \"nosuch\" not defined`",
        "{{ break }}=>`template: t:1: {{break}} outside {{range}}`",
        "{{ .Name | 1 }}=>`template: t:1: non executable command in pipeline stage 2`",
        "{{ \"abc }}=>`template: t:1: unterminated quoted string`",
        "{{ /* x */ }}=>`template: t:1: unrecognized character in action: U+002F '/'`",
        "{{/* x */ 1 }}=>`template: t:1: comment ends before closing delimiter`",
        "{{ 1x }}=>`template: t:1: bad number syntax: \"1x\"`",
        "{{ ( 1 }}=>`template: t:1: unclosed left paren`",
        "{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}=>`template: t:1: template: multiple definition of template \"a\"`",
    })
    void parseErrors(String text, String message) {
        assertEquals(message, assertThrows(TemplateException.class, () -> GoTemplate.parse("t", text, Map.of()))
                .getMessage());
    }

    @Test
    void defineTemplateAndBlock() throws TemplateException {
        GoTemplate t = GoTemplate.parse("root", """
                {{- define "item" }}<{{ . }}>{{ end -}}
                {{- define "list" }}{{ range . }}{{ template "item" . }}{{ end }}{{ end -}}
                {{ template "list" .Items }} {{ block "footer" .Name }}[{{ . }}]{{ end }}""", Map.of());
        assertEquals("<a><b><c> [web]", t.execute(DATA));
        assertEquals("<x>", t.execute("item", "x"));
        assertEquals(Set.of("root", "item", "list", "footer"), t.templateNames());
        TemplateException e = assertThrows(TemplateException.class, () -> t.execute("nope", DATA));
        assertEquals("template: no template \"nope\" associated with template \"root\"", e.getMessage());
    }

    @Test
    void templateCallsSeeOnlyTheirOwnVariables() {
        String msg = assertThrows(TemplateException.class, () -> GoTemplate.parse("t",
                "{{ define \"x\" }}{{ $v }}{{ end }}{{ $v := 1 }}{{ template \"x\" }}", Map.of())).getMessage();
        assertEquals("template: t:1: undefined variable \"$v\"", msg);
    }

    @Test
    void recursionIsBounded() throws TemplateException {
        GoTemplate t = GoTemplate.parse("t", "{{ define \"r\" }}{{ template \"r\" }}{{ end }}{{ template \"r\" }}", Map.of());
        TemplateException e = assertThrows(TemplateException.class, () -> t.execute(null));
        assertTrue(e.getMessage().contains("exceeded maximum template depth"), e.getMessage());
    }

    @Test
    void userFunctionsAndCall() throws TemplateException {
        TemplateFunction twice = args -> (Long) args.get(0) * 2;
        TemplateFunction fails = args -> {
            throw new TemplateException("boom");
        };
        Map<String, TemplateFunction> funcs = Map.of("twice", twice, "fails", fails);
        assertEquals("8", GoTemplate.parse("t", "{{ 2 | twice | twice }}", funcs).execute(null));
        assertEquals("6", GoTemplate.parse("t", "{{ call .F 3 }}", funcs).execute(Map.of("F", twice)));
        assertEquals("template: t:1:3: executing \"t\" at <fails>: error calling fails: boom",
                assertThrows(TemplateException.class, () -> GoTemplate.parse("t", "{{ fails }}", funcs).execute(null))
                        .getMessage());
        // user functions override builtins, as Go's Funcs do
        assertEquals("X", GoTemplate.parse("t", "{{ len 1 }}", Map.of("len", a -> "X")).execute(null));
    }

    @Test
    void recordsAndMethods() throws TemplateException {
        QuerySample s = new QuerySample(Map.of("job", "a"), 1.5);
        assertEquals("a 1.5 {map[job:a] 1.5}",
                GoTemplate.parse("t", "{{ .Labels.job }} {{ .Value }} {{ . }}", Map.of()).execute(s));
    }

    @Test
    void parsedTemplateIsReusable() throws TemplateException {
        GoTemplate t = GoTemplate.parse("t", "{{ $x := .A }}{{ $x }}", Map.of());
        assertEquals("1", t.execute(Map.of("A", 1L)));
        assertEquals("2", t.execute(Map.of("A", 2L)));
    }
}
