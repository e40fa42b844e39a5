package dev.slipstream.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/** The fuzz contract must be able to fail: each kind of bad outcome is caught, each good one passes. */
class FuzzOutcomeTest {

    @Test
    void aResultOrOurTypedExceptionPasses() {
        assertThatCode(() -> FuzzOutcome.expectResultOrTyped("t", () -> { })).doesNotThrowAnyException();
        assertThatCode(() -> FuzzOutcome.expectResultOrTyped("t", () -> {
            throw BadInputException.in("x").problem("bad");
        })).doesNotThrowAnyException();
        assertThatCode(() -> FuzzOutcome.expectResultOrTyped("t", () -> {
            throw new DataFormatException("bad block");
        }, DataFormatException.class)).doesNotThrowAnyException();
    }

    @Test
    void runtimeExceptionsErrorsAndPlainIoExceptionsFail() {
        assertThatThrownBy(() -> FuzzOutcome.expectResultOrTyped("t", () -> {
            throw new ArrayIndexOutOfBoundsException(7);
        })).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> FuzzOutcome.expectResultOrTyped("t", () -> {
            throw new StackOverflowError();
        })).isInstanceOf(StackOverflowError.class);
        assertThatThrownBy(() -> FuzzOutcome.expectResultOrTyped("t", () -> {
            throw new IOException("short read");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("exit 4, not 3");
        // A decoder's DataFormatException is only accepted where the target says so.
        assertThatThrownBy(() -> FuzzOutcome.expectResultOrTyped("t", () -> {
            throw new DataFormatException("bad block");
        })).isInstanceOf(AssertionError.class);
    }

    @Test
    void aHangFailsAndLaterInputsStillRun() {
        assertThatThrownBy(() -> FuzzOutcome.expectResultOrTyped("t", 300, Long.MAX_VALUE, () -> {
            // Ends when the harness interrupts it, so the test leaves no spinning thread behind.
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        })).isInstanceOf(AssertionError.class).hasMessageContaining("no result after 300 ms");
        assertThatCode(() -> FuzzOutcome.expectResultOrTyped("t", () -> { })).doesNotThrowAnyException();
    }

    @Test
    void allocatingWhatAHeaderClaimsFails() {
        assertThatThrownBy(() -> FuzzOutcome.expectResultOrTyped("t", 10_000, 1 << 20, () -> {
            byte[] claimed = new byte[8 << 20];
            claimed[claimed.length - 1] = 1;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("allocate");
    }
}
