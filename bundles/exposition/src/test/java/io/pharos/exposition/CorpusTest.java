package io.pharos.exposition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.exposition.TextParser.Entry;
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
 * Parses the text-format files of the shared exposition corpus (Prometheus' own parser test
 * data). OpenMetrics files ({@code *.om*}) are for a later OpenMetrics parser.
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
}
