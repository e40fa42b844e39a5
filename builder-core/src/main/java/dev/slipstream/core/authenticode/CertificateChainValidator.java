package dev.slipstream.core.authenticode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Builds the path from a signer's certificate to a trusted one and checks it the way Windows
 * checks a code-signing chain, at one moment in time (the timestamp's, when there is one):
 * <ul>
 * <li>each certificate is signed by the next (found by subject name among the signature's
 *     certificates and the trust store, and proved by its signature);</li>
 * <li>each is valid at that moment, the trusted one included;</li>
 * <li>issuers are CAs: a basicConstraints extension, when present, says CA and its path length
 *     holds; a keyUsage, when present, allows keyCertSign (old Microsoft CAs carry neither, and
 *     Windows accepts that);</li>
 * <li>the extended key usage, where a certificate has one, allows the purpose (code signing or
 *     time stamping) or any purpose, on every certificate below the trusted one, as Windows
 *     nests EKUs;</li>
 * <li>no certificate carries a critical extension we do not understand;</li>
 * <li>no signature on the path relies on MD2 or MD5 (MD5 certificates were forged under a
 *     Microsoft root in 2012, "Flame"); a trusted certificate's own self-signature is not relied on.</li>
 * </ul>
 * Revocation is not checked: slipstream works offline (docs/security.md).
 */
public final class CertificateChainValidator {

    /** Longer than any real code-signing chain; bounds the search. */
    static final int MAX_PATH = 8;

    private static final Set<ASN1ObjectIdentifier> UNDERSTOOD_CRITICAL = Set.of(Extension.basicConstraints,
            Extension.keyUsage, Extension.extendedKeyUsage, Extension.certificatePolicies,
            Extension.subjectAlternativeName, Extension.issuerAlternativeName, Extension.subjectKeyIdentifier,
            Extension.authorityKeyIdentifier);
    private static final Set<ASN1ObjectIdentifier> BROKEN_SIGNATURES = Set.of(PKCSObjectIdentifiers.md2WithRSAEncryption,
            PKCSObjectIdentifiers.md5WithRSAEncryption, PKCSObjectIdentifiers.md4WithRSAEncryption);

    private final TrustStore trust;
    private final List<X509CertificateHolder> trustedCertificates;

    public CertificateChainValidator(TrustStore trust) {
        this.trust = trust;
        this.trustedCertificates = trust.anchors().stream().map(TrustStore.Anchor::certificate).toList();
    }

    /**
     * Validates the chain of {@code leaf} for {@code purpose} at {@code at}, taking intermediate
     * certificates from {@code pool}.
     */
    public CertificateChain validate(X509CertificateHolder leaf, Collection<X509CertificateHolder> pool, Date at,
            KeyPurposeId purpose) {
        List<X509CertificateHolder> path = new ArrayList<>();
        path.add(leaf);
        X509CertificateHolder current = leaf;
        boolean anchored = false;
        while (true) {
            if (trust.contains(current)) {
                anchored = true;
                break;
            }
            if (path.size() > MAX_PATH) {
                return new CertificateChain(CertificateChain.Status.INVALID, path,
                        "the chain is longer than " + MAX_PATH + " certificates");
            }
            X509CertificateHolder issuer = findIssuer(current, trustedCertificates, path);
            if (issuer == null) {
                issuer = findIssuer(current, pool, path);
            }
            if (issuer == null) {
                if (current.getSubject().equals(current.getIssuer()) && signedBy(current, current)) {
                    return new CertificateChain(CertificateChain.Status.UNTRUSTED_ROOT, path,
                            "the chain ends at the self-signed '" + name(current)
                                    + "', which is not in the trust store (add it with --trust FILE.pem if you trust it)");
                }
                return new CertificateChain(CertificateChain.Status.UNTRUSTED_ROOT, path,
                        "the issuer '" + CertificateNames.name(current.getIssuer()) + "' of '" + name(current)
                                + "' is neither in the signature nor in the trust store");
            }
            path.add(issuer);
            current = issuer;
        }
        String problem = check(path, at, purpose, anchored);
        if (problem != null) {
            return new CertificateChain(CertificateChain.Status.INVALID, path, problem);
        }
        return new CertificateChain(anchored ? CertificateChain.Status.TRUSTED : CertificateChain.Status.UNTRUSTED_ROOT,
                path, null);
    }

    private static X509CertificateHolder findIssuer(X509CertificateHolder cert, Collection<X509CertificateHolder> candidates,
            List<X509CertificateHolder> path) {
        for (X509CertificateHolder c : candidates) {
            if (c.getSubject().equals(cert.getIssuer()) && !path.contains(c) && signedBy(cert, c)) {
                return c;
            }
        }
        return null;
    }

    static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer));
        } catch (Exception e) {
            // An unreadable key or an unknown algorithm proves nothing: not the issuer.
            return false;
        }
    }

    /** The first problem on a built path (the last element is trusted or the end), or null. */
    private static String check(List<X509CertificateHolder> path, Date at, KeyPurposeId purpose, boolean anchored) {
        int last = path.size() - 1;
        for (int i = 0; i <= last; i++) {
            X509CertificateHolder c = path.get(i);
            String who = "'" + name(c) + "'";
            if (at.before(c.getNotBefore())) {
                return who + " is not valid before " + c.getNotBefore().toInstant() + " (checked at " + at.toInstant() + ")";
            }
            if (at.after(c.getNotAfter())) {
                return who + " expired on " + c.getNotAfter().toInstant() + " (checked at " + at.toInstant() + ")";
            }
            Extensions ext = c.getExtensions();
            if (ext != null) {
                for (ASN1ObjectIdentifier oid : ext.getCriticalExtensionOIDs()) {
                    if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                        return who + " has a critical extension " + oid + " that slipstream does not understand";
                    }
                }
            }
            if (i < last && BROKEN_SIGNATURES.contains(c.getSignatureAlgorithm().getAlgorithm())) {
                return who + " is signed with an MD5/MD2 signature, which can be forged";
            }
            // A trusted certificate's own EKU is not held against it, as in Windows' root store.
            if (i < last || !anchored) {
                ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
                if (eku != null && !eku.hasKeyPurposeId(purpose) && !eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
                    return who + " is not allowed for " + purposeName(purpose) + " (its extended key usage excludes it)";
                }
            }
            if (i == 0) {
                KeyUsage ku = KeyUsage.fromExtensions(ext);
                if (ku != null && !ku.hasUsages(KeyUsage.digitalSignature)) {
                    return who + " may not make digital signatures (key usage)";
                }
            } else {
                BasicConstraints bc = BasicConstraints.fromExtensions(ext);
                if (bc != null && !bc.isCA()) {
                    return who + " is not a certificate authority (basic constraints) but issued '" + name(path.get(i - 1)) + "'";
                }
                if (bc != null && bc.getPathLenConstraint() != null && bc.getPathLenConstraint().intValue() < i - 1) {
                    return who + " allows " + bc.getPathLenConstraint() + " intermediate CAs below it, the chain has " + (i - 1);
                }
                KeyUsage ku = KeyUsage.fromExtensions(ext);
                if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
                    return who + " may not sign certificates (key usage) but issued '" + name(path.get(i - 1)) + "'";
                }
            }
        }
        return null;
    }

    static String purposeName(KeyPurposeId p) {
        if (KeyPurposeId.id_kp_codeSigning.equals(p)) {
            return "code signing";
        }
        if (KeyPurposeId.id_kp_timeStamping.equals(p)) {
            return "time stamping";
        }
        return p.getId();
    }

    /** The common name, or the whole subject when there is none; safe on undecodable names. */
    static String name(X509CertificateHolder c) {
        return CertificateNames.commonName(c);
    }
}
