package io.pharos.relabel;

import static io.pharos.relabel.Yaml.configs;
import static io.pharos.relabel.Yaml.list;
import static io.pharos.relabel.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.Labels;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RelabelerTest {

    /** One row: input labels, relabel configs as YAML trees, expected labels or null for dropped. */
    record Case(String name, Labels in, List<Map<String, Object>> configs, Labels want) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SafeVarargs
    private static Case c(String name, Labels in, Labels want, Map<String, Object>... configs) {
        return new Case(name, in, List.of(configs), want);
    }

    private static Labels l(String... namesAndValues) {
        return Labels.of(namesAndValues);
    }

    private static final Labels DROPPED = null;

    static Stream<Case> cases() {
        return Stream.of(
                // --- replace ---
                c("replace copies the source to the target", l("a", "foo"), l("a", "foo", "b", "foo"),
                        map("source_labels", list("a"), "target_label", "b")),
                c("replace overwrites an existing target", l("a", "1", "b", "2"), l("a", "1", "b", "1"),
                        map("source_labels", list("a"), "target_label", "b")),
                c("replace leaves labels alone when the regex does not match", l("a", "foo"), l("a", "foo"),
                        map("source_labels", list("a"), "regex", "bar", "target_label", "b", "replacement", "x")),
                c("replace with an empty result removes the target", l("a", "foo", "b", "old"), l("a", "foo"),
                        map("source_labels", list("missing"), "target_label", "b")),
                c("$1x names the group '1x', which is empty, so the target goes", l("a", "foo", "t", "old"),
                        l("a", "foo"),
                        map("source_labels", list("a"), "regex", "(f)(o+)", "target_label", "t", "replacement", "$1x")),
                c("${1}x delimits the group number", l("a", "foo"), l("a", "foo", "t", "fx"),
                        map("source_labels", list("a"), "regex", "(f)(o+)", "target_label", "t", "replacement", "${1}x")),
                c("$0 is the whole match, $2 the second group", l("a", "foo"), l("a", "foo", "t", "foo-oo"),
                        map("source_labels", list("a"), "regex", "(f)(o+)", "target_label", "t", "replacement", "$0-$2")),
                c("$$ is a literal dollar", l("a", "foo"), l("a", "foo", "t", "$1 $f"),
                        map("source_labels", list("a"), "regex", "(f)(o+)", "target_label", "t",
                                "replacement", "$$1 $$$1")),
                c("malformed references stay literal", l("a", "foo"), l("a", "foo", "t", "a$ ${1 $}"),
                        map("source_labels", list("a"), "regex", "(f)(o+)", "target_label", "t",
                                "replacement", "a$ ${1 $}")),
                c("unknown names, missing numbers and leading zeros expand to nothing", l("a", "foo"),
                        l("a", "foo", "t", "[][][]"),
                        map("source_labels", list("a"), "regex", "(f)(o+)", "target_label", "t",
                                "replacement", "[${nope}][$9][$01]")),
                c("RE2 named groups (?P<name>)", l("__address__", "host:9100"),
                        l("__address__", "host:9100", "instance", "host/9100"),
                        map("source_labels", list("__address__"), "regex", "(?P<host>[^:]+):(?P<port>\\d+)",
                                "target_label", "instance", "replacement", "${host}/$port")),
                c("named groups (?<name>) with underscores", l("pod", "web-42"), l("pod", "web-42", "x", "web.42"),
                        map("source_labels", list("pod"), "regex", "(?<pod_name>[a-z]+)-(?P<hash_1>[0-9]+)",
                                "target_label", "x", "replacement", "$pod_name.$hash_1")),
                c("several sources with a custom separator", l("a", "x", "b", "y"), l("a", "x", "b", "y", "c", "y/x"),
                        map("source_labels", list("a", "b"), "separator", "/", "regex", "(.*)/(.*)",
                                "target_label", "c", "replacement", "$2/$1")),
                c("missing sources count as empty strings", l("a", "x"), l("a", "x", "c", "x;;x"),
                        map("source_labels", list("a", "missing", "a"), "target_label", "c")),
                c("the target may contain references", l("a", "foo"), l("a", "foo", "label_foo", "bar"),
                        map("source_labels", list("a"), "target_label", "label_$1", "replacement", "bar")),
                c("a target that expands to nothing is skipped", l("b", "keep"), l("b", "keep"),
                        map("source_labels", list("a"), "target_label", "$1", "replacement", "x")),
                c("a literal replacement without sources sets a constant", l("a", "x"), l("a", "x", "env", "prod"),
                        map("target_label", "env", "replacement", "prod")),
                c("UTF-8 target names are allowed", l("a", "x"), l("a", "x", "service.name", "x"),
                        map("source_labels", list("a"), "target_label", "service.name")),
                c("the regex is anchored", l("a", "foo"), l("a", "foo"),
                        map("source_labels", list("a"), "regex", "o+", "target_label", "b")),
                c("alternatives are anchored as a whole", l("a", "ab"), l("a", "ab"),
                        map("source_labels", list("a"), "regex", "a|b", "target_label", "b")),
                c(". matches a newline, as in Prometheus 3", l("a", "x\ny"), l("a", "x\ny", "b", "ok"),
                        map("source_labels", list("a"), "regex", "x.y", "target_label", "b", "replacement", "ok")),
                c("(?i) folds case", l("a", "foo"), l("a", "foo", "b", "foo"),
                        map("source_labels", list("a"), "regex", "(?i)(FOO)", "target_label", "b")),
                c("(?U) makes quantifiers lazy", l("a", "aaa"), l("a", "aaa", "b", "a|aa"),
                        map("source_labels", list("a"), "regex", "(?U)(a+)(a*)", "target_label", "b",
                                "replacement", "$1|$2")),
                c("POSIX classes", l("a", "250ms"), l("a", "250ms", "b", "250"),
                        map("source_labels", list("a"), "regex", "([[:digit:]]+)ms", "target_label", "b")),

                // --- lowercase / uppercase ---
                c("lowercase", l("a", "FooBÀR"), l("a", "FooBÀR", "b", "foobàr"),
                        map("source_labels", list("a"), "target_label", "b", "action", "lowercase")),
                c("uppercase maps code point by code point, as Go (ß stays)", l("a", "straße"),
                        l("a", "straße", "b", "STRAßE"),
                        map("source_labels", list("a"), "target_label", "b", "action", "uppercase")),
                c("lowercase of nothing removes the target", l("b", "x"), Labels.EMPTY,
                        map("source_labels", list("missing"), "target_label", "b", "action", "lowercase")),
                c("lowercase of joined sources", l("a", "X", "c", "Y"), l("a", "X", "c", "Y", "b", "x;y"),
                        map("source_labels", list("a", "c"), "target_label", "b", "action", "lowercase")),

                // --- keep / drop ---
                c("keep on a match", l("job", "api"), l("job", "api"),
                        map("source_labels", list("job"), "regex", "api|web", "action", "keep")),
                c("keep drops on no match", l("job", "db"), DROPPED,
                        map("source_labels", list("job"), "regex", "api|web", "action", "keep")),
                c("drop on a match", l("job", "api"), DROPPED,
                        map("source_labels", list("job"), "regex", "api", "action", "drop")),
                c("drop keeps on no match", l("job", "db"), l("job", "db"),
                        map("source_labels", list("job"), "regex", "api", "action", "drop")),
                c("keep with the default regex keeps everything", l("a", "x"), l("a", "x"),
                        map("source_labels", list("missing"), "action", "keep")),
                c("keep with an empty regex keeps a missing source", l("a", "x"), l("a", "x"),
                        map("source_labels", list("missing"), "regex", "", "action", "keep")),
                c("keep with an empty regex drops a present source", l("a", "x"), DROPPED,
                        map("source_labels", list("a"), "regex", "", "action", "keep")),
                c("$ does not match before a final newline", l("a", "foo\n"), DROPPED,
                        map("source_labels", list("a"), "regex", "foo$", "action", "keep")),
                c("keep on joined sources", l("job", "api", "env", "prod"), l("job", "api", "env", "prod"),
                        map("source_labels", list("job", "env"), "separator", "@", "regex", "api@prod",
                                "action", "keep")),

                // --- keepequal / dropequal ---
                c("keepequal keeps equal values", l("a", "x", "b", "x"), l("a", "x", "b", "x"),
                        map("source_labels", list("a"), "target_label", "b", "action", "keepequal")),
                c("keepequal drops different values", l("a", "x", "b", "y"), DROPPED,
                        map("source_labels", list("a"), "target_label", "b", "action", "keepequal")),
                c("dropequal drops equal values", l("a", "x", "b", "x"), DROPPED,
                        map("source_labels", list("a"), "target_label", "b", "action", "dropequal")),
                c("dropequal keeps different values", l("a", "x", "b", "y"), l("a", "x", "b", "y"),
                        map("source_labels", list("a"), "target_label", "b", "action", "dropequal")),
                c("keepequal: two missing labels are equal", l("c", "z"), l("c", "z"),
                        map("source_labels", list("a"), "target_label", "b", "action", "keepequal")),
                c("keepequal compares the joined sources", l("a", "x", "b", "y", "c", "x;y"),
                        l("a", "x", "b", "y", "c", "x;y"),
                        map("source_labels", list("a", "b"), "target_label", "c", "action", "keepequal")),

                // --- hashmod (expected values from python3 hashlib: md5 digest[8:], big-endian) ---
                c("hashmod foo % 1000", l("a", "foo"), l("a", "foo", "h", "696"),
                        map("source_labels", list("a"), "target_label", "h", "modulus", 1000, "action", "hashmod")),
                c("hashmod of joined sources", l("a", "foo", "b", "bar"), l("a", "foo", "b", "bar", "h", "750"),
                        map("source_labels", list("a", "b"), "target_label", "h", "modulus", 1000, "action", "hashmod")),
                c("hashmod of the empty string", l("a", "x"), l("a", "x", "h", "1"),
                        map("target_label", "h", "modulus", 7, "action", "hashmod")),
                c("hashmod sharding an address", l("__address__", "10.0.0.1:9100"),
                        l("__address__", "10.0.0.1:9100", "__tmp_hash", "5"),
                        map("source_labels", list("__address__"), "target_label", "__tmp_hash", "modulus", 8,
                                "action", "hashmod")),
                c("hashmod with the largest uint64 modulus", l("a", "bar"), l("a", "bar", "h", "6581718738824679922"),
                        map("source_labels", list("a"), "target_label", "h",
                                "modulus", new BigInteger("18446744073709551615"), "action", "hashmod")),
                c("hashmod hashes UTF-8 bytes", l("a", "héllo☃"), l("a", "héllo☃", "h", "784"),
                        map("source_labels", list("a"), "target_label", "h", "modulus", 1000, "action", "hashmod")),
                c("hashmod with a newline", l("a", "a\nb"), l("a", "a\nb", "h", "4"),
                        map("source_labels", list("a"), "target_label", "h", "modulus", 100, "action", "hashmod")),

                // --- labelmap ---
                c("labelmap copies Kubernetes pod labels",
                        l("__meta_kubernetes_pod_label_app", "web", "__meta_kubernetes_pod_label_tier", "front",
                                "job", "k8s"),
                        l("__meta_kubernetes_pod_label_app", "web", "__meta_kubernetes_pod_label_tier", "front",
                                "job", "k8s", "app", "web", "tier", "front"),
                        map("regex", "__meta_kubernetes_pod_label_(.+)", "action", "labelmap")),
                c("labelmap with a replacement template", l("__meta_kubernetes_pod_label_app", "web"),
                        l("__meta_kubernetes_pod_label_app", "web", "k8s_app", "web"),
                        map("regex", "__meta_kubernetes_pod_label_(.+)", "replacement", "k8s_${1}",
                                "action", "labelmap")),
                c("labelmap overwrites an existing label", l("__meta_x_job", "new", "job", "old"),
                        l("__meta_x_job", "new", "job", "new"),
                        map("regex", "__meta_x_(.+)", "action", "labelmap")),
                c("labelmap without matches changes nothing", l("a", "1"), l("a", "1"),
                        map("regex", "__meta_(.+)", "action", "labelmap")),
                c("labelmap skips names that expand to nothing", l("foo", "1"), l("foo", "1"),
                        map("regex", "foo(.*)", "action", "labelmap")),

                // --- labeldrop / labelkeep ---
                c("labeldrop", l("__meta_a", "1", "__meta_b", "2", "job", "x"), l("job", "x"),
                        map("regex", "__meta_.*", "action", "labeldrop")),
                c("labeldrop is anchored", l("__meta_a", "1"), l("__meta_a", "1"),
                        map("regex", "eta", "action", "labeldrop")),
                c("labelkeep", l("__name__", "up", "job", "x", "instance", "y"), l("__name__", "up", "job", "x"),
                        map("regex", "__name__|job", "action", "labelkeep")),
                c("labelkeep can remove everything", l("a", "1"), Labels.EMPTY,
                        map("regex", "b", "action", "labelkeep")),

                // --- chains ---
                c("a typical Kubernetes target chain",
                        l("__address__", "10.1.2.3:8080", "__meta_kubernetes_pod_annotation_prometheus_io_scrape",
                                "true", "__meta_kubernetes_pod_annotation_prometheus_io_port", "9102",
                                "__meta_kubernetes_pod_label_app", "web", "__meta_kubernetes_namespace", "prod"),
                        l("__address__", "10.1.2.3:9102", "app", "web", "namespace", "prod"),
                        map("source_labels", list("__meta_kubernetes_pod_annotation_prometheus_io_scrape"),
                                "regex", "true", "action", "keep"),
                        map("source_labels", list("__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port"),
                                "regex", "([^:]+)(?::\\d+)?;(\\d+)", "replacement", "$1:$2",
                                "target_label", "__address__"),
                        map("regex", "__meta_kubernetes_pod_label_(.+)", "action", "labelmap"),
                        map("source_labels", list("__meta_kubernetes_namespace"), "target_label", "namespace"),
                        map("regex", "__meta_.*", "action", "labeldrop")),
                c("a chain stops at the first drop", l("a", "x"), DROPPED,
                        map("target_label", "b", "replacement", "y"),
                        map("source_labels", list("b"), "regex", "y", "action", "drop"),
                        map("target_label", "c", "replacement", "never")),
                c("later configs see earlier results", l("a", "Foo"), l("a", "Foo", "tmp", "foo"),
                        map("source_labels", list("a"), "target_label", "tmp", "action", "lowercase"),
                        map("source_labels", list("tmp"), "regex", "foo", "action", "keep")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void relabels(Case c) {
        List<RelabelConfig> configs = configs(c.configs());
        Labels got = Relabeler.process(c.in(), configs);
        assertEquals(c.want(), got);

        // the in-place variant must agree
        Labels.Builder b = c.in().toBuilder();
        boolean kept = Relabeler.process(b, configs);
        assertEquals(c.want() != null, kept);
        if (kept) {
            assertEquals(c.want(), b.build());
        }
    }

    @Test
    void noConfigsReturnTheInputItself() {
        Labels in = l("a", "1");
        assertSame(in, Relabeler.process(in, List.of()));
    }

    @Test
    void builderAndLabelsVariantsAgreeWithAReusedBuilder() {
        List<RelabelConfig> configs = configs(List.of(
                map("source_labels", list("__name__"), "regex", "go_.*", "action", "drop"),
                map("source_labels", list("instance"), "regex", "([^:]+):.*", "target_label", "host"),
                map("source_labels", list("host"), "target_label", "shard", "modulus", 4, "action", "hashmod"),
                map("regex", "instance", "action", "labeldrop")));
        Labels.Builder reused = new Labels.Builder();
        for (Labels in : List.of(
                l("__name__", "up", "instance", "a:1"),
                l("__name__", "go_goroutines", "instance", "b:2"),
                l("__name__", "http_requests_total", "instance", "c:3", "code", "200"),
                l("__name__", "x"))) {
            reused.reset();
            in.forEach(reused::set);
            boolean kept = Relabeler.process(reused, configs);
            Labels viaLabels = Relabeler.process(in, configs);
            assertEquals(viaLabels != null, kept, in.toString());
            if (kept) {
                assertEquals(viaLabels, reused.build(), in.toString());
            }
        }
    }

    @Test
    void hashModMatchesPrometheusAndUsesTheLastEightBytes() {
        // python3 -c "import hashlib;print(int.from_bytes(hashlib.md5(b'foo').digest()[8:],'big')%1000)"
        assertEquals(696, Relabeler.hashMod("foo", 1000));
        // the first eight bytes would give 404
        assertEquals(6581718738824679922L, Relabeler.hashMod("bar", -1L)); // -1 is 2^64-1 unsigned
        assertEquals(0, Relabeler.hashMod("x", 1));
    }

    @Test
    void droppedLabelsAreNull() {
        List<RelabelConfig> drop = configs(List.of(map("action", "drop")));
        assertNull(Relabeler.process(l("a", "1"), drop));
        assertFalse(Relabeler.process(l("a", "1").toBuilder(), drop));
        assertTrue(Relabeler.process(l("a", "1").toBuilder(), List.of()));
    }
}
