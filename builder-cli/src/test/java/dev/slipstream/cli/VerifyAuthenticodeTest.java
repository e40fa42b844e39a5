package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.authenticode.AuthenticodeResult;
import dev.slipstream.core.authenticode.AuthenticodeVerifier;
import dev.slipstream.core.authenticode.CertificateTableReader;
import dev.slipstream.core.authenticode.TrustStore;
import dev.slipstream.core.authenticode.WinCertificate;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.CertificateTable;
import dev.slipstream.core.pe.DataDirectory;
import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pe.PeFile;
import dev.slipstream.fixtures.pe.PeImageBuilder;
import dev.slipstream.fixtures.pe.VersionResource;
import dev.slipstream.testing.ExternalTool;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code slipstream verify --authenticode} and the {@link AuthenticodeVerifier} behind it, on
 * synthetic packages (PeImageBuilder: a PE with a payload in its overlay, as SFXCAB packages are)
 * signed by osslsigncode with a PKI made in the test. osslsigncode's own verify is the independent
 * judge where it can run offline.
 */
class VerifyAuthenticodeTest {

    @TempDir
    static Path pki;

    @TempDir
    Path dir;

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static TestCodeSigningPki.Issued root;
    static TestCodeSigningPki.Issued otherRoot;
    static TestCodeSigningPki.Issued signer;
    static TestCodeSigningPki.Issued tsa;
    static TestCodeSigningPki.Issued serverCert;
    static Path signerChain;
    static Path tsaChain;

    @BeforeAll
    static void makePki() throws Exception {
        Instant from = NOW.minus(Duration.ofDays(3650));
        Instant to = NOW.plus(Duration.ofDays(3650));
        root = TestCodeSigningPki.root(pki, "Test Code Signing Root", from, to);
        otherRoot = TestCodeSigningPki.root(pki, "Some Other Root", from, to);
        signer = TestCodeSigningPki.leaf(pki, "Test Publisher", root, from, to, KeyPurposeId.id_kp_codeSigning, false);
        tsa = TestCodeSigningPki.leaf(pki, "Test Time-Stamp Service", root, from, to, KeyPurposeId.id_kp_timeStamping, true);
        serverCert = TestCodeSigningPki.leaf(pki, "Test Web Server", root, from, to, KeyPurposeId.id_kp_serverAuth, false);
        signerChain = TestCodeSigningPki.bundle(pki.resolve("signer-chain.pem"), signer, root);
        tsaChain = TestCodeSigningPki.bundle(pki.resolve("tsa-chain.pem"), tsa, root);
    }

    private static ExternalTool osslsigncode() {
        return ExternalTool.require("osslsigncode", "osslsigncode");
    }

    /** An SFX-shaped package: a PE image with a 20 KB payload in its overlay. */
    private Path unsignedPackage(String name) throws Exception {
        byte[] payload = new byte[20_000];
        new Random(42).nextBytes(payload);
        Path f = dir.resolve(name);
        PeImageBuilder.exe(MachineType.X86).version(VersionResource.of(FileVersion.parse("6.0.2900.2180")))
                .code(new byte[] {(byte) 0xC3}).overlay(payload).writeTo(f);
        return f;
    }

    private Path sign(Path in, String out, Path chain, Path key, String hash, String... extra) throws Exception {
        Path target = dir.resolve(out);
        List<String> args = new ArrayList<>(List.of("sign", "-certs", chain.toString(), "-key", key.toString(), "-h", hash));
        args.addAll(Arrays.asList(extra));
        args.addAll(List.of("-in", in.toString(), "-out", target.toString()));
        osslsigncode().run(dir, 60, args.toArray(String[]::new)).assertSuccess("osslsigncode sign");
        return target;
    }

    private Path signed(String name, String hash, String... extra) throws Exception {
        return sign(unsignedPackage("unsigned-" + name), name, signerChain, signer.keyPem(), hash, extra);
    }

    private static CliHarness.Run verify(String... args) {
        List<String> all = new ArrayList<>(List.of("verify", "--authenticode"));
        all.addAll(Arrays.asList(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    private static String osslDigest(String verifyOutput, String label) {
        Matcher m = Pattern.compile(label + "\\s*:\\s*([0-9A-Fa-f]+)").matcher(verifyOutput);
        assertThat(m.find()).as(verifyOutput).isTrue();
        return m.group(1).toUpperCase(java.util.Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "sha256"})
    void aValidSignaturePassesWithTheTestRootTrustedAndAgreesWithOsslsigncode(String hash) throws Exception {
        Path f = signed("pkg-" + hash + ".exe", hash);
        CliHarness.Run r = verify("--trust", root.certPem().toString(), f.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String alg = hash.equals("sha1") ? "SHA-1" : "SHA-256";
        assertThat(r.out()).contains(f + ": signature valid\n")
                .contains("  signer   CN=Test Publisher,O=slipstream tests\n")
                .contains("  issuer   CN=Test Code Signing Root,O=slipstream tests\n")
                .contains("  signed   not timestamped; chain checked at ")
                .contains("  digest   " + alg + " ")
                .contains("  chain    Test Publisher > Test Code Signing Root\n");
        assertThat(r.err()).isEmpty();

        // The independent judge agrees, and recomputes the same file digest we do.
        ExternalTool.Result judge = osslsigncode().run(dir, 60, "verify", "-CAfile", root.certPem().toString(), "-in", f.toString());
        assertThat(judge.stdout()).contains("Succeeded");
        AuthenticodeResult api = AuthenticodeVerifier.verify(f, TrustStore.load(root.certPem()));
        assertThat(api.actualDigest()).isEqualTo(osslDigest(judge.stdout(), "Calculated message digest"))
                .isEqualTo(api.signedDigest());
        assertThat(api.digestAlgorithm()).isEqualTo(alg);
    }

    @Test
    void oneFlippedByteInThePayloadIsADigestMismatch() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        PeFile pe = PeFile.read(f);
        byte[] b = Files.readAllBytes(f);
        int at = (int) pe.overlayOffset() + 12_345;
        b[at] ^= 0x01;
        Path tampered = Files.write(dir.resolve("tampered.exe"), b);

        CliHarness.Run r = verify("--trust", root.certPem().toString(), tampered.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains(tampered + ": signature INVALID (file-digest): the file's SHA-256 digest ")
                .contains("the file was changed after it was signed");
        assertThat(r.err()).contains("1 of 1 file has no valid, trusted Authenticode signature; do not build with it");
        ExternalTool.Result judge = osslsigncode().run(dir, 60, "verify", "-CAfile", root.certPem().toString(), "-in",
                tampered.toString());
        assertThat(judge.stdout() + judge.stderr()).contains("Failed");
    }

    @Test
    void changesToTheChecksumFieldAndTheSignatureItselfAreNotTampering() throws Exception {
        // The CheckSum field is excluded from the digest: rewriting it leaves the signature valid.
        Path f = signed("pkg.exe", "sha256");
        PeFile pe = PeFile.read(f);
        byte[] b = Files.readAllBytes(f);
        b[(int) pe.checksumOffset()] ^= 0x55;
        Path g = Files.write(dir.resolve("rechecksummed.exe"), b);
        assertThat(AuthenticodeVerifier.verify(g, TrustStore.load(root.certPem())).isValid()).isTrue();
        // ... but one byte of the headers just past it is covered.
        b[(int) pe.checksumOffset() + 4] ^= 0x01;
        Path h = Files.write(dir.resolve("subsystem.exe"), b);
        assertThat(AuthenticodeVerifier.verify(h, TrustStore.load(root.certPem())).failedCheck())
                .isEqualTo(AuthenticodeResult.Check.FILE_DIGEST);
    }

    @Test
    void anUnknownRootIsRejectedAsUntrusted() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        // Only the shipped Microsoft roots: the test root is unknown.
        CliHarness.Run r = verify(f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains(f + ": signature UNTRUSTED (untrusted-root): the chain ends at the self-signed "
                + "'Test Code Signing Root', which is not in the trust store");
        // Trusting some other root does not help.
        CliHarness.Run other = verify("--trust", otherRoot.certPem().toString(), f.toString());
        assertThat(other.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(other.out()).contains("signature UNTRUSTED (untrusted-root)");
        ExternalTool.Result judge = osslsigncode().run(dir, 60, "verify", "-CAfile", otherRoot.certPem().toString(), "-in",
                f.toString());
        assertThat(judge.stdout() + judge.stderr()).contains("Failed");
    }

    @Test
    void aStrippedSignatureIsReportedAsUnsigned() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        Path stripped = dir.resolve("stripped.exe");
        osslsigncode().run(dir, 60, "remove-signature", "-in", f.toString(), "-out", stripped.toString())
                .assertSuccess("osslsigncode remove-signature");
        CliHarness.Run r = verify("--trust", root.certPem().toString(), stripped.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains(stripped + ": unsigned (the file has no certificate table (no Authenticode signature))");
        assertThat(AuthenticodeVerifier.verify(stripped, TrustStore.builtIn()).status())
                .isEqualTo(AuthenticodeResult.Status.UNSIGNED);
    }

    @Test
    void aSignerWithoutTheCodeSigningPurposeIsRejected() throws Exception {
        Path chain = TestCodeSigningPki.bundle(dir.resolve("server-chain.pem"), serverCert, root);
        Path f = sign(unsignedPackage("u.exe"), "server-signed.exe", chain, serverCert.keyPem(), "sha256");
        CliHarness.Run r = verify("--trust", root.certPem().toString(), f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("signature INVALID (certificate-chain): 'Test Web Server' is not allowed for code signing");
    }

    @Test
    void anRfc3161TimestampGivesTheSigningTimeAndTheChainIsCheckedThen() throws Exception {
        // A publisher certificate that expired a year ago, used while it was valid and timestamped then.
        Instant signedAt = NOW.minus(Duration.ofDays(730));
        TestCodeSigningPki.Issued expired = TestCodeSigningPki.leaf(dir, "Expired Publisher", root,
                NOW.minus(Duration.ofDays(1095)), NOW.minus(Duration.ofDays(365)), KeyPurposeId.id_kp_codeSigning, false);
        Path chain = TestCodeSigningPki.bundle(dir.resolve("expired-chain.pem"), expired, root);
        Path unsigned = unsignedPackage("u.exe");
        Path stamped = sign(unsigned, "stamped.exe", chain, expired.keyPem(), "sha256", "-TSA-certs", tsaChain.toString(),
                "-TSA-key", tsa.keyPem().toString(), "-TSA-time", Long.toString(signedAt.getEpochSecond()));
        Path bare = sign(unsigned, "bare.exe", chain, expired.keyPem(), "sha256");

        CliHarness.Run r = verify("--trust", root.certPem().toString(), stamped.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains(stamped + ": signature valid\n")
                .contains("  signed   " + signedAt + " (RFC 3161 timestamp by Test Time-Stamp Service)\n");
        AuthenticodeResult api = AuthenticodeVerifier.verify(stamped, TrustStore.load(root.certPem()));
        assertThat(api.signingTime()).contains(signedAt);
        assertThat(api.checkedAt()).isEqualTo(signedAt);

        // Without the timestamp the same certificate is judged now, and it has expired.
        CliHarness.Run b = verify("--trust", root.certPem().toString(), bare.toString());
        assertThat(b.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(b.out()).contains("signature INVALID (certificate-chain): 'Expired Publisher' expired on");

        ExternalTool.Result judge = osslsigncode().run(dir, 60, "verify", "-CAfile", root.certPem().toString(),
                "-TSA-CAfile", root.certPem().toString(), "-in", stamped.toString());
        assertThat(judge.stdout()).contains("Succeeded");
    }

    @Test
    void aTimestampFromAnUntrustedAuthorityDoesNotMoveTheCheckTime() throws Exception {
        TestCodeSigningPki.Issued rogueRoot = TestCodeSigningPki.root(dir, "Rogue Root", NOW.minus(Duration.ofDays(5000)),
                NOW.plus(Duration.ofDays(100)));
        TestCodeSigningPki.Issued rogueTsa = TestCodeSigningPki.leaf(dir, "Rogue TSA", rogueRoot,
                NOW.minus(Duration.ofDays(5000)), NOW.plus(Duration.ofDays(100)), KeyPurposeId.id_kp_timeStamping, true);
        Path rogueChain = TestCodeSigningPki.bundle(dir.resolve("rogue.pem"), rogueTsa, rogueRoot);
        Path f = signed("pkg.exe", "sha256", "-TSA-certs", rogueChain.toString(), "-TSA-key", rogueTsa.keyPem().toString(),
                "-TSA-time", Long.toString(NOW.minus(Duration.ofDays(4000)).getEpochSecond()));
        AuthenticodeResult r = AuthenticodeVerifier.verify(f, TrustStore.load(root.certPem()));
        // Still valid (the publisher is valid now), but dated by nothing: the rogue time is not believed.
        assertThat(r.isValid()).isTrue();
        assertThat(r.timestamp().trusted()).isFalse();
        assertThat(r.timestamp().problem()).contains("the timestamp authority's chain is not trusted");
        assertThat(r.signingTime()).isEmpty();
        assertThat(r.checkedAt()).isAfterOrEqualTo(NOW);
    }

    @Test
    void aLegacyCountersignatureGivesTheSigningTime() throws Exception {
        Path f = signed("pkg.exe", "sha1");
        Instant signedAt = NOW.minus(Duration.ofDays(100));
        byte[] counterSigned = addCountersignature(signatureOf(f), tsa, signedAt);
        Path g = replaceSignature(f, counterSigned, new byte[0], "countersigned.exe");

        CliHarness.Run r = verify("--trust", root.certPem().toString(), g.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  signed   " + signedAt + " (countersignature by Test Time-Stamp Service)\n");
        ExternalTool.Result judge = osslsigncode().run(dir, 60, "verify", "-CAfile", root.certPem().toString(),
                "-TSA-CAfile", root.certPem().toString(), "-in", g.toString());
        assertThat(judge.stdout()).contains("Succeeded");

        // A countersignature made for another signature does not count.
        Path other = signed("other.exe", "sha1", "-n", "another description");
        byte[] foreign = addCountersignature(signatureOf(other), tsa, signedAt);
        byte[] transplanted = transplantUnsignedAttributes(signatureOf(f), foreign);
        Path h = replaceSignature(f, transplanted, new byte[0], "transplanted.exe");
        AuthenticodeResult t = AuthenticodeVerifier.verify(h, TrustStore.load(root.certPem()));
        assertThat(t.timestamp().trusted()).isFalse();
        assertThat(t.timestamp().problem()).contains("countersignature does not verify");
    }

    @Test
    void nonZeroBytesAfterTheSignatureInsideTheTableAreRejected() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        Path g = replaceSignature(f, signatureOf(f), "HIDDEN PAYLOAD".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "padded.exe");
        CliHarness.Run r = verify("--trust", root.certPem().toString(), g.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("signature INVALID (padding): 14 non-zero bytes follow the signature");
        // Zero padding is what signers write, and fine.
        Path z = replaceSignature(f, signatureOf(f), new byte[13], "zero-padded.exe");
        assertThat(AuthenticodeVerifier.verify(z, TrustStore.load(root.certPem())).isValid()).isTrue();
    }

    @Test
    void bytesAppendedAfterTheCertificateTableAreRejected() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        Path g = dir.resolve("appended.exe");
        Files.copy(f, g);
        Files.write(g, new byte[] {'M', 'S', 'C', 'F', 0, 0, 0, 0}, StandardOpenOption.APPEND);
        CliHarness.Run r = verify("--trust", root.certPem().toString(), g.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("signature INVALID (trailing-data): 8 bytes follow the certificate table");
    }

    @Test
    void aTruncatedCertificateTableIsBadInputNamingTheFile() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        byte[] b = Files.readAllBytes(f);
        Path cut = Files.write(dir.resolve("cut.exe"), Arrays.copyOf(b, b.length - 300));
        CliHarness.Run r = verify("--trust", root.certPem().toString(), cut.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("slipstream: error: " + cut + " at offset ")
                .contains("the certificate table at 0x").contains("runs past the end of the file").doesNotContain("\tat ");
    }

    @Test
    void aGarbledSignatureIsBadInputNotACrash() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        CertificateTable t = PeFile.read(f).certificateTable().orElseThrow();
        byte[] b = Files.readAllBytes(f);
        // A length field inside the SignedData now claims gigabytes.
        b[(int) t.offset() + 8 + 5] = (byte) 0x84;
        b[(int) t.offset() + 8 + 6] = (byte) 0x7F;
        Path g = Files.write(dir.resolve("garbled.exe"), b);
        CliHarness.Run r = verify("--trust", root.certPem().toString(), g.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("slipstream: error: " + g + " at offset ")
                .contains("the Authenticode signature is corrupt").doesNotContain("\tat ");

        // A WIN_CERTIFICATE whose dwLength overruns the table.
        byte[] c = Files.readAllBytes(f);
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt((int) t.offset(), (int) t.size() + 64);
        Path h = Files.write(dir.resolve("overrun.exe"), c);
        assertThatThrownBy(() -> AuthenticodeVerifier.verify(h, TrustStore.builtIn()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dwLength")
                .hasMessageContaining("does not fit the certificate table");
    }

    @Test
    void deeplyNestedDerIsRejectedBeforeTheParserRecurses() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        // 100,000 nested indefinite-length SEQUENCEs: a stack overflow for a recursive parser.
        for (int i = 0; i < 100_000; i++) {
            der.write(0x30);
            der.write(0x80);
        }
        for (int i = 0; i < 100_000; i++) {
            der.write(0);
            der.write(0);
        }
        Path g = replaceSignature(f, der.toByteArray(), new byte[0], "deep.exe");
        assertThatThrownBy(() -> AuthenticodeVerifier.verify(g, TrustStore.builtIn()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nest more than");
    }

    @Test
    void randomDamageToTheSignatureGivesAResultOrBadInputNeverACrash() throws Exception {
        Path f = signed("pkg.exe", "sha256", "-TSA-certs", tsaChain.toString(), "-TSA-key", tsa.keyPem().toString(),
                "-TSA-time", Long.toString(NOW.getEpochSecond()));
        CertificateTable t = PeFile.read(f).certificateTable().orElseThrow();
        byte[] original = Files.readAllBytes(f);
        TrustStore trust = TrustStore.load(root.certPem());
        Random random = new Random(20070216);
        Path g = dir.resolve("damaged.exe");
        int results = 0;
        int badInput = 0;
        for (int round = 0; round < 300; round++) {
            byte[] b = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = (int) t.offset() + random.nextInt((int) t.size());
                b[at] = (byte) random.nextInt(256);
            }
            Files.write(g, b);
            try {
                AuthenticodeResult r = AuthenticodeVerifier.verify(g, trust);
                assertThat(r.status()).isNotNull();
                results++;
            } catch (BadInputException e) {
                assertThat(e.getMessage()).startsWith(g + " at offset ");
                badInput++;
            }
        }
        // Both outcomes occur: damage to the DER framing is bad input, damage to values a finding.
        assertThat(results).isPositive();
        assertThat(badInput).isPositive();
    }

    @Test
    void jsonCarriesTheVerdictPerFileAndASummary() throws Exception {
        Path good = signed("good.exe", "sha256");
        Path bad = unsignedPackage("plain.exe");
        CliHarness.Run r = verify("--json", "--trust", root.certPem().toString(), good.toString(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("\"authenticode\": {\n        \"status\": \"valid\",\n        \"failedCheck\": null,")
                .contains("\"signer\": \"CN=Test Publisher,O=slipstream tests\"")
                .contains("\"digestAlgorithm\": \"SHA-256\"")
                .contains("\"status\": \"unsigned\"")
                .doesNotContain("\"summary\"").doesNotContain("\"differences\"")
                .contains("\"signatures\": {\n    \"valid\": 1,\n    \"invalid\": 0,\n    \"untrusted\": 0,\n    \"unsigned\": 1\n  }");
    }

    @Test
    void authenticodeAloneChecksSignaturesOnlyAndACatalogOptionAddsTheCatalogCheck() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        CliHarness.Run alone = verify("--trust", root.certPem().toString(), f.toString());
        assertThat(alone.out()).startsWith(f + ": signature valid\n").doesNotContain("unknown").doesNotContain("match");

        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(f)));
        Path catalog = Files.writeString(dir.resolve("site.catalog"),
                "PKG.EXE " + Files.size(f) + " - - " + sha256 + " - -\n");
        CliHarness.Run both = verify("--catalog", catalog.toString(), "--trust", root.certPem().toString(), f.toString(),
                unsignedPackage("plain.exe").toString());
        assertThat(both.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(both.out()).startsWith(f + ": match (size, SHA256 agree with " + catalog + ":1)\n" + f + ": signature valid\n")
                .endsWith("2 files: 1 match, 0 MISMATCH, 1 unknown; signatures: 1 valid, 0 INVALID, 0 UNTRUSTED, 1 unsigned\n");
        CliHarness.Run json = verify("--json", "--catalog", catalog.toString(), "--trust", root.certPem().toString(),
                f.toString());
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"status\": \"match\"").contains("\"summary\": {")
                .contains("\"signatures\": {\n    \"valid\": 1,");
    }

    @Test
    void aTrustFileThatIsNotACertificateIsBadInput() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        CliHarness.Run r = verify("--trust", junk.toString(), f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("slipstream: error: " + junk + ": holds neither PEM certificates nor a DER certificate");
        CliHarness.Run usage = CliHarness.run("verify", "--trust", root.certPem().toString(), f.toString());
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.err()).contains("--trust needs --authenticode");
    }

    @Test
    void theApiChecksUntimestampedChainsAtTheClockItIsGiven() throws Exception {
        Path f = signed("pkg.exe", "sha256");
        TrustStore trust = TrustStore.load(root.certPem());
        Clock future = Clock.fixed(NOW.plus(Duration.ofDays(4000)), ZoneOffset.UTC);
        AuthenticodeResult r = new AuthenticodeVerifier(trust, future).verify(f);
        assertThat(r.status()).isEqualTo(AuthenticodeResult.Status.INVALID);
        assertThat(r.failedCheck()).isEqualTo(AuthenticodeResult.Check.CERTIFICATE_CHAIN);
        assertThat(r.summary()).startsWith("INVALID (certificate-chain): 'Test Publisher' expired on");
    }

    // --- surgery on signed files ---

    /** The DER SignedData of {@code f}'s Authenticode entry. */
    static byte[] signatureOf(Path f) throws Exception {
        PeFile pe = PeFile.read(f);
        try (FileChannel ch = FileChannel.open(f)) {
            List<WinCertificate> entries = CertificateTableReader.entries(ch, pe, pe.certificateTable().orElseThrow());
            byte[] blob = CertificateTableReader.content(ch, f.toString(), entries.get(0));
            try (ASN1InputStream in = new ASN1InputStream(blob)) {
                return in.readObject().getEncoded(ASN1Encoding.DER);
            }
        }
    }

    /** {@code f} with its certificate table replaced by one WIN_CERTIFICATE holding {@code der + extra}. */
    Path replaceSignature(Path f, byte[] der, byte[] extra, String name) throws Exception {
        PeFile pe = PeFile.read(f);
        CertificateTable t = pe.certificateTable().orElseThrow();
        byte[] head = Arrays.copyOf(Files.readAllBytes(f), (int) t.offset());
        int length = WinCertificate.HEADER_SIZE + der.length + extra.length;
        int padded = (length + 7) & ~7;
        ByteBuffer out = ByteBuffer.allocate(head.length + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put(head).putInt(length).putShort((short) WinCertificate.REVISION_2_0)
                .putShort((short) WinCertificate.TYPE_PKCS_SIGNED_DATA).put(der).put(extra);
        out.putInt((int) pe.dataDirectoryEntryOffset(DataDirectory.SECURITY) + 4, padded);
        return Files.write(dir.resolve(name), out.array());
    }

    /** The signature with a PKCS#9 countersignature by {@code by} stating {@code at}, and its certificate added. */
    static byte[] addCountersignature(byte[] der, TestCodeSigningPki.Issued by, Instant at) throws Exception {
        CMSSignedData cms = new CMSSignedData(ContentInfo.getInstance(der));
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        AttributeTable attrs = new AttributeTable(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(at)))));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attrs))
                .build("SHA1withRSA", by.key(), new JcaX509CertificateConverter().getCertificate(by.certificate())));
        SignerInformationStore counters = gen.generateCounterSigners(si);
        CMSSignedData withCounter = CMSSignedData.replaceSigners(cms,
                new SignerInformationStore(SignerInformation.addCounterSigners(si, counters)));
        List<X509CertificateHolder> certs = new ArrayList<>(withCounter.getCertificates().getMatches(null));
        certs.add(by.certificate());
        return CMSSignedData.replaceCertificatesAndCRLs(withCounter, new JcaCertStore(certs), null, null)
                .getEncoded(ASN1Encoding.DER);
    }

    /** {@code target}'s signature carrying {@code donor}'s unsigned attributes and certificates. */
    static byte[] transplantUnsignedAttributes(byte[] target, byte[] donor) throws Exception {
        CMSSignedData t = new CMSSignedData(ContentInfo.getInstance(target));
        CMSSignedData d = new CMSSignedData(ContentInfo.getInstance(donor));
        SignerInformation ts = t.getSignerInfos().getSigners().iterator().next();
        SignerInformation ds = d.getSignerInfos().getSigners().iterator().next();
        CMSSignedData out = CMSSignedData.replaceSigners(t,
                new SignerInformationStore(SignerInformation.replaceUnsignedAttributes(ts, ds.getUnsignedAttributes())));
        return CMSSignedData.replaceCertificatesAndCRLs(out, d.getCertificates(), null, null).getEncoded(ASN1Encoding.DER);
    }
}
