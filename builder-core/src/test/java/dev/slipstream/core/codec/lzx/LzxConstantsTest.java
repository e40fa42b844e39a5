package dev.slipstream.core.codec.lzx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LzxConstantsTest {

    @Test
    void positionSlotsCoverEachWindowExactly() {
        // The last slot's range must reach the window size, and no earlier slot may already reach it.
        for (int bits = LzxConstants.MIN_WINDOW_BITS; bits <= LzxConstants.MAX_WINDOW_BITS; bits++) {
            int slots = LzxConstants.positionSlots(bits);
            long end = (long) LzxConstants.POSITION_BASE[slots - 1] + (1L << LzxConstants.EXTRA_BITS[slots - 1]);
            assertThat(end).as("window 2^%d", bits).isGreaterThanOrEqualTo(1L << bits);
            assertThat(LzxConstants.POSITION_BASE[slots - 1]).isLessThan(1 << bits);
        }
    }

    @Test
    void tablesMatchThePublishedValues() {
        assertThat(LzxConstants.EXTRA_BITS).startsWith(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4);
        assertThat(LzxConstants.EXTRA_BITS[36]).isEqualTo(17);
        assertThat(LzxConstants.EXTRA_BITS[49]).isEqualTo(17);
        assertThat(LzxConstants.POSITION_BASE).startsWith(0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48);
        assertThat(LzxConstants.POSITION_BASE[36]).isEqualTo(262_144);
        assertThat(LzxConstants.POSITION_BASE[37]).isEqualTo(393_216);
        assertThat(LzxConstants.POSITION_BASE[49]).isEqualTo(1_966_080);
        assertThat(LzxConstants.mainTreeElements(21)).isEqualTo(656);
        assertThat(LzxConstants.mainTreeElements(15)).isEqualTo(496);
    }
}
