/**
 * Chunk encodings for the TSDB: {@link io.pharos.tsdb.chunk.XorChunk}, an append-only,
 * Gorilla-style compressed run of float samples (delta-of-delta timestamps, XOR'd values) in one
 * {@code byte[]}, and {@link io.pharos.tsdb.chunk.XorIterator}, a reusable, allocation-free cursor
 * over it that implements the SPI's {@link io.pharos.spi.model.SampleIterator}. The byte layout is
 * documented on {@code XorChunk}; persisted chunks are read back with
 * {@link io.pharos.tsdb.chunk.XorChunk#wrap}.
 */
@Export
@Version("1.0.0")
package io.pharos.tsdb.chunk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
