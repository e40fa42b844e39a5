package dev.slipstream.core.authenticode;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Reads the PKCS#7 SignedData of a WIN_CERTIFICATE with Bouncy Castle and extracts what
 * Authenticode signs: the SpcIndirectDataContent (OID 1.3.6.1.4.1.311.2.1.4) with its digest
 * algorithm and file digest, the single signer and the certificates.
 *
 * <p>The blob is hostile: its DER shape is checked first ({@link DerShape}), and anything Bouncy
 * Castle cannot make sense of becomes a {@link BadInputException} naming the file and offset.
 */
public final class AuthenticodeSignatureParser {

    /** More than any real chain plus timestamp authority certificates. */
    static final int MAX_CERTIFICATES = 64;

    private static final String HINT = "the Authenticode signature is corrupt; get a fresh copy of the package";

    private AuthenticodeSignatureParser() {
    }

    /**
     * Parses {@code blob}, the bCertificate of a WIN_CERTIFICATE found at {@code offset} in
     * {@code source}.
     */
    public static AuthenticodeSignature parse(byte[] blob, String source, long offset) throws BadInputException {
        int derLength = DerShape.check(blob, source, offset);
        int nonZero = 0;
        for (int i = derLength; i < blob.length; i++) {
            if (blob[i] != 0) {
                nonZero++;
            }
        }
        try {
            ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(Arrays.copyOf(blob, derLength)));
            if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType())) {
                throw bad(source, offset, "the certificate holds a PKCS#7 " + ci.getContentType() + ", not SignedData");
            }
            SignedData sd = SignedData.getInstance(ci.getContent());
            ASN1ObjectIdentifier contentType = sd.getEncapContentInfo().getContentType();
            if (!AuthenticodeSignature.SPC_INDIRECT_DATA.equals(contentType)) {
                throw bad(source, offset, "the SignedData holds content of type " + contentType
                        + ", not SpcIndirectDataContent (" + AuthenticodeSignature.SPC_INDIRECT_DATA + ")");
            }
            ASN1Encodable content = sd.getEncapContentInfo().getContent();
            if (content == null) {
                throw bad(source, offset, "the SignedData carries no SpcIndirectDataContent");
            }
            ASN1Sequence spc = ASN1Sequence.getInstance(content);
            if (spc.size() != 2) {
                throw bad(source, offset, "SpcIndirectDataContent has " + spc.size() + " fields instead of 2");
            }
            ASN1Sequence data = ASN1Sequence.getInstance(spc.getObjectAt(0));
            if (data.size() < 1) {
                throw bad(source, offset, "SpcIndirectDataContent.data is empty");
            }
            ASN1ObjectIdentifier dataType = ASN1ObjectIdentifier.getInstance(data.getObjectAt(0));
            DigestInfo digest = DigestInfo.getInstance(spc.getObjectAt(1));

            CMSSignedData cms = new CMSSignedData(ci);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw bad(source, offset, "the signature has " + signers.size() + " signers; Authenticode allows exactly one");
            }
            Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches(null);
            if (certs.size() > MAX_CERTIFICATES) {
                throw bad(source, offset, "the signature carries " + certs.size() + " certificates, more than "
                        + MAX_CERTIFICATES);
            }
            SignerInformation signer = signers.iterator().next();
            // Decoded lazily by Bouncy Castle: decode them now, so that damage is reported as such.
            signer.getSignedAttributes();
            signer.getUnsignedAttributes();
            for (X509CertificateHolder c : certs) {
                c.getExtensions();
            }
            return new AuthenticodeSignature(signer, new ArrayList<>(certs),
                    digest.getAlgorithmId().getAlgorithm(), digest.getDigest(), dataType, derLength, nonZero);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | CMSException | RuntimeException e) {
            throw BadInputException.in(source).atOffset(offset).hint(HINT)
                    .problem(e, "the PKCS#7 signature cannot be read: " + describe(e));
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static BadInputException bad(String source, long offset, String problem) {
        return BadInputException.in(source).atOffset(offset).hint(HINT).problem(problem);
    }

}
