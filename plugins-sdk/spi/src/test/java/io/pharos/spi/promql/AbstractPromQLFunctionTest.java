package io.pharos.spi.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbstractPromQLFunctionTest {
    private static final class Plain extends AbstractPromQLFunction {
        Plain(List<ValueType> argTypes) {
            super("plain", ValueType.SCALAR, argTypes);
        }

        @Override
        public void evaluate(FunctionCall call, FunctionOutput out) {
            out.scalar(1);
        }
    }

    private static final class Configured extends AbstractPromQLFunction {
        Configured() {
            super("configured", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.STRING));
            setVariadic(-1);
            setExperimental();
            setKeepsMetricName();
        }

        @Override
        public void evaluate(FunctionCall call, FunctionOutput out) {
        }
    }

    @Test
    void defaultsAreThoseOfTheInterface() {
        PromQLFunction f = new Plain(List.of(ValueType.VECTOR));
        assertEquals("plain", f.name());
        assertEquals(ValueType.SCALAR, f.returnType());
        assertEquals(List.of(ValueType.VECTOR), f.argTypes());
        assertEquals(0, f.variadic());
        assertFalse(f.experimental());
        assertFalse(f.keepsMetricName());
    }

    @Test
    void settingsMadeInTheConstructorAreReported() {
        PromQLFunction f = new Configured();
        assertEquals("configured", f.name());
        assertEquals(ValueType.VECTOR, f.returnType());
        assertEquals(List.of(ValueType.VECTOR, ValueType.STRING), f.argTypes());
        assertEquals(-1, f.variadic());
        assertTrue(f.experimental());
        assertTrue(f.keepsMetricName());
    }

    @Test
    void argumentTypesAreCopiedAndUnmodifiable() {
        List<ValueType> args = new ArrayList<>(List.of(ValueType.VECTOR));
        PromQLFunction f = new Plain(args);
        args.add(ValueType.SCALAR);
        assertEquals(List.of(ValueType.VECTOR), f.argTypes());
        assertThrows(UnsupportedOperationException.class, () -> f.argTypes().add(ValueType.STRING));
    }

    @Test
    void nameAndReturnTypeAreRequired() {
        assertThrows(NullPointerException.class, () -> new AbstractPromQLFunction(null, ValueType.SCALAR, List.of()) {
            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
            }
        });
        assertThrows(NullPointerException.class, () -> new AbstractPromQLFunction("f", null, List.of()) {
            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
            }
        });
    }
}
