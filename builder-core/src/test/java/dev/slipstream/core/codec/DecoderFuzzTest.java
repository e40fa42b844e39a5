package dev.slipstream.core.codec;

import java.util.zip.DataFormatException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.slipstream.core.codec.lzx.LzxDecoder;
import dev.slipstream.core.codec.mszip.MszipDecoder;
import dev.slipstream.core.codec.quantum.QuantumDecoder;
import dev.slipstream.testing.FuzzOutcome;

/**
 * Fuzz targets for the block decoders, fed raw block data as a folder would feed them. An input
 * is a small container of blocks:
 * <pre>
 *   byte 0         window selector: LZX window bits = 15 + b0 % 7, Quantum = 10 + b0 % 12
 *   then per block u16le outLen (taken % 32769), u16le inLen (cut to what remains), inLen bytes
 * </pre>
 * The decoder must fill each block to exactly outLen or throw {@link DataFormatException}.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void mszip(byte[] data) {
        FuzzOutcome.expectResultOrTyped("mszip", () -> decodeBlocks(data, new MszipDecoder()), DataFormatException.class);
    }

    @FuzzTest(maxDuration = "10m")
    void lzx(byte[] data) {
        FuzzOutcome.expectResultOrTyped("lzx", () -> decodeBlocks(data, new LzxDecoder(lzxWindowBits(data))),
                DataFormatException.class);
    }

    @FuzzTest(maxDuration = "10m")
    void quantum(byte[] data) {
        FuzzOutcome.expectResultOrTyped("quantum", () -> decodeBlocks(data, new QuantumDecoder(quantumWindowBits(data))),
                DataFormatException.class);
    }

    static int lzxWindowBits(byte[] data) {
        return 15 + (data.length == 0 ? 0 : (data[0] & 0xFF) % 7);
    }

    static int quantumWindowBits(byte[] data) {
        return QuantumDecoder.MIN_WINDOW_BITS + (data.length == 0 ? 0 : (data[0] & 0xFF) % 12);
    }

    /** Decodes the blocks of {@code data} (format above) in order, as one folder. */
    static void decodeBlocks(byte[] data, BlockDecoder decoder) throws DataFormatException {
        try {
            decodeBlocksOf(data, decoder);
        } finally {
            // The production decoder lives as long as its folder; here it must not leak zlib memory per input.
            if (decoder instanceof MszipDecoder m) {
                m.end();
            }
        }
    }

    private static void decodeBlocksOf(byte[] data, BlockDecoder decoder) throws DataFormatException {
        byte[] out = new byte[BlockDecoder.MAX_BLOCK_SIZE];
        int pos = 1;
        while (pos + 4 <= data.length) {
            int outLen = u16(data, pos) % (BlockDecoder.MAX_BLOCK_SIZE + 1);
            int inLen = Math.min(u16(data, pos + 2), data.length - pos - 4);
            pos += 4;
            byte[] in = java.util.Arrays.copyOfRange(data, pos, pos + inLen);
            pos += inLen;
            // Poison the output so a decoder that leaves bytes unwritten cannot hide it behind zeros.
            java.util.Arrays.fill(out, (byte) 0x5A);
            decoder.decode(in, inLen, out, outLen);
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }
}
