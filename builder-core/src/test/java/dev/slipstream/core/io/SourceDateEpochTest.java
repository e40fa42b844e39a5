package dev.slipstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceDateEpochTest {

    @Test
    void parsesSecondsSinceTheEpoch() {
        assertThat(SourceDateEpoch.parse("1700000000")).contains(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(SourceDateEpoch.parse("")).isEmpty();
        assertThat(SourceDateEpoch.parse(null)).isEmpty();
    }

    @Test
    void rejectsAValueThatIsNotANumberInsteadOfFallingBackToTheClock() {
        assertThatThrownBy(() -> SourceDateEpoch.parse("2023-11-14"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SOURCE_DATE_EPOCH");
    }
}
