package dev.slipstream.core.authenticode;

/**
 * One WIN_CERTIFICATE entry of a PE attribute certificate table: its header and where its
 * bCertificate bytes lie in the file. The content is read only when it is the signature to verify.
 */
public record WinCertificate(long offset, long length, int revision, int type) {

    /** WIN_CERT_REVISION_2_0: the only revision Windows accepts for Authenticode. */
    public static final int REVISION_2_0 = 0x0200;
    /** WIN_CERT_TYPE_PKCS_SIGNED_DATA: bCertificate holds a PKCS#7 SignedData (Authenticode). */
    public static final int TYPE_PKCS_SIGNED_DATA = 0x0002;
    /** dwLength, wRevision, wCertificateType. */
    public static final int HEADER_SIZE = 8;

    /** The file offset of bCertificate. */
    public long contentOffset() {
        return offset + HEADER_SIZE;
    }

    /** The size of bCertificate (dwLength less the header). */
    public long contentLength() {
        return length - HEADER_SIZE;
    }

    public boolean isAuthenticode() {
        return revision == REVISION_2_0 && type == TYPE_PKCS_SIGNED_DATA;
    }
}
