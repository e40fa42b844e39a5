package dev.slipstream.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanonicalHuffmanTest {

    /** RFC 1951 section 3.2.2's example: lengths (3,3,3,3,3,2,4,4) give 010 011 100 101 110 00 1110 1111. */
    private static final byte[] RFC = {3, 3, 3, 3, 3, 2, 4, 4};

    @Test
    void assignsCodesAsDeflateAndLzxDo() {
        assertThat(CanonicalHuffman.codes(RFC, RFC.length)).containsExactly(0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111);
        assertThat(CanonicalHuffman.reverse(0b1110, 4)).isEqualTo(0b0111);
    }

    @Test
    void measuresTheFillOfTheCodeSpace() {
        assertThat(CanonicalHuffman.fill(RFC, RFC.length)).isEqualTo(CanonicalHuffman.Fill.COMPLETE);
        assertThat(CanonicalHuffman.fill(new byte[] {1, 2}, 2)).isEqualTo(CanonicalHuffman.Fill.INCOMPLETE);
        assertThat(CanonicalHuffman.fill(new byte[] {1, 1, 1}, 3)).isEqualTo(CanonicalHuffman.Fill.OVERSUBSCRIBED);
        assertThat(CanonicalHuffman.fill(new byte[] {0, 0}, 2)).isEqualTo(CanonicalHuffman.Fill.EMPTY);
        assertThat(CanonicalHuffman.fill(new byte[] {17, 1}, 2)).isEqualTo(CanonicalHuffman.Fill.INVALID_LENGTH);
        assertThatThrownBy(() -> CanonicalHuffman.codes(new byte[] {1, 1, 1}, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableDecodesEveryCodeShortAndLong() {
        // 16 symbols: one of length 1, then 2, 3, ... 15, and two of length 16 (complete).
        byte[] lens = new byte[17];
        for (int i = 0; i < 15; i++) {
            lens[i] = (byte) (i + 1);
        }
        lens[15] = 16;
        lens[16] = 16;
        assertThat(CanonicalHuffman.fill(lens, lens.length)).isEqualTo(CanonicalHuffman.Fill.COMPLETE);
        int[] codes = CanonicalHuffman.codes(lens, lens.length);
        for (int primary : new int[] {4, 8, 11}) {
            HuffmanTable t = new HuffmanTable(primary);
            assertThat(t.build(lens, lens.length)).isEqualTo(CanonicalHuffman.Fill.COMPLETE);
            for (int sym = 0; sym < lens.length; sym++) {
                int window = codes[sym] << (16 - lens[sym]);
                int e = t.lookup(window | ((1 << (16 - lens[sym])) - 1) & 0x5555);
                assertThat(e >>> 5).as("symbol %d with %d primary bits", sym, primary).isEqualTo(sym);
                assertThat(e & 31).isEqualTo(lens[sym]);
            }
        }
    }

    @Test
    void anIncompleteTableIsReportedAndLeavesNothingToMatch() {
        HuffmanTable t = new HuffmanTable(8);
        assertThat(t.build(new byte[] {1, 2}, 2)).isEqualTo(CanonicalHuffman.Fill.INCOMPLETE);
        assertThat(t.lookup(0)).isZero();
    }
}
