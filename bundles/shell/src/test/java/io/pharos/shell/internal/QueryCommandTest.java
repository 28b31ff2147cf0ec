package io.pharos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pharos.promql.QueryResult;
import io.pharos.promql.Sample;
import io.pharos.spi.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCommandTest {
    private static String print(QueryResult result, boolean format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QueryCommand.render(result).print(new PrintStream(out, true, StandardCharsets.UTF_8), format);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void vectorIsAnAlignedTable() {
        QueryResult r = new QueryResult.VectorResult(List.of(
                new Sample(Labels.of("__name__", "up", "job", "pharos"), 1_000, 1),
                new Sample(Labels.of("__name__", "up", "job", "a-much-longer-job-name"), 1_000, 0.5)));
        String[] lines = print(r, true).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        // Every row has the columns at the same offsets as the header.
        int valueEnd = lines[0].indexOf("Value") + "Value".length();
        assertEquals(valueEnd, lines[2].indexOf("1 ") + 1);
        assertEquals(valueEnd, lines[3].indexOf("0.5") + 3);
        assertEquals(lines[0].indexOf("Timestamp"), lines[3].indexOf("1970-01-01T00:00:01Z"));
    }

    @Test
    void scriptsGetPlainRows() {
        QueryResult r = new QueryResult.ScalarResult(2_000, 42);
        String row = print(r, false).lines().filter(l -> l.startsWith("scalar")).findFirst().orElseThrow();
        assertEquals(List.of("scalar", "42", "1970-01-01T00:00:02Z"),
                java.util.Arrays.stream(row.split("\t")).map(String::trim).toList());
    }

    @Test
    void timeAcceptsUnixSecondsAndRfc3339() {
        assertEquals(1_435_781_451_781L, QueryCommand.parseTime("1435781451.781"));
        assertEquals(1_435_781_451_781L, QueryCommand.parseTime("2015-07-01T20:10:51.781Z"));
        assertThrows(IllegalArgumentException.class, () -> QueryCommand.parseTime("yesterday"));
    }
}
