package dev.slipstream.core.codec;

import java.util.Arrays;

/**
 * Builds length-limited canonical Huffman codes, as LZX (16 bits for the main and length trees,
 * 15 for the pretree, 7 for the aligned-offset tree) and deflate need them.
 *
 * <p>The codes are always <em>complete</em> (the Kraft sum is exactly 1): libarchive and libmspack
 * reject incomplete trees, so a tree with a single used symbol gets a second, unused one. Codes
 * are canonical in the order every decoder rebuilds them: shorter codes first, equal lengths by
 * increasing symbol.
 */
public final class HuffmanCodeBuilder {

    private HuffmanCodeBuilder() {
    }

    /**
     * Computes code lengths for {@code n} symbols with frequencies {@code freq} into {@code lens},
     * none longer than {@code maxLen}. Symbols with frequency 0 get length 0, except that at least
     * two symbols always get a code.
     */
    public static void buildLengths(int[] freq, int n, int maxLen, int[] lens) {
        if (n < 2 || (1 << maxLen) < n && countUsed(freq, n) > (1 << maxLen)) {
            throw new IllegalArgumentException("cannot code " + n + " symbols in " + maxLen + " bits");
        }
        // Each step is a method of its own with one loop: the JIT then compiles each small loop
        // once, instead of compiling this whole method again for every loop that gets hot (four
        // C2 compilations of 50-70 ms each in a build that encodes a few megabytes).
        Arrays.fill(lens, 0, n, 0);
        long[] keys = new long[Math.max(countUsed(freq, n), 2)];
        int m = sortedLeaves(freq, n, keys);
        if (m == 2) {
            lens[(int) keys[0]] = 1;
            lens[(int) keys[1]] = 1;
            return;
        }
        int[] depth = leafDepths(keys, m);
        int[] count = new int[Math.max(maxLen, 64) + 1];
        for (int i = 0; i < m; i++) {
            count[Math.min(depth[i], maxLen)]++;
        }
        limitLengths(count, maxLen);
        // The least frequent symbols get the longest codes.
        int idx = 0;
        for (int len = maxLen; len >= 1; len--) {
            for (int c = 0; c < count[len]; c++) {
                lens[(int) keys[idx++]] = len;
            }
        }
    }

    /**
     * Fills {@code keys} with the used symbols sorted by (frequency, symbol), least frequent
     * first, as {@code freq << 32 | symbol}; with fewer than two used symbols, the lowest unused
     * ones are added so that the code is complete. Returns how many.
     */
    private static int sortedLeaves(int[] freq, int n, long[] keys) {
        int k = 0;
        for (int s = 0; s < n; s++) {
            if (freq[s] > 0) {
                keys[k++] = ((long) freq[s] << 32) | s;
            }
        }
        for (int s = 0; k < 2 && s < n; s++) {
            if (freq[s] == 0) {
                keys[k++] = s;
            }
        }
        Arrays.sort(keys, 0, k);
        return k;
    }

    /** The depth of each of the {@code m} sorted leaves in a Huffman tree built by two-queue merging (Moffat and Katajainen). */
    private static int[] leafDepths(long[] keys, int m) {
        long[] weight = new long[2 * m];
        int[] parent = new int[2 * m];
        for (int i = 0; i < m; i++) {
            weight[i] = Math.max(1, keys[i] >>> 32);
        }
        int leaf = 0;
        int inner = m;
        int next = m;
        while (next < 2 * m - 1) {
            int a;
            if (leaf < m && (inner >= next || weight[leaf] <= weight[inner])) {
                a = leaf++;
            } else {
                a = inner++;
            }
            int b;
            if (leaf < m && (inner >= next || weight[leaf] <= weight[inner])) {
                b = leaf++;
            } else {
                b = inner++;
            }
            weight[next] = weight[a] + weight[b];
            parent[a] = next;
            parent[b] = next;
            next++;
        }
        int root = 2 * m - 2;
        int[] depth = new int[2 * m];
        depth[root] = 0;
        for (int i = root - 1; i >= 0; i--) {
            depth[i] = depth[parent[i]] + 1;
        }
        return depth;
    }

    /**
     * Restores the Kraft equality of code counts per length clamped at {@code maxLen} by
     * lengthening codes (the approach of zlib's and miniz's length limiting).
     */
    private static void limitLengths(int[] count, int maxLen) {
        long kraft = 0;
        for (int len = 1; len <= maxLen; len++) {
            kraft += (long) count[len] << (maxLen - len);
        }
        long full = 1L << maxLen;
        while (kraft > full) {
            count[maxLen]--;
            for (int len = maxLen - 1; len > 0; len--) {
                if (count[len] > 0) {
                    count[len]--;
                    count[len + 1] += 2;
                    break;
                }
            }
            kraft--;
        }
    }

    private static int countUsed(int[] freq, int n) {
        int used = 0;
        for (int s = 0; s < n; s++) {
            if (freq[s] > 0) {
                used++;
            }
        }
        return used;
    }

    /** Assigns canonical codes (MSB-first) to {@code lens}; {@code codes[s]} is undefined where lens[s] == 0. */
    public static void canonicalCodes(int[] lens, int n, int maxLen, int[] codes) {
        int[] blCount = new int[maxLen + 2];
        for (int s = 0; s < n; s++) {
            blCount[lens[s]]++;
        }
        blCount[0] = 0;
        int[] nextCode = new int[maxLen + 2];
        int code = 0;
        for (int len = 1; len <= maxLen; len++) {
            code = (code + blCount[len - 1]) << 1;
            nextCode[len] = code;
        }
        for (int s = 0; s < n; s++) {
            int len = lens[s];
            if (len != 0) {
                codes[s] = nextCode[len]++;
            }
        }
    }
}
