package io.pharos.spi.promql;

/** The PromQL value types, named as in the Prometheus API ({@code resultType}). */
public enum ValueType {
    SCALAR("scalar"),
    VECTOR("vector"),
    MATRIX("matrix"),
    STRING("string");

    private final String text;

    ValueType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
