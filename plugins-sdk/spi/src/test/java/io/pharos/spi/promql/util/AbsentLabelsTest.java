package io.pharos.spi.promql.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbsentLabelsTest {
    @Test
    void noMatchersGiveEmptyLabels() {
        assertEquals(Labels.EMPTY, AbsentLabels.of(List.of()));
    }

    @Test
    void firstEqualityMatcherOfANameSetsIt() {
        List<LabelMatcher> matchers = List.of(
                LabelMatcher.equal(Labels.METRIC_NAME, "up"),
                LabelMatcher.equal("job", "a"),
                LabelMatcher.equal("env", "prod"),
                LabelMatcher.equal("job", "b"),
                LabelMatcher.of("instance", MatchType.REGEX, "x.*"));
        assertEquals(Labels.of("env", "prod"), AbsentLabels.of(matchers));
    }

    @Test
    void anotherKindOfMatcherRemovesTheName() {
        List<LabelMatcher> matchers = List.of(
                LabelMatcher.equal("job", "a"),
                LabelMatcher.of("job", MatchType.NOT_EQUAL, "b"));
        assertEquals(Labels.EMPTY, AbsentLabels.of(matchers));
    }
}
