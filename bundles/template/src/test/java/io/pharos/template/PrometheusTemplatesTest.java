package io.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prometheus' template functions and expansion; expected outputs are Prometheus' own. */
class PrometheusTemplatesTest {
    private static final String URL = "http://testhost:9090/path/prefix";
    private static final QueryFunction QUERY = (expr, ts) -> switch (expr) {
        case "metric" -> List.of(
                new QuerySample(Map.of("instance", "b", "__value__", "x"), 11),
                new QuerySample(Map.of("instance", "a"), 12));
        case "empty" -> List.of();
        case "fail" -> throw new IllegalStateException("query failed");
        default -> List.of(new QuerySample(Map.of(), Double.parseDouble(expr)));
    };

    static String expand(String text) throws TemplateException {
        return PrometheusTemplates.expand("test", text, Map.of("instance", "host:9100", "job", "node"), 1234567.0,
                Map.of("cluster", "eu"), URL, 1_435_065_584_128L, QUERY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "{{ $labels.instance }} {{ $labels.job }}=>host:9100 node",
        // Prometheus runs alert templates with missingkey=zero: a missing label is empty
        "[{{ $labels.missing }}]=>[]",
        "[{{ $externalLabels.missing }}]=>[]",
        "{{ $value }}=>1.234567e+06",
        "{{ $value | humanize }}=>1.235M",
        "{{ printf \"%.2f\" $value }}=>1234567.00",
        "{{ $externalLabels.cluster }} {{ $externalURL }}=>eu http://testhost:9090/path/prefix",
        "{{ .Labels.job }}=>node",
        // humanize
        "{{ humanize 0 }} {{ humanize 1 }} {{ humanize 12345 }} {{ humanize 1234567 }}=>0 1 12.35k 1.235M",
        "{{ humanize 0.1 }} {{ humanize 0.0001 }} {{ humanize 0.000000001 }} {{ humanize -1234.0 }}=>100m 100u 1n -1.234k",
        "{{ humanize \"1234567\" }} {{ humanize \"+Inf\" }} {{ humanize \"NaN\" }}=>1.235M +Inf NaN",
        "{{ humanize 1e30 }}=>1e+06Y",
        // humanize1024
        "{{ humanize1024 0 }} {{ humanize1024 1 }} {{ humanize1024 1023 }} {{ humanize1024 1024 }}=>0 1 1023 1ki",
        "{{ humanize1024 1048576 }} {{ humanize1024 1125899906842624 }} {{ humanize1024 1500.0 }}=>1Mi 1Pi 1.465ki",
        // humanizeDuration
        "{{ humanizeDuration 0 }} {{ humanizeDuration 0.1 }} {{ humanizeDuration 0.0001 }} {{ humanizeDuration 0.00001 }}=>0s 100ms 100us 10us",
        "{{ humanizeDuration 1 }} {{ humanizeDuration 1.5 }} {{ humanizeDuration 60 }} {{ humanizeDuration 3601 }}=>1s 1.5s 1m 0s 1h 0m 1s",
        "{{ humanizeDuration 86400 }} {{ humanizeDuration 100000000 }} {{ humanizeDuration -65 }}=>1d 0h 0m 0s 1157d 9h 46m 40s -1m 5s",
        "{{ humanizeDuration \"3601\" }}=>1h 0m 1s",
        // humanizePercentage
        "{{ humanizePercentage 0 }} {{ humanizePercentage 0.1234 }} {{ humanizePercentage 0.1234567 }} {{ humanizePercentage 1 }} {{ humanizePercentage -0.22 }}=>0% 12.34% 12.35% 100% -22%",
        // time
        "{{ humanizeTimestamp 1435065584.128 }}=>2015-06-23 13:19:44.128 +0000 UTC",
        "{{ humanizeTimestamp 0 }} / {{ humanizeTimestamp \"NaN\" }}=>1970-01-01 00:00:00 +0000 UTC / NaN",
        "{{ toTime 1435065584.128 }}=>2015-06-23 13:19:44.128 +0000 UTC",
        "{{ (toTime 1435065584.128).Unix }}=>1435065584",
        "{{ toDuration 1.5 }} {{ toDuration 3601 }} {{ toDuration 0.002 }} {{ toDuration 0 }}=>1.5s 1h0m1s 2ms 0s",
        "{{ now }}=>1.435065584128e+09",
        "{{ parseDuration \"1h2m10ms\" }} {{ parseDuration \"1d\" }} {{ parseDuration \"0\" }}=>3720.01 86400 0",
        // urls
        "{{ pathPrefix }} {{ externalURL }}=>/path/prefix http://testhost:9090/path/prefix",
        "{{ graphLink \"up{job=\\\"a b\\\"}\" }}=>/graph?g0.expr=up%7Bjob%3D%22a+b%22%7D&g0.tab=0",
        "{{ tableLink \"up\" }}=>/graph?g0.expr=up&g0.tab=1",
        "{{ urlQueryEscape \"a b&c/é\" }}=>a+b%26c%2F%C3%A9",
        // strings
        "{{ title \"aa bb CC\" }} {{ title \"hello_world foo-bar\" }}=>Aa Bb CC Hello_world Foo-Bar",
        "{{ toUpper \"aBc\" }} {{ toLower \"AbC\" }}=>ABC abc",
        "{{ safeHtml \"<b>\" }}=><b>",
        "{{ match \"a+\" \"xaay\" }} {{ match \"^a$\" \"xay\" }} {{ match \"a.b\" \"a\\nb\" }}=>true false false",
        "{{ reReplaceAll \"(a)b\" \"x$1\" \"abab\" }} {{ reReplaceAll \"(?P<n>\\\\d+)\" \"<${n}>\" \"a1b22\" }}=>xaxa a<1>b<22>",
        "{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}=>-b-c-",
        "{{ stripPort \"foo.com:12345\" }} {{ stripPort \"[::1]:12345\" }} {{ stripPort \"foo.com\" }} {{ stripPort \"::1\" }}=>foo.com ::1 foo.com ::1",
        "{{ stripDomain \"foo.example.com\" }} {{ stripDomain \"foo.example.com:12345\" }} {{ stripDomain \"192.0.2.1:12345\" }} {{ stripDomain \"[2001:db8::1]:12345\" }}=>foo foo:12345 192.0.2.1:12345 [2001:db8::1]:12345",
        // queries
        "{{ query \"1.5\" | first | value }}=>1.5",
        "{{ range query \"metric\" }}{{ .Labels.instance }}:{{ .Value }} {{ end }}=>`b:11 a:12 `",
        "{{ range query \"metric\" | sortByLabel \"instance\" }}{{ label \"instance\" . }}:{{ value . }} {{ end }}=>`a:12 b:11 `",
        "{{ with query \"metric\" }}{{ . | first | strvalue }}{{ end }}=>x",
        "{{ with query \"empty\" }}some{{ else }}none{{ end }}=>none",
        // args and tmpl
        "{{ with args 1 \"two\" }}{{ .arg0 }} {{ .arg1 }}{{ end }}=>1 two",
        "{{ define \"a\" }}x{{ . }}{{ end }}{{ tmpl \"a\" 1 }}=>x1",
    })
    void functions(String text, String expected) throws TemplateException {
        assertEquals(expected, expand(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "{{ query \"empty\" | first }}=>error calling first: first() called on vector with no elements",
        "{{ query \"fail\" }}=>error calling query: query failed",
        "{{ humanize \"x\" }}=>`error calling humanize: strconv.ParseFloat: parsing \"x\": invalid syntax`",
        "{{ humanize .Labels }}=>error calling humanize: can't convert map[string]interface {} to float",
        "{{ parseDuration \"1x\" }}=>`error calling parseDuration: not a valid duration string: \"1x\"`",
        "{{ reReplaceAll \"(\" \"\" \"a\" }}=>`error calling reReplaceAll: regexp: Compile(\"(\"): error parsing regexp: missing closing ): \"(\"`",
        "{{ gt $value 0 }}=>error calling gt: incompatible types for comparison",
        "{{ humanize }}=>wrong number of args for humanize: want 1 got 0",
    })
    void executionErrors(String text, String suffix) {
        String msg = assertThrows(TemplateException.class, () -> expand(text)).getMessage();
        assertEquals(true, msg.startsWith("error executing template test: template: test:1:"), msg);
        assertEquals(true, msg.endsWith(": " + suffix), msg);
    }

    @Test
    void parseErrorsNameTheTemplate() {
        String msg = assertThrows(TemplateException.class, () -> expand("{{ $labels.x ")).getMessage();
        assertEquals("error parsing template test: template: test:1: unclosed action", msg);
        msg = assertThrows(TemplateException.class, () -> expand("{{ nope }}")).getMessage();
        assertEquals("error parsing template test: template: test:1: function \"nope\" not defined", msg);
    }

    @Test
    void errorPositionsCountTheHeaderAsPrometheusDoes() {
        String msg = assertThrows(TemplateException.class, () -> expand("{{ first (query \"empty\") }}")).getMessage();
        int headerLength = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}".length();
        assertEquals("error executing template test: template: test:1:" + (headerLength + 3)
                + ": executing \"test\" at <first (query \"empty\")>: error calling first: first() called on vector with no elements", msg);
    }

    @Test
    void functionsWorkWithPlainTemplates() throws TemplateException {
        GoTemplate t = GoTemplate.parse("t", "{{ .V | humanize1024 }}B", PrometheusTemplates.functions(QUERY, URL, 0));
        assertEquals("1Ki".replace("K", "k") + "B", t.execute(Map.of("V", 1024.0)));
    }
}
