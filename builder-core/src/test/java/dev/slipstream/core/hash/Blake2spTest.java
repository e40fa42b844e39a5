package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2spDigest;
import org.junit.jupiter.api.Test;

/** Our BLAKE2sp against Bouncy Castle's independent implementation, fed in awkward pieces. */
class Blake2spTest {

    private static byte[] bouncyCastle(byte[] key, byte[] data) {
        Blake2spDigest d = new Blake2spDigest(key);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Test
    void agreesWithBouncyCastleForManySizesAndSplits() {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] sizes = {0, 1, 63, 64, 65, 511, 512, 513, 1023, 1024, 1025, 4096, 4097, 64 * 1024 + 3, 300_001};
        for (int size : sizes) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            byte[] key = size % 2 == 0 ? null : new byte[] {1, 2, 3, 4, 5};
            byte[] expected = bouncyCastle(key, data);

            Blake2sp b = new Blake2sp(key);
            int off = 0;
            while (off < size) {
                int n = Math.min(size - off, 1 + rnd.nextInt(1500));
                b.update(data, off, n);
                off += n;
            }
            assertThat(b.digest()).as("size %d, random splits", size).isEqualTo(expected);
        }
    }

    @Test
    void leavesFedSeparatelyGiveTheSameDigest() {
        // This is how FileHasher runs the leaves on different threads: each sees the whole stream.
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] data = new byte[100_000];
        rnd.nextBytes(data);
        Blake2sp b = new Blake2sp();
        List<StreamConsumer> parts = b.parts();
        assertThat(parts).hasSize(8);
        for (StreamConsumer leaf : parts) {
            int chunk = 1 + rnd.nextInt(5000);
            for (int off = 0; off < data.length; off += chunk) {
                leaf.update(data, off, Math.min(chunk, data.length - off));
            }
        }
        assertThat(b.digest()).isEqualTo(bouncyCastle(null, data));
    }

    @Test
    void rejectsKeysBlake2sCannotTake() {
        assertThatThrownBy(() -> new Blake2sp(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Blake2sp(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
