package io.pharos.http.internal;

import io.pharos.exposition.TextFormatWriter;
import io.pharos.spi.exporter.Exporter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The exporters currently registered (whiteboard), grouped by endpoint name on demand. */
final class Exporters {
    private final List<Exporter> all = new CopyOnWriteArrayList<>();

    void add(Exporter e) {
        all.add(e);
    }

    void remove(Exporter e) {
        all.remove(e);
    }

    boolean has(String name) {
        return all.stream().anyMatch(e -> e.name().equals(name));
    }

    /** Writes every family of every exporter with this name; false if there is none. */
    boolean write(String name, Writer out) throws IOException {
        boolean any = false;
        TextFormatWriter writer = new TextFormatWriter(out);
        for (Exporter e : all) {
            if (e.name().equals(name)) {
                any = true;
                e.collect(writer);
            }
        }
        return any;
    }
}
