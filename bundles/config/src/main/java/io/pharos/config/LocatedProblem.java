package io.pharos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A problem found while reading, with the position it belongs to. It travels through Jackson as
 * an IOException (Jackson may wrap it to add a path); the loader digs it out of the cause chain.
 */
final class LocatedProblem extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    LocatedProblem(String reason, JsonLocation location) {
        super(reason, location);
    }

    String reason() {
        return getOriginalMessage();
    }
}
