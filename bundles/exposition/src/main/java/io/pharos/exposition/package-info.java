/**
 * The Prometheus text exposition format 0.0.4: {@link io.pharos.exposition.TextParser}, a pull
 * parser that reads scraped bodies without an object per sample, {@link
 * io.pharos.exposition.TextFormatWriter}, which writes metric families in that format, and {@link
 * io.pharos.exposition.GoFloat}, which formats numbers exactly as Prometheus (Go) does so that
 * exposition and API output match it byte for byte.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.pharos.exposition;
