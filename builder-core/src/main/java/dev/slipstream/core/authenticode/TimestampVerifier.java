package dev.slipstream.core.authenticode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Finds and checks the timestamp on an Authenticode signer: an RFC 3161 token (unsigned
 * attribute 1.3.6.1.4.1.311.3.3.1) or a legacy PKCS#9 countersignature (1.2.840.113549.1.9.6).
 * Either must be signed by its authority, must cover the signer's signature value (the message
 * imprint, or the countersigner's messageDigest), and its authority's chain must be trusted for
 * time stamping at the time it states.
 *
 * <p>A timestamp lives in the unauthenticated part of the signature, so garbage there is not a
 * corrupt package: it is reported as an untrusted timestamp and the chain is checked at the
 * current time.
 */
public final class TimestampVerifier {

    private final CertificateChainValidator chains;

    public TimestampVerifier(CertificateChainValidator chains) {
        this.chains = chains;
    }

    public Optional<SigningTimestamp> verify(SignerInformation signer, Collection<X509CertificateHolder> certificates) {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned == null) {
            return Optional.empty();
        }
        Attribute rfc3161 = unsigned.get(AuthenticodeSignature.SPC_RFC3161_TIMESTAMP);
        SigningTimestamp.Kind kind = rfc3161 != null ? SigningTimestamp.Kind.RFC3161 : SigningTimestamp.Kind.COUNTERSIGNATURE;
        try {
            if (rfc3161 != null) {
                return Optional.of(rfc3161(signer, rfc3161, certificates));
            }
            if (unsigned.get(CMSAttributes.counterSignature) != null) {
                return Optional.of(countersignature(signer, certificates));
            }
        } catch (RuntimeException e) {
            // Bouncy Castle decodes lazily; whatever it trips over in an unauthenticated attribute is
            // a timestamp we cannot believe, not a reason to stop.
            return Optional.of(new SigningTimestamp(kind, null, null, false,
                    "the timestamp cannot be read: " + AuthenticodeSignatureParser.describe(e)));
        }
        return Optional.empty();
    }

    private SigningTimestamp rfc3161(SignerInformation signer, Attribute attr, Collection<X509CertificateHolder> outerCerts) {
        SigningTimestamp.Kind kind = SigningTimestamp.Kind.RFC3161;
        TimeStampToken token;
        TimeStampTokenInfo info;
        try {
            ASN1Encodable value = attr.getAttrValues().getObjectAt(0);
            token = new TimeStampToken(new CMSSignedData(ContentInfo.getInstance(value)));
            info = token.getTimeStampInfo();
        } catch (Exception e) {
            return new SigningTimestamp(kind, null, null, false,
                    "the timestamp token cannot be read: " + AuthenticodeSignatureParser.describe(e));
        }
        Date time = info.getGenTime();
        try {
            byte[] imprint = digest(info.getMessageImprintAlgOID(), signer.getSignature());
            if (!MessageDigest.isEqual(imprint, info.getMessageImprintDigest())) {
                return new SigningTimestamp(kind, time.toInstant(), null, false,
                        "the timestamp was made for another signature (its message imprint differs)");
            }
        } catch (NoSuchAlgorithmException e) {
            return new SigningTimestamp(kind, time.toInstant(), null, false,
                    "the timestamp's imprint algorithm " + info.getMessageImprintAlgOID() + " is not supported");
        }
        List<X509CertificateHolder> pool = new ArrayList<>(outerCerts);
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> tokenCerts = token.getCertificates().getMatches(null);
        pool.addAll(tokenCerts);
        X509CertificateHolder tsa = AuthenticodeSignature.certificateOf(token.getSID(), pool);
        if (tsa == null) {
            return new SigningTimestamp(kind, time.toInstant(), null, false,
                    "the timestamp authority's certificate is not in the signature");
        }
        String name = CertificateChainValidator.name(tsa);
        try {
            // Checks the token's signature, its certificate's validity at genTime and its time-stamping EKU.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        } catch (Exception e) {
            return new SigningTimestamp(kind, time.toInstant(), name, false,
                    "the timestamp's signature does not verify: " + AuthenticodeSignatureParser.describe(e));
        }
        return withChain(kind, time, tsa, name, pool);
    }

    private SigningTimestamp countersignature(SignerInformation signer, Collection<X509CertificateHolder> certs) {
        SigningTimestamp.Kind kind = SigningTimestamp.Kind.COUNTERSIGNATURE;
        SignerInformation cs;
        Date time;
        try {
            Collection<SignerInformation> all = signer.getCounterSignatures().getSigners();
            if (all.isEmpty()) {
                return new SigningTimestamp(kind, null, null, false, "the countersignature attribute is empty");
            }
            cs = all.iterator().next();
            AttributeTable signed = cs.getSignedAttributes();
            Attribute st = signed == null ? null : signed.get(CMSAttributes.signingTime);
            if (st == null) {
                return new SigningTimestamp(kind, null, null, false, "the countersignature states no signing time");
            }
            time = Time.getInstance(st.getAttrValues().getObjectAt(0)).getDate();
        } catch (Exception e) {
            return new SigningTimestamp(kind, null, null, false,
                    "the countersignature cannot be read: " + AuthenticodeSignatureParser.describe(e));
        }
        X509CertificateHolder tsa = AuthenticodeSignature.certificateOf(cs.getSID(), certs);
        if (tsa == null) {
            return new SigningTimestamp(kind, time.toInstant(), null, false,
                    "the countersigner's certificate is not in the signature");
        }
        String name = CertificateChainValidator.name(tsa);
        try {
            // The countersigner's messageDigest must be the digest of the signer's signature value.
            // Built from the certificate, the verifier also requires it to be valid at the signing time.
            if (!cs.verify(new JcaSimpleSignerInfoVerifierBuilder().build(tsa))) {
                return new SigningTimestamp(kind, time.toInstant(), name, false, "the countersignature does not verify");
            }
        } catch (Exception e) {
            return new SigningTimestamp(kind, time.toInstant(), name, false,
                    "the countersignature does not verify: " + AuthenticodeSignatureParser.describe(e));
        }
        return withChain(kind, time, tsa, name, certs);
    }

    private SigningTimestamp withChain(SigningTimestamp.Kind kind, Date time, X509CertificateHolder tsa, String name,
            Collection<X509CertificateHolder> pool) {
        CertificateChain chain = chains.validate(tsa, pool, time, KeyPurposeId.id_kp_timeStamping);
        if (!chain.isTrusted()) {
            return new SigningTimestamp(kind, time.toInstant(), name, false,
                    "the timestamp authority's chain is not trusted: " + chain.problem());
        }
        return new SigningTimestamp(kind, time.toInstant(), name, true, null);
    }

    static byte[] digest(ASN1ObjectIdentifier alg, byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(DigestAlgorithms.jcaName(alg)).digest(data);
    }
}
