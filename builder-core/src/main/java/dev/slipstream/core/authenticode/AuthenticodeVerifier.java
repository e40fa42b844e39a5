package dev.slipstream.core.authenticode;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.CertificateTable;
import dev.slipstream.core.pe.PeFile;
import dev.slipstream.core.pe.PeReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * Verifies the Authenticode signature of a PE image (a service pack, hotfix or IE package):
 * <ol>
 * <li>the certificate table (located by {@link PeReader}) ends the file and holds a
 *     WIN_CERTIFICATE of revision 2.0 and type PKCS_SIGNED_DATA, zero-padded;</li>
 * <li>its PKCS#7 SignedData carries an SpcIndirectDataContent for a PE image;</li>
 * <li>the file's Authenticode digest, recomputed ({@link AuthenticodeDigester}), equals the signed
 *     one;</li>
 * <li>the signer's signature over the authenticated attributes verifies, and their messageDigest
 *     is that of the SpcIndirectDataContent;</li>
 * <li>a timestamp, when present and trusted, fixes the moment of the chain check
 *     ({@link TimestampVerifier});</li>
 * <li>the signer's chain is valid for code signing at that moment and ends in the trust store
 *     ({@link CertificateChainValidator}).</li>
 * </ol>
 * A file whose structures are corrupt is a {@link dev.slipstream.core.error.BadInputException};
 * a readable file gets an {@link AuthenticodeResult}. The engine refuses any result that is not
 * {@linkplain AuthenticodeResult#isValid() valid} unless told to allow unsigned packages.
 * Instances are immutable and may verify several files at once from different threads.
 *
 * <pre>{@code
 * AuthenticodeResult r = AuthenticodeVerifier.verify(Path.of("WindowsServer2003-KB914961-SP2-x86-ENU.exe"),
 *         TrustStore.builtIn().plus(TrustStore.load(Path.of("extra-roots.pem"))));
 * if (!r.isValid()) throw new ProblemFoundException(r.file() + ": " + r.summary());
 * }</pre>
 */
public final class AuthenticodeVerifier {

    private final TrustStore trust;
    private final Clock clock;
    private final CertificateChainValidator chains;

    public AuthenticodeVerifier(TrustStore trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
        this.chains = new CertificateChainValidator(trust);
    }

    /** Verifies {@code file} against {@code trust}, checking untimestamped chains at the current time. */
    public static AuthenticodeResult verify(Path file, TrustStore trust) throws IOException {
        return new AuthenticodeVerifier(trust, Clock.systemUTC()).verify(file);
    }

    public AuthenticodeResult verify(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); PeReader reader = PeReader.of(ch, name)) {
            PeFile pe = reader.pe();
            Optional<CertificateTable> table = pe.certificateTable();
            if (table.isEmpty()) {
                return unsigned(name, "the file has no certificate table (no Authenticode signature)");
            }
            List<WinCertificate> entries = CertificateTableReader.entries(ch, pe, table.get());
            WinCertificate entry = entries.stream().filter(WinCertificate::isAuthenticode).findFirst().orElse(null);
            if (entry == null) {
                return unsigned(name, "the certificate table holds no PKCS#7 signature (revision 2.0, type PKCS_SIGNED_DATA)");
            }
            byte[] blob = CertificateTableReader.content(ch, name, entry);
            AuthenticodeSignature sig = AuthenticodeSignatureParser.parse(blob, name, entry.contentOffset());
            try {
                return check(ch, pe, table.get(), sig, name);
            } catch (RuntimeException e) {
                // Bouncy Castle decodes parts of a signature (attributes, extensions) only when they are
                // used; a malformed part surfaces here as an unchecked exception.
                throw BadInputException.in(name).atOffset(entry.contentOffset())
                        .hint("the Authenticode signature is corrupt; get a fresh copy of the package")
                        .problem(e, "the signature cannot be read: " + AuthenticodeSignatureParser.describe(e));
            }
        }
    }

    private AuthenticodeResult check(FileChannel ch, PeFile pe, CertificateTable table, AuthenticodeSignature sig,
            String name) throws IOException {
        SignerInformation signer = sig.signer();
        X509CertificateHolder signerCert = sig.signerCertificate();
        Builder r = new Builder(name, sig, signerCert);

        if (table.end() != pe.fileSize()) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.TRAILING_DATA, (pe.fileSize() - table.end())
                    + " bytes follow the certificate table; nothing signs them");
        }
        if (sig.nonZeroPadding() > 0) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.PADDING, sig.nonZeroPadding()
                    + " non-zero bytes follow the signature inside its WIN_CERTIFICATE; nothing signs them (CVE-2013-3900)");
        }
        if (!AuthenticodeSignature.SPC_PE_IMAGE_DATA.equals(sig.dataType())) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.CONTENT_TYPE,
                    "the signature is for data of type " + sig.dataType() + ", not for a PE image");
        }
        if (!DigestAlgorithms.isKnown(sig.fileDigestAlgorithm())) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.DIGEST_ALGORITHM,
                    "the file digest algorithm " + sig.fileDigestAlgorithm() + " is not one Authenticode uses");
        }
        if (DigestAlgorithms.isBroken(sig.fileDigestAlgorithm())) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.DIGEST_ALGORITHM,
                    "the file digest is MD5, which can be collided: the signature could vouch for another file");
        }
        byte[] actual;
        try {
            actual = AuthenticodeDigester.digest(ch, pe,
                    MessageDigest.getInstance(DigestAlgorithms.jcaName(sig.fileDigestAlgorithm())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + sig.fileDigestAlgorithm(), e);
        }
        r.actualDigest = HexFormat.of().withUpperCase().formatHex(actual);
        if (!MessageDigest.isEqual(actual, sig.fileDigest())) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.FILE_DIGEST,
                    "the file's " + r.digestAlgorithm + " digest " + r.actualDigest + " differs from the signed "
                            + r.signedDigest + ": the file was changed after it was signed");
        }
        if (signerCert == null) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.SIGNER_CERTIFICATE,
                    "the signer's certificate (" + CertificateNames.name(signer.getSID().getIssuer()) + ", serial "
                            + signer.getSID().getSerialNumber() + ") is not in the signature");
        }
        if (signer.getSignedAttributes() == null) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.SIGNATURE,
                    "the signer has no authenticated attributes, which Authenticode requires");
        }
        try {
            // From the bare key: certificate validity is the chain check's business, at the right time.
            var key = new JcaX509CertificateConverter().getCertificate(signerCert).getPublicKey();
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(key))) {
                return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.SIGNATURE,
                        "the signer's signature over the authenticated attributes does not verify");
            }
        } catch (CMSSignerDigestMismatchException e) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.CONTENT_DIGEST,
                    "the authenticated attributes' messageDigest is not the digest of the signed SpcIndirectDataContent");
        } catch (Exception e) {
            return r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.SIGNATURE,
                    "the signer's signature does not verify: " + AuthenticodeSignatureParser.describe(e));
        }

        r.timestamp = new TimestampVerifier(chains).verify(signer, sig.certificates()).orElse(null);
        Instant at = r.timestamp != null && r.timestamp.trusted() && r.timestamp.time() != null ? r.timestamp.time()
                : clock.instant();
        r.checkedAt = at;
        CertificateChain chain = chains.validate(signerCert, sig.certificates(), Date.from(at),
                KeyPurposeId.id_kp_codeSigning);
        r.chain = chain.path().stream().map(CertificateChainValidator::name).toList();
        return switch (chain.status()) {
            case TRUSTED -> r.valid();
            case UNTRUSTED_ROOT -> r.fail(AuthenticodeResult.Status.UNTRUSTED, AuthenticodeResult.Check.UNTRUSTED_ROOT,
                    chain.problem());
            case INVALID -> r.fail(AuthenticodeResult.Status.INVALID, AuthenticodeResult.Check.CERTIFICATE_CHAIN,
                    chain.problem());
        };
    }

    private static AuthenticodeResult unsigned(String name, String reason) {
        return new AuthenticodeResult(name, AuthenticodeResult.Status.UNSIGNED, null, reason, null, null, null, null, null,
                List.of(), null, null);
    }

    /** Collects what is known so far, so every result, failed or not, reports it. */
    private static final class Builder {
        final String file;
        final String signer;
        final String issuer;
        final String digestAlgorithm;
        final String signedDigest;
        String actualDigest;
        List<String> chain = new ArrayList<>();
        SigningTimestamp timestamp;
        Instant checkedAt;

        Builder(String file, AuthenticodeSignature sig, X509CertificateHolder signerCert) {
            this.file = file;
            this.signer = signerCert == null ? null : CertificateNames.name(signerCert.getSubject());
            this.issuer = CertificateNames.name(signerCert == null ? sig.signer().getSID().getIssuer() : signerCert.getIssuer());
            this.digestAlgorithm = DigestAlgorithms.displayName(sig.fileDigestAlgorithm());
            this.signedDigest = HexFormat.of().withUpperCase().formatHex(sig.fileDigest());
        }

        AuthenticodeResult fail(AuthenticodeResult.Status status, AuthenticodeResult.Check check, String reason) {
            return new AuthenticodeResult(file, status, check, reason, signer, issuer, digestAlgorithm, signedDigest,
                    actualDigest, chain, timestamp, checkedAt);
        }

        AuthenticodeResult valid() {
            return new AuthenticodeResult(file, AuthenticodeResult.Status.VALID, null, null, signer, issuer, digestAlgorithm,
                    signedDigest, actualDigest, chain, timestamp, checkedAt);
        }
    }
}
