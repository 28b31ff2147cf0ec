package io.pharos.rules.internal;

import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.storage.Storage;
import io.pharos.storage.memory.MemoryStorage;

/** An in-memory backend as the kernel's {@link Storage}: the private data of rule unit tests. */
record MemoryBackedStorage(MemoryStorage memory) implements Storage {
    @Override
    public Appender appender() {
        return memory.appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return memory.querier(mint, maxt);
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String primaryName() {
        return "memory";
    }
}
