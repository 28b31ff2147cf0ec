package io.pharos.relabel;

import static io.pharos.relabel.Yaml.list;
import static io.pharos.relabel.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.PluginConfigException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RelabelConfigTest {

    /** A config Prometheus rejects, and the message it gives. */
    record Invalid(String name, Map<String, Object> node, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Invalid bad(String name, String message, Object... node) {
        return new Invalid(name, map(node), message);
    }

    static Stream<Invalid> invalid() {
        return Stream.of(
                bad("replace needs a target", "relabel configuration for replace action requires 'target_label' value",
                        "source_labels", list("a")),
                bad("lowercase needs a target",
                        "relabel configuration for lowercase action requires 'target_label' value",
                        "source_labels", list("a"), "action", "lowercase"),
                bad("uppercase needs a target",
                        "relabel configuration for uppercase action requires 'target_label' value",
                        "source_labels", list("a"), "action", "uppercase"),
                bad("hashmod needs a target", "relabel configuration for hashmod action requires 'target_label' value",
                        "source_labels", list("a"), "modulus", 2, "action", "hashmod"),
                bad("keepequal needs a target",
                        "relabel configuration for keepequal action requires 'target_label' value",
                        "source_labels", list("a"), "action", "keepequal"),
                bad("dropequal needs a target",
                        "relabel configuration for dropequal action requires 'target_label' value",
                        "source_labels", list("a"), "action", "dropequal"),
                bad("hashmod needs a modulus (checked before the target)",
                        "relabel configuration for hashmod requires non-zero modulus",
                        "source_labels", list("a"), "action", "hashmod"),
                bad("hashmod modulus 0", "relabel configuration for hashmod requires non-zero modulus",
                        "source_labels", list("a"), "target_label", "h", "modulus", 0, "action", "hashmod"),
                bad("malformed target name", "\"a\\ud800\" is invalid 'target_label' for replace action",
                        "source_labels", list("a"), "target_label", "a\uD800"),
                bad("malformed hashmod target", "\"\\udc00\" is invalid 'target_label' for hashmod action",
                        "target_label", "\uDC00", "modulus", 2, "action", "hashmod"),
                bad("lowercase takes no replacement", "'replacement' can not be set for lowercase action",
                        "source_labels", list("a"), "target_label", "b", "replacement", "x", "action", "lowercase"),
                bad("keepequal takes no replacement", "'replacement' can not be set for keepequal action",
                        "source_labels", list("a"), "target_label", "b", "replacement", "x", "action", "keepequal"),
                bad("labelmap needs a replacement", "\"\" is invalid 'replacement' for labelmap action",
                        "regex", "(.*)", "replacement", "", "action", "labelmap"),
                bad("keepequal takes no regex, not even the default one",
                        "keepequal action requires only 'source_labels' and `target_label`, and no other fields",
                        "source_labels", list("a"), "target_label", "b", "regex", "(.*)", "action", "keepequal"),
                bad("dropequal takes no separator",
                        "dropequal action requires only 'source_labels' and `target_label`, and no other fields",
                        "source_labels", list("a"), "target_label", "b", "separator", ",", "action", "dropequal"),
                bad("keepequal takes no modulus",
                        "keepequal action requires only 'source_labels' and `target_label`, and no other fields",
                        "source_labels", list("a"), "target_label", "b", "modulus", 3, "action", "keepequal"),
                bad("labeldrop takes no source labels", "labeldrop action requires only 'regex', and no other fields",
                        "source_labels", list("a"), "regex", "x", "action", "labeldrop"),
                bad("labeldrop: even an empty source_labels list is set",
                        "labeldrop action requires only 'regex', and no other fields",
                        "source_labels", list(), "regex", "x", "action", "labeldrop"),
                bad("labelkeep takes no target", "labelkeep action requires only 'regex', and no other fields",
                        "target_label", "t", "regex", "x", "action", "labelkeep"),
                bad("labeldrop takes no replacement", "labeldrop action requires only 'regex', and no other fields",
                        "replacement", "x", "regex", "x", "action", "labeldrop"),
                bad("labelkeep takes no separator", "labelkeep action requires only 'regex', and no other fields",
                        "separator", ",", "regex", "x", "action", "labelkeep"),
                bad("labeldrop takes no modulus", "labeldrop action requires only 'regex', and no other fields",
                        "modulus", 1, "regex", "x", "action", "labeldrop"),
                bad("unknown action", "unknown relabel action \"foo\"", "action", "foo"),
                bad("empty action string", "unknown relabel action \"\"", "action", ""),
                bad("null action", "relabel action cannot be empty", "target_label", "t", "action", null),
                bad("unknown key", "field regexp not found in type relabel.plain", "regexp", "x", "action", "keep"),
                bad("invalid regex", "invalid regex \"(abc\": missing closing )",
                        "regex", "(abc", "action", "keep"),
                bad("look-ahead is not RE2", "invalid regex \"(?=x)\": invalid or unsupported Perl syntax",
                        "regex", "(?=x)", "action", "keep"),
                bad("back-references are not RE2", "invalid regex \"(a)\\\\1\": invalid escape sequence: \\1",
                        "regex", "(a)\\1", "action", "keep"),
                bad("possessive quantifiers are not RE2", "invalid regex \"a*+\": invalid nested repetition operator",
                        "regex", "a*+", "action", "keep"),
                bad("repeat counts over 1000", "invalid regex \"a{1001}\": invalid repeat count",
                        "regex", "a{1001}", "action", "keep"),
                bad("empty source label", "\"\" is not a valid label name", "source_labels", list(""),
                        "action", "keep"),
                bad("source_labels must be a list",
                        "field source_labels: cannot unmarshal the string \"a\" into a list of label names",
                        "source_labels", "a", "target_label", "b"),
                bad("separator must be a scalar", "field separator: cannot unmarshal a list into a string",
                        "separator", list(";"), "target_label", "b"),
                bad("negative modulus", "field modulus: cannot unmarshal -1 into an unsigned 64-bit integer",
                        "target_label", "h", "modulus", -1, "action", "hashmod"),
                bad("string modulus",
                        "field modulus: cannot unmarshal the string \"5\" into an unsigned 64-bit integer",
                        "target_label", "h", "modulus", "5", "action", "hashmod"),
                bad("modulus beyond uint64",
                        "field modulus: cannot unmarshal 18446744073709551616 into an unsigned 64-bit integer",
                        "target_label", "h", "modulus", BigInteger.ONE.shiftLeft(64), "action", "hashmod"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(Invalid c) {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> RelabelConfig.fromYaml(c.node()));
        assertEquals(c.message(), e.getMessage());
    }

    @Test
    void appliesPrometheusDefaults() throws Exception {
        RelabelConfig c = RelabelConfig.fromYaml(map("target_label", "x"));
        assertEquals(List.of(), c.sourceLabels());
        assertEquals(";", c.separator());
        assertSame(RelabelRegex.DEFAULT, c.regex());
        assertEquals("(.*)", c.regex().source());
        assertEquals(0, c.modulus());
        assertEquals("$1", c.replacement());
        assertEquals(Action.REPLACE, c.action());
    }

    @Test
    void readsEveryField() throws Exception {
        RelabelConfig c = RelabelConfig.fromYaml(map("source_labels", list("a", "b"), "separator", "/",
                "target_label", "h", "regex", "x.*", "modulus", 16, "replacement", "$1", "action", "hashmod"));
        assertEquals(new RelabelConfig(List.of("a", "b"), "/", "h", RelabelRegex.compile("x.*"), 16, "$1",
                Action.HASHMOD), c);
    }

    @Test
    void actionIsCaseInsensitive() throws Exception {
        assertEquals(Action.KEEP, RelabelConfig.fromYaml(map("action", "Keep")).action());
        assertEquals(Action.LABELDROP, RelabelConfig.fromYaml(map("action", "LabelDrop", "regex", "x")).action());
    }

    @Test
    void nullValuesAreZeroValuesAsInGo() throws Exception {
        RelabelConfig c = RelabelConfig.fromYaml(map("source_labels", null, "separator", null, "regex", null,
                "target_label", "t", "replacement", null, "modulus", null));
        assertEquals("", c.separator());
        assertEquals("", c.regex().source());
        assertTrue(c.regex().matches(""));
        assertEquals(false, c.regex().matches("a"));
        assertEquals("", c.replacement());
    }

    @Test
    void acceptsNonStringScalarsAndLargeModuli() throws Exception {
        assertEquals("123", RelabelConfig.fromYaml(map("target_label", "t", "replacement", 123)).replacement());
        assertEquals(List.of("1"), RelabelConfig.fromYaml(map("source_labels", list(1), "action", "keep"))
                .sourceLabels());
        RelabelConfig big = RelabelConfig.fromYaml(map("target_label", "h", "action", "hashmod",
                "modulus", new BigInteger("18446744073709551615")));
        assertEquals("18446744073709551615", Long.toUnsignedString(big.modulus()));
        assertEquals(8, RelabelConfig.fromYaml(map("target_label", "h", "action", "hashmod", "modulus", 8.0))
                .modulus());
    }

    @Test
    void acceptsWhatPrometheusAccepts() throws Exception {
        RelabelConfig.fromYaml(map("source_labels", list("a"), "target_label", "b", "action", "keepequal"));
        RelabelConfig.fromYaml(map("target_label", "b", "action", "dropequal")); // sources are optional
        RelabelConfig.fromYaml(map("regex", "x", "action", "labeldrop", "source_labels", null));
        RelabelConfig.fromYaml(map("regex", "x", "action", "labelkeep", "separator", ";", "replacement", "$1"));
        RelabelConfig.fromYaml(map("source_labels", list("a"), "target_label", "${1}_x"));
        RelabelConfig.fromYaml(map("source_labels", list("a"), "target_label", "$1"));
        RelabelConfig.fromYaml(map("source_labels", list("service.name"), "target_label", "k8s.pod.name"));
        RelabelConfig.fromYaml(map("regex", "(.+)", "replacement", "x.$1", "action", "labelmap"));
        RelabelConfig.fromYaml(map("action", "keep")); // keep and drop need nothing
    }

    @Test
    void readsLists() throws Exception {
        List<RelabelConfig> cs = RelabelConfig.fromYamlList(list(
                map("source_labels", list("a"), "action", "keep"),
                map("regex", "b", "action", "labeldrop")));
        assertEquals(List.of(Action.KEEP, Action.LABELDROP), cs.stream().map(RelabelConfig::action).toList());
        assertEquals(List.of(), RelabelConfig.fromYamlList(null));
        assertEquals("empty or null relabeling rule", assertThrows(PluginConfigException.class,
                () -> RelabelConfig.fromYamlList(list((Object) null))).getMessage());
        assertEquals("relabeling rule must be a mapping, got the string \"x\"", assertThrows(
                PluginConfigException.class, () -> RelabelConfig.fromYamlList(list("x"))).getMessage());
    }

    @Test
    void constructorValidatesToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RelabelConfig(
                List.of(), ";", "", RelabelRegex.DEFAULT, 0, "$1", Action.REPLACE));
        assertEquals("relabel configuration for replace action requires 'target_label' value", e.getMessage());
        assertEquals("\"\" is not a valid label name", assertThrows(IllegalArgumentException.class,
                () -> new RelabelConfig(List.of(""), ";", "", RelabelRegex.DEFAULT, 0, "$1", Action.KEEP))
                .getMessage());
    }

    @Test
    void actionNames() throws Exception {
        for (Action a : Action.values()) {
            assertEquals(a, Action.fromYaml(a.yamlName()));
            assertEquals(a.yamlName(), a.toString());
        }
        assertEquals("hashmod", Action.HASHMOD.yamlName());
    }
}
