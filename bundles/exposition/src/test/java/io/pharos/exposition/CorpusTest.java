package io.pharos.exposition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.exposition.ExpositionParser.Entry;
import io.pharos.spi.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import io.pharos.testkit.Corpora;
import org.junit.jupiter.api.Test;

/**
 * Parses the shared corpora with both parsers: the text-format files of the exposition corpus
 * (Prometheus' own parser test data), node_exporter's end-to-end output and promtool's metrics
 * with {@link TextParser}; the OpenMetrics files ({@code *.om.txt}, promtool's
 * {@code dump-openmetrics-*.prom}) with {@link OpenMetricsParser}. Counts are checked against
 * ones taken from the files' lines independently of the parsers.
 */
class CorpusTest {

    static Path corpus() {
        return Corpora.resolve("exposition");
    }

    static List<Path> textFormatFiles() throws IOException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return Files.isRegularFile(f) && name.contains(".prom") && !name.contains(".om");
            }).sorted().toList();
        }
    }

    record Parsed(int helps, int types, int comments, List<String> series) {
    }

    static Parsed parse(Path file) throws IOException, ExpositionException {
        byte[] body = Files.readAllBytes(file);
        List<String> lines = Files.readAllLines(file);
        TextParser p = new TextParser(body, 0, body.length);
        Labels.Builder b = Labels.builder();
        int helps = 0;
        int types = 0;
        int comments = 0;
        List<String> series = new ArrayList<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case HELP -> helps++;
                case TYPE -> types++;
                case COMMENT -> comments++;
                case SERIES -> {
                    p.labels(b);
                    // Check the value against the raw token, read by the JDK.
                    String line = lines.get(p.line() - 1);
                    String token = line.substring(line.lastIndexOf(' ') + 1);
                    String raw = token.replace("Inf", "Infinity");
                    assertEquals(Double.doubleToLongBits(Double.parseDouble(raw)),
                            Double.doubleToLongBits(p.value()), file + ":" + p.line());
                    assertEquals(new String(body, p.seriesOffset(), p.seriesLength(), UTF_8),
                            line.substring(0, line.lastIndexOf(' ')), file + ":" + p.line());
                    series.add(b.build() + " " + GoFloat.format(p.value()));
                }
                default -> throw new AssertionError(e);
            }
        }
        return new Parsed(helps, types, comments, series);
    }

    @Test
    void textFormatFilesParse() throws IOException, ExpositionException {
        List<Path> files = textFormatFiles();
        assertFalse(files.isEmpty(), "no text-format files in " + corpus());
        for (Path f : files) {
            Parsed parsed = parse(f);
            long seriesLines = Files.readAllLines(f).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
            assertEquals(seriesLines, parsed.series().size(), f.toString());
            assertTrue(parsed.series().size() > 0, f.toString());
        }
    }

    /** The corpus has the same samples with and without metadata: both must agree. */
    @Test
    void metadataDoesNotChangeSamples() throws IOException, ExpositionException {
        Path full = Corpora.resolve("exposition/alltypes.237mfs.prom.txt");
        Path bare = Corpora.resolve("exposition/alltypes.237mfs.nometa.prom.txt");
        Parsed withMeta = parse(full);
        Parsed without = parse(bare);
        assertEquals(237, withMeta.types());
        assertEquals(0, without.types() + without.helps());
        assertEquals(withMeta.series(), without.series());
    }

    /** Families, samples, timestamps and exemplars as read by the OpenMetrics parser. */
    record OmCounts(int types, int helps, int units, int series, int timestamps, int exemplars) {
    }

    static OmCounts parseOpenMetrics(Path file) throws IOException, ExpositionException {
        byte[] body = Files.readAllBytes(file);
        List<String> lines = Files.readAllLines(file);
        OpenMetricsParser p = new OpenMetricsParser(body, 0, body.length);
        Labels.Builder b = Labels.builder();
        int[] n = new int[6];
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case TYPE -> n[0]++;
                case HELP -> n[1]++;
                case UNIT -> n[2]++;
                case SERIES -> {
                    n[3]++;
                    p.labels(b);
                    String line = lines.get(p.line() - 1);
                    String key = new String(body, p.seriesOffset(), p.seriesLength(), UTF_8);
                    assertTrue(line.startsWith(key + " "), file + ":" + p.line());
                    String[] rest = line.substring(key.length() + 1).split(" ");
                    assertEquals(Double.doubleToLongBits(Double.parseDouble(rest[0].replace("Inf", "Infinity"))),
                            Double.doubleToLongBits(p.value()), file + ":" + p.line());
                    if (p.hasTimestamp()) {
                        n[4]++;
                        assertEquals((long) (Double.parseDouble(rest[1]) * 1000), p.timestamp(), file + ":" + p.line());
                    }
                    if (p.hasExemplar()) {
                        n[5]++;
                        p.exemplarLabels(b);
                        assertFalse(b.build().isEmpty(), file + ":" + p.line());
                    }
                }
                default -> throw new AssertionError(e + " in " + file);
            }
        }
        return new OmCounts(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    static long count(List<String> lines, java.util.function.Predicate<String> p) {
        return lines.stream().filter(p).count();
    }

    @Test
    void openMetricsFilesParse() throws IOException, ExpositionException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus())) {
            s.filter(f -> f.getFileName().toString().endsWith(".om.txt")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(Corpora.resolve("promtool"))) {
            s.filter(f -> f.getFileName().toString().startsWith("dump-openmetrics")).sorted().forEach(files::add);
        }
        assertEquals(4, files.size(), "OpenMetrics files: " + files);
        int exemplars = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            OmCounts c = parseOpenMetrics(f);
            assertEquals(count(lines, l -> l.startsWith("# TYPE ")), c.types(), f.toString());
            assertEquals(count(lines, l -> l.startsWith("# HELP ")), c.helps(), f.toString());
            assertEquals(count(lines, l -> !l.startsWith("#")), c.series(), f.toString());
            assertEquals(count(lines, l -> l.contains(" # {")), c.exemplars(), f.toString());
            assertTrue(c.series() > 0, f.toString());
            exemplars += c.exemplars();
        }
        assertTrue(exemplars > 0, "the corpus has exemplars");
    }

    /** Figures read off the files by hand, so that a parser that skips lines cannot pass. */
    @Test
    void openMetricsCorpusCounts() throws IOException, ExpositionException {
        OmCounts alltypes = parseOpenMetrics(Corpora.resolve("exposition/alltypes.5mfs.om.txt"));
        assertEquals(5, alltypes.types());
        assertEquals(6, alltypes.exemplars());
        OmCounts dump = parseOpenMetrics(Corpora.resolve("promtool/dump-openmetrics-test.prom"));
        assertEquals(dump.series(), dump.timestamps(), "every sample of a dump has a timestamp");
    }

    @Test
    void nodeExporterAndPromtoolTextParse() throws IOException, ExpositionException {
        for (Path f : List.of(Corpora.resolve("node-exporter/e2e-output.txt"),
                Corpora.resolve("promtool/metrics-test.prom"))) {
            List<String> lines = Files.readAllLines(f);
            Parsed parsed = parse(f);
            assertEquals(count(lines, l -> l.startsWith("# TYPE ")), parsed.types(), f.toString());
            assertEquals(count(lines, l -> l.startsWith("# HELP ")), parsed.helps(), f.toString());
            assertEquals(count(lines, l -> !l.isBlank() && !l.startsWith("#")), parsed.series().size(), f.toString());
            assertTrue(parsed.types() > 0 && parsed.series().size() > parsed.types(), f.toString());
        }
    }
}
