package dev.slipstream.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HuffmanCodeBuilderTest {

    private static double kraft(int[] lens) {
        double k = 0;
        for (int l : lens) {
            if (l > 0) {
                k += Math.pow(2, -l);
            }
        }
        return k;
    }

    @Test
    void fibonacciFrequenciesAreLimitedAndStayComplete() {
        // Fibonacci weights make an unlimited Huffman code as deep as there are symbols.
        int n = 40;
        int[] freq = new int[n];
        freq[0] = 1;
        freq[1] = 1;
        for (int i = 2; i < n; i++) {
            freq[i] = Math.min(freq[i - 1] + freq[i - 2], 1 << 28);
        }
        int[] lens = new int[n];
        HuffmanCodeBuilder.buildLengths(freq, n, 16, lens);
        assertThat(java.util.Arrays.stream(lens).allMatch(l -> l >= 1 && l <= 16)).isTrue();
        assertThat(kraft(lens)).isEqualTo(1.0);
        // More frequent symbols never get longer codes.
        for (int i = 1; i < n; i++) {
            assertThat(lens[i]).isLessThanOrEqualTo(lens[i - 1]);
        }
    }

    @Test
    void singleUsedSymbolStillGetsACompleteCode() {
        int[] freq = new int[20];
        freq[7] = 100;
        int[] lens = new int[20];
        HuffmanCodeBuilder.buildLengths(freq, 20, 15, lens);
        assertThat(lens[7]).isEqualTo(1);
        assertThat(kraft(lens)).isEqualTo(1.0);
    }

    @Test
    void randomFrequenciesGiveCompleteLimitedPrefixCodes() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            int n = 8 + rnd.nextInt(700);
            int max = 7 + rnd.nextInt(10);
            int[] freq = new int[n];
            for (int i = 0; i < n; i++) {
                freq[i] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1 << rnd.nextInt(20));
            }
            if (n > (1 << max)) {
                continue;
            }
            int[] lens = new int[n];
            HuffmanCodeBuilder.buildLengths(freq, n, max, lens);
            for (int i = 0; i < n; i++) {
                assertThat(lens[i]).isBetween(0, max);
                if (freq[i] > 0) {
                    assertThat(lens[i]).isPositive();
                }
            }
            assertThat(kraft(lens)).isEqualTo(1.0);
            int[] codes = new int[n];
            HuffmanCodeBuilder.canonicalCodes(lens, n, max, codes);
            // Prefix-free: no code is a prefix of another.
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b && lens[a] > 0 && lens[b] >= lens[a]) {
                        assertThat(codes[b] >>> (lens[b] - lens[a])).isNotEqualTo(codes[a]);
                    }
                }
            }
        }
    }
}
