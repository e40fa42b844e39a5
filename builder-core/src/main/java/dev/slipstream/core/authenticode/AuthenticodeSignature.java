package dev.slipstream.core.authenticode;

import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Selector;

/**
 * An Authenticode signature as {@link AuthenticodeSignatureParser} read it from a WIN_CERTIFICATE:
 * the one signer, the certificates the signature carries, and the file digest the signer signed
 * (SpcIndirectDataContent's DigestInfo). Nothing here has been verified yet.
 *
 * @param signer            the SignerInfo (Authenticode allows exactly one)
 * @param certificates      the SignedData's certificate set: the signer's chain, often without its root
 * @param fileDigestAlgorithm the DigestInfo's algorithm
 * @param fileDigest        the digest of the file the signer signed
 * @param dataType          SpcAttributeTypeAndOptionalValue.type: {@link #SPC_PE_IMAGE_DATA} for a PE image
 * @param derLength         the length of the DER SignedData within the WIN_CERTIFICATE content
 * @param nonZeroPadding    bytes after the DER that are not zero (unauthenticated data, CVE-2013-3900)
 */
public record AuthenticodeSignature(SignerInformation signer, List<X509CertificateHolder> certificates,
        ASN1ObjectIdentifier fileDigestAlgorithm, byte[] fileDigest, ASN1ObjectIdentifier dataType, int derLength,
        int nonZeroPadding) {

    /** SPC_INDIRECT_DATA_OBJID: the content type of an Authenticode SignedData. */
    public static final ASN1ObjectIdentifier SPC_INDIRECT_DATA = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.1.4");
    /** SPC_PE_IMAGE_DATAOBJ: the SpcIndirectDataContent describes a PE image. */
    public static final ASN1ObjectIdentifier SPC_PE_IMAGE_DATA = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.1.15");
    /** The unsigned attribute holding an RFC 3161 timestamp token (SPC_RFC3161_OBJID). */
    public static final ASN1ObjectIdentifier SPC_RFC3161_TIMESTAMP = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.3.3.1");
    /** The unsigned attribute holding a nested signature (not verified; see docs/security.md). */
    public static final ASN1ObjectIdentifier SPC_NESTED_SIGNATURE = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.4.1");

    public AuthenticodeSignature {
        certificates = List.copyOf(certificates);
        fileDigest = fileDigest.clone();
    }

    /** The certificate {@code sid} names (issuer and serial, or subject key identifier), or null. */
    @SuppressWarnings("unchecked")
    public static X509CertificateHolder certificateOf(SignerId sid, Collection<X509CertificateHolder> certs) {
        Selector<X509CertificateHolder> sel = (Selector<X509CertificateHolder>) (Selector<?>) sid;
        for (X509CertificateHolder c : certs) {
            if (sel.match(c)) {
                return c;
            }
        }
        return null;
    }

    /** The signer's certificate from the signature's own set, or null when it is missing. */
    public X509CertificateHolder signerCertificate() {
        return certificateOf(signer.getSID(), certificates);
    }

    @Override
    public byte[] fileDigest() {
        return fileDigest.clone();
    }
}
