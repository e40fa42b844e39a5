package dev.slipstream.core.pe;

/**
 * Where the attribute certificate table (the Authenticode signature, WIN_CERTIFICATE entries)
 * lies in the file. It is not mapped into memory: {@code offset} is a file offset. Signed
 * self-extractors keep it at the very end, after the payload in the overlay.
 */
public record CertificateTable(long offset, long size) {

    public long end() {
        return offset + size;
    }
}
