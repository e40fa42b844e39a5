package dev.slipstream.core.codec.mszip;

import dev.slipstream.core.codec.BlockDecoder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MSZIP: each block is "CK" and then a complete raw DEFLATE stream whose back-references may reach
 * into the previous block. The JDK's {@link Inflater} (zlib) does the inflating; this class keeps
 * the 32 KiB history window and hands it over as a preset dictionary.
 *
 * <p>The window mirrors libmspack's: a 32 KiB array that each block overwrites from its start and
 * that back-references address modulo 32 KiB, so after a short block its tail still holds older
 * bytes. Only the last block of a folder is short in real cabinets, so this matters only for
 * crafted ones, where it keeps our output identical to cabextract's.
 */
public final class MszipDecoder implements BlockDecoder {

    private static final int WINDOW = 32_768;

    private final Inflater inflater = new Inflater(true);
    private final byte[] window = new byte[WINDOW];
    private final byte[] probe = new byte[1];
    private int history;

    @Override
    public void decode(byte[] in, int inLen, byte[] out, int outLen) throws DataFormatException {
        if (outLen > WINDOW) {
            throw new DataFormatException("an MSZIP block may hold at most 32768 bytes, this one declares " + outLen);
        }
        if (inLen < 2 || in[0] != 'C' || in[1] != 'K') {
            throw new DataFormatException("an MSZIP block must start with the signature \"CK\"");
        }
        inflater.reset();
        if (history > 0) {
            inflater.setDictionary(window, 0, history);
        }
        inflater.setInput(in, 2, inLen - 2);
        int n = 0;
        // Each inflate call either makes progress or reports why not; at most outLen + 1 rounds.
        for (int round = 0; n < outLen && round <= outLen + 1; round++) {
            int r = inflater.inflate(out, n, outLen - n);
            if (r == 0) {
                if (inflater.finished() || inflater.needsInput()) {
                    break;
                }
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("the DEFLATE stream asks for a dictionary");
                }
            }
            n += r;
        }
        if (n < outLen) {
            throw new DataFormatException("the MSZIP block ends after " + n + " bytes but declares " + outLen);
        }
        if (!inflater.finished() && inflater.inflate(probe, 0, 1) > 0) {
            throw new DataFormatException("the MSZIP block holds more data than the " + outLen + " bytes it declares");
        }
        System.arraycopy(out, 0, window, 0, outLen);
        history = WINDOW;
    }

    @Override
    public void reset() {
        history = 0;
    }

    /** Releases zlib's native memory; the decoder is unusable afterwards. */
    public void end() {
        inflater.end();
    }
}
