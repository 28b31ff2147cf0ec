package io.pharos.spi.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void validNamesAreNonEmptyUtf8() {
        assertTrue(Labels.isValidName("job"));
        assertTrue(Labels.isValidName("__name__"));
        assertTrue(Labels.isValidName("0 weird.name-\u00e9"));
        assertTrue(Labels.isValidName("\ud83d\ude00"));
        assertFalse(Labels.isValidName(""));
    }

    @Test
    void unpairedSurrogatesAreInvalid() {
        assertFalse(Labels.isValidName("a\ud800"));
        assertFalse(Labels.isValidName("\ud800b"));
        assertFalse(Labels.isValidName("\udc00"));
        assertFalse(Labels.isValidName("\ude00\ud83d"));
    }
}
