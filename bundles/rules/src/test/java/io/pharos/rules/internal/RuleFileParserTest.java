package io.pharos.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule file checks, with the messages and positions Prometheus reports. */
class RuleFileParserTest {
    private static List<GroupSpec> parse(String yaml) throws RuleFileException {
        return new RuleFileParser("r.yml", false, e -> e.contains("((") ? "1:2: parse error: bad" : null).parse(yaml);
    }

    private static List<String> problems(String yaml) {
        return assertThrows(RuleFileException.class, () -> parse(yaml)).problems();
    }

    @Test
    void readsEveryField() throws Exception {
        List<GroupSpec> groups = parse("""
                groups:
                  - name: g
                    interval: 30s
                    query_offset: 1m
                    limit: 10
                    labels: {team: ops}
                    rules:
                      - alert: A
                        expr: up == 0
                        for: 5m
                        keep_firing_for: 1m
                        labels: {severity: page}
                        annotations: {summary: down}
                      - record: r
                        expr: sum(up)
                """);
        GroupSpec g = groups.get(0);
        assertEquals(new GroupSpec("r.yml", "g", Duration.ofSeconds(30), Duration.ofMinutes(1), 10,
                Map.of("team", "ops"), List.of(
                        new RuleSpec("", "A", "up == 0", Duration.ofMinutes(5), Duration.ofMinutes(1),
                                Map.of("severity", "page"), Map.of("summary", "down")),
                        new RuleSpec("r", "", "sum(up)", Duration.ZERO, Duration.ZERO, Map.of(), Map.of()))), g);
    }

    @Test
    void emptyFileHasNoGroups() throws Exception {
        assertEquals(List.of(), parse(""));
    }

    /** As in promtool's rules-bad.yml: a template that does not parse fails the file at load. */
    @Test
    void brokenAlertTemplatesAreReportedAtLoad() {
        assertEquals(List.of(
                "r.yml: group \"alerts\", rule 1, \"InstanceDown\": label \"team\": template: __alert_InstanceDown:1: "
                        + "function \"nofunc\" not defined",
                "r.yml: group \"alerts\", rule 1, \"InstanceDown\": annotation \"summary\": template: "
                        + "__alert_InstanceDown:1: undefined variable \"$label\""), problems("""
                groups:
                  - name: alerts
                    rules:
                      - alert: InstanceDown
                        expr: up == 0
                        labels:
                          team: '{{ nofunc }}'
                        annotations:
                          summary: "Instance {{ $label.foo }} down"
                          description: "{{ $labels.instance }} of {{ $labels.job | toUpper }}: {{ $value | humanize }}"
                """));
    }

    @Test
    void duplicateGroupName() {
        assertEquals(List.of("r.yml: 3:5: groupname: \"g\" is repeated in the same file"), problems("""
                groups:
                  - name: g
                  - name: g
                """));
    }

    @Test
    void recordAndAlertBothOrNeither() {
        assertEquals(List.of(
                "r.yml: 4:17: 5:16: group \"g\", rule 1, \"b\": only one of 'record' and 'alert' must be set",
                "r.yml: 0:0: 0:0: group \"g\", rule 2, \"\": one of 'record' or 'alert' must be set"), problems("""
                groups:
                  - name: g
                    rules:
                      - record: a
                        alert: b
                        expr: up
                      - expr: up
                """));
    }

    @Test
    void badExpressionAndRecordName() {
        assertEquals(List.of(
                "r.yml: 5:15: group \"g\", rule 1, \"a{b}\": could not parse expression: 1:2: parse error: bad",
                "r.yml: 4:17: group \"g\", rule 1, \"a{b}\": braces present in the recording rule name; "
                        + "should it be in expr?: a{b}",
                "r.yml: 0:0: group \"g\", rule 2, \"c\": field 'expr' must be set in rule"), problems("""
                groups:
                  - name: g
                    rules:
                      - record: a{b}
                        expr: sum((up)
                      - record: c
                """));
    }

    @Test
    void recordingRuleWithAlertFields() {
        assertEquals(List.of(
                "r.yml: 4:17: group \"g\", rule 1, \"a\": invalid field 'annotations' in recording rule",
                "r.yml: 4:17: group \"g\", rule 1, \"a\": invalid field 'for' in recording rule"), problems("""
                groups:
                  - name: g
                    rules:
                      - record: a
                        expr: up
                        for: 5m
                        annotations: {x: y}
                """));
    }

    @Test
    void legacyNamesAreChecked() {
        List<String> p = assertThrows(RuleFileException.class, () -> new RuleFileParser("r.yml", true, e -> null)
                .parse("groups: [{name: g, rules: [{record: 'a-b', expr: up, labels: {'x-y': z, __name__: n}}]}]"))
                .problems();
        assertEquals(List.of(
                "r.yml: 1:37: group \"g\", rule 1, \"a-b\": invalid recording rule name: a-b",
                "r.yml: group \"g\", rule 1, \"a-b\": invalid label name: __name__",
                "r.yml: group \"g\", rule 1, \"a-b\": invalid label name: x-y"), p);
    }

    @Test
    void unknownFieldsAndWrongTypes() {
        assertEquals(List.of("""
                r.yml: yaml: unmarshal errors:
                  line 3: field intervl not found in type rulefmt.RuleGroup
                  line 6: field exp not found in type rulefmt.Rule
                  line 7: cannot unmarshal !!str `many` into int"""), problems("""
                groups:
                  - name: g
                    intervl: 1m
                    rules:
                      - record: a
                        exp: up
                    limit: many
                """));
    }

    @Test
    void badDurationAndDuplicateKey() {
        assertEquals(List.of("""
                r.yml: yaml: unmarshal errors:
                  line 3: not a valid duration string: "1x"
                  line 4: mapping key "name" already defined at line 2"""), problems("""
                groups:
                  - name: g
                    interval: 1x
                    name: h
                """));
    }

    @Test
    void yamlSyntaxError() {
        assertEquals(List.of("r.yml: yaml: line 2: mapping values are not allowed here"),
                problems("groups:\n  - name: g: h\n"));
    }
}
