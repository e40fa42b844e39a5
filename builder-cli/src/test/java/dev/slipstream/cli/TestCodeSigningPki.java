package dev.slipstream.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI made in the test, the way a publisher's is shaped: a root CA, and below it
 * code-signing and time-stamping certificates. Written as PEM files that osslsigncode signs with
 * and that {@code --trust} reads.
 */
public final class TestCodeSigningPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A certificate with its key, and the PEM files holding them. */
    public record Issued(X509CertificateHolder certificate, PrivateKey key, Path certPem, Path keyPem) {
    }

    private TestCodeSigningPki() {
    }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    public static Issued root(Path dir, String name, Instant from, Instant to) throws Exception {
        KeyPair kp = rsa();
        X500Name subject = new X500Name("CN=" + name + ",O=slipstream tests");
        var b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from),
                Date.from(to), subject, kp.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509CertificateHolder cert = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
        return write(dir, name, cert, kp.getPrivate());
    }

    /** A leaf issued by {@code issuer}; {@code purpose} null for none, {@code ekuCritical} as TSAs need. */
    public static Issued leaf(Path dir, String name, Issued issuer, Instant from, Instant to, KeyPurposeId purpose,
            boolean ekuCritical) throws Exception {
        KeyPair kp = rsa();
        var b = new JcaX509v3CertificateBuilder(issuer.certificate().getSubject(),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
                new X500Name("CN=" + name + ",O=slipstream tests"), kp.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (purpose != null) {
            b.addExtension(Extension.extendedKeyUsage, ekuCritical, new ExtendedKeyUsage(purpose));
        }
        X509CertificateHolder cert = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.key()));
        return write(dir, name, cert, kp.getPrivate());
    }

    private static Issued write(Path dir, String name, X509CertificateHolder cert, PrivateKey key) throws IOException {
        String base = name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
        Path c = dir.resolve(base + ".pem");
        Path k = dir.resolve(base + ".key");
        Files.writeString(c, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(k, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new Issued(cert, key, c, k);
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The PEM files concatenated into {@code target} (a chain for osslsigncode -certs). */
    public static Path bundle(Path target, Issued... certs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Issued i : certs) {
            sb.append(Files.readString(i.certPem()));
        }
        return Files.writeString(target, sb.toString());
    }
}
