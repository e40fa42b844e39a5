package dev.slipstream.core.codec.none;

import dev.slipstream.core.codec.BlockDecoder;
import java.util.zip.DataFormatException;

/** Compression type NONE: a block's bytes are its data, and the two sizes must agree. */
public final class StoredDecoder implements BlockDecoder {

    @Override
    public void decode(byte[] in, int inLen, byte[] out, int outLen) throws DataFormatException {
        if (inLen != outLen) {
            throw new DataFormatException("a stored block holds " + inLen + " bytes but declares " + outLen);
        }
        System.arraycopy(in, 0, out, 0, outLen);
    }

    @Override
    public void reset() {
        // no history
    }
}
