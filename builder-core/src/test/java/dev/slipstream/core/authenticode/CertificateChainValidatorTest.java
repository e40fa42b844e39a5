package dev.slipstream.core.authenticode;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain rules, on certificates made here: one rule broken per case. */
class CertificateChainValidatorTest {

    static final Instant NOW = Instant.parse("2007-02-16T17:10:00Z");
    static final Date AT = Date.from(NOW);
    static KeyPair rootKey;
    static KeyPair caKey;
    static KeyPair leafKey;
    static X509CertificateHolder root;
    static long serial = 1;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024); // the rules, not the key size, are under test: small keys keep it quick
        rootKey = g.generateKeyPair();
        caKey = g.generateKeyPair();
        leafKey = g.generateKeyPair();
        root = cert("Root", "Root", rootKey, rootKey, "SHA256withRSA", b -> b
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
    }

    interface Ext {
        void add(X509v3CertificateBuilder b) throws Exception;
    }

    static X509CertificateHolder cert(String subject, String issuer, KeyPair subjectKey, KeyPair issuerKey, String alg, Ext ext)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(serial++), Date.from(NOW.minus(Duration.ofDays(365))),
                Date.from(NOW.plus(Duration.ofDays(365))), new X500Name("CN=" + subject), subjectKey.getPublic());
        ext.add(b);
        return b.build(new JcaContentSignerBuilder(alg).build(issuerKey.getPrivate()));
    }

    static X509CertificateHolder ca(String alg, Ext ext) throws Exception {
        return cert("PCA", "Root", caKey, rootKey, alg, ext);
    }

    static X509CertificateHolder leaf(Ext ext) throws Exception {
        return cert("Publisher", "PCA", leafKey, caKey, "SHA256withRSA", ext);
    }

    static final Ext NONE = b -> { };
    static final Ext CODE_SIGNING = b -> b.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));

    static TrustStore trustRoot() throws Exception {
        Path f = Files.writeString(dir.resolve("root.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(root.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return TrustStore.load(f);
    }

    static CertificateChain validate(X509CertificateHolder leaf, X509CertificateHolder... pool) throws Exception {
        return new CertificateChainValidator(trustRoot()).validate(leaf, List.of(pool), AT, KeyPurposeId.id_kp_codeSigning);
    }

    @Test
    void aSoundChainLikeMicrosoftsIsTrusted() throws Exception {
        // Old Microsoft PCAs carry no basicConstraints or keyUsage; Windows accepts them, and so do we.
        CertificateChain c = validate(leaf(CODE_SIGNING), ca("SHA1withRSA", NONE));
        assertThat(c.status()).isEqualTo(CertificateChain.Status.TRUSTED);
        assertThat(c.path()).extracting(CertificateChainValidator::name).containsExactly("Publisher", "PCA", "Root");
    }

    @Test
    void anMd5SignedIntermediateIsRejected() throws Exception {
        CertificateChain c = validate(leaf(CODE_SIGNING), ca("MD5withRSA", NONE));
        assertThat(c.status()).isEqualTo(CertificateChain.Status.INVALID);
        assertThat(c.problem()).isEqualTo("'PCA' is signed with an MD5/MD2 signature, which can be forged");
    }

    @Test
    void anIssuerThatIsNotACaIsRejected() throws Exception {
        CertificateChain c = validate(leaf(CODE_SIGNING), ca("SHA256withRSA", b -> b
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))));
        assertThat(c.problem()).isEqualTo("'PCA' is not a certificate authority (basic constraints) but issued 'Publisher'");
        CertificateChain ku = validate(leaf(CODE_SIGNING), ca("SHA256withRSA", b -> b
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))));
        assertThat(ku.problem()).isEqualTo("'PCA' may not sign certificates (key usage) but issued 'Publisher'");
    }

    @Test
    void aPathLengthConstraintIsHonoured() throws Exception {
        X509CertificateHolder pca = ca("SHA256withRSA", b -> b
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
        KeyPair subKey = leafKey;
        X509CertificateHolder sub = cert("Sub CA", "PCA", subKey, caKey, "SHA256withRSA", b -> b
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024); // the rules, not the key size, are under test: small keys keep it quick
        X509CertificateHolder publisher = cert("Publisher", "Sub CA", g.generateKeyPair(), subKey, "SHA256withRSA", CODE_SIGNING);
        // Without a limit the three-deep chain is fine; a PCA that allows no CA below it breaks it.
        assertThat(validate(publisher, sub, pca).status()).isEqualTo(CertificateChain.Status.TRUSTED);
        X509CertificateHolder strictPca = ca("SHA256withRSA", b -> b
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0)));
        CertificateChain c = validate(publisher, sub, strictPca);
        assertThat(c.problem()).isEqualTo("'PCA' allows 0 intermediate CAs below it, the chain has 1");
    }

    @Test
    void theLeafMustBeForCodeSigningAndEveryCertificateValidThen() throws Exception {
        CertificateChain eku = validate(leaf(b -> b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))), ca("SHA256withRSA", NONE));
        assertThat(eku.problem()).isEqualTo("'Publisher' is not allowed for code signing (its extended key usage excludes it)");
        // An intermediate restricted to other purposes restricts its leaves (Windows' nested EKU).
        CertificateChain nested = validate(leaf(CODE_SIGNING), ca("SHA256withRSA", b -> b.addExtension(
                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))));
        assertThat(nested.problem()).startsWith("'PCA' is not allowed for code signing");

        CertificateChain later = new CertificateChainValidator(trustRoot()).validate(leaf(CODE_SIGNING),
                List.of(ca("SHA256withRSA", NONE)), Date.from(NOW.plus(Duration.ofDays(400))), KeyPurposeId.id_kp_codeSigning);
        assertThat(later.problem()).startsWith("'Publisher' expired on 2008-02-16T17:10:00Z (checked at 2008-03-22");
        CertificateChain earlier = new CertificateChainValidator(trustRoot()).validate(leaf(CODE_SIGNING),
                List.of(ca("SHA256withRSA", NONE)), Date.from(NOW.minus(Duration.ofDays(400))), KeyPurposeId.id_kp_codeSigning);
        assertThat(earlier.problem()).startsWith("'Publisher' is not valid before 2006-02-16T17:10:00Z");
    }

    @Test
    void anUnknownCriticalExtensionIsRejected() throws Exception {
        CertificateChain c = validate(leaf(b -> b.addExtension(new ASN1ObjectIdentifier("1.2.3.4.5"), true, DERNull.INSTANCE)),
                ca("SHA256withRSA", NONE));
        assertThat(c.problem()).isEqualTo("'Publisher' has a critical extension 1.2.3.4.5 that slipstream does not understand");
    }

    @Test
    void aForgedOrMissingIssuerEndsUntrustedAndCrossSignedLoopsEnd() throws Exception {
        // A "PCA" with the right name but signed by another key is not the issuer.
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024); // the rules, not the key size, are under test: small keys keep it quick
        KeyPair mallory = g.generateKeyPair();
        X509CertificateHolder forged = cert("PCA", "Root", caKey, mallory, "SHA256withRSA", NONE);
        CertificateChain c = validate(leaf(CODE_SIGNING), forged);
        assertThat(c.status()).isEqualTo(CertificateChain.Status.UNTRUSTED_ROOT);
        assertThat(c.problem()).isEqualTo("the issuer 'CN=Root' of 'PCA' is neither in the signature nor in the trust store");
        assertThat(validate(leaf(CODE_SIGNING)).problem()).contains("the issuer 'CN=PCA' of 'Publisher'");

        // A and B certify each other: the search ends instead of going round.
        X509CertificateHolder aByB = cert("A", "B", caKey, leafKey, "SHA256withRSA", NONE);
        X509CertificateHolder bByA = cert("B", "A", leafKey, caKey, "SHA256withRSA", NONE);
        X509CertificateHolder x = cert("X", "A", mallory, caKey, "SHA256withRSA", CODE_SIGNING);
        assertThat(validate(x, aByB, bByA).status()).isEqualTo(CertificateChain.Status.UNTRUSTED_ROOT);
    }
}
