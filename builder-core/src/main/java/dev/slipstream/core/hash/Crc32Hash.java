package dev.slipstream.core.hash;

import java.util.zip.CRC32;

/** CRC-32 (ISO-HDLC, as zip and 7-Zip use it); the JDK's implementation is a CPU intrinsic. */
final class Crc32Hash implements StreamingHash {

    private final CRC32 crc = new CRC32();

    @Override
    public HashAlgorithm algorithm() {
        return HashAlgorithm.CRC32;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        crc.update(b, off, len);
    }

    @Override
    public byte[] digest() {
        int v = (int) crc.getValue();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
