package dev.cutover.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodeExceptionTest {

    @Test
    void aDeadLettersDetailIsTheMessageCutAtItsLimit() {
        DecodeException shortOne = new DecodeException(DecodeFailure.TRUNCATED_BODY, "at byte 7");
        assertThat(shortOne.deadLetterDetail()).isEqualTo("truncated-body: at byte 7");

        DecodeException longOne =
                new DecodeException(DecodeFailure.TRUNCATED_BODY, "x".repeat(2_000));
        assertThat(longOne.deadLetterDetail())
                .hasSize(DecodeException.MAX_DEAD_LETTER_DETAIL)
                .isEqualTo(longOne.getMessage().substring(0, 500));
    }
}
