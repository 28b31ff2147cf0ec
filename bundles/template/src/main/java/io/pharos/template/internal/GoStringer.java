package io.pharos.template.internal;

/** A value Go's fmt prints with its {@code String()} method: here {@link #toString()}. */
interface GoStringer {
}
