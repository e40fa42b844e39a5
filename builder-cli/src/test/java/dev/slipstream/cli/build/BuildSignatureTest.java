package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.cli.ExitCode;
import dev.slipstream.cli.TestCodeSigningPki;
import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build} checks every package's Authenticode signature before any work: the x86 English
 * fixture packages (SP2, hotfixes, IE7) are signed by osslsigncode with a root made here, then
 * built with and without that root trusted, with one hotfix tampered with, and unsigned.
 */
class BuildSignatureTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static TestCodeSigningPki.Issued root;
    /** The signed x86 ENU packages, under their own names. */
    static Path signed;
    static List<Path> signedHotfixes = new ArrayList<>();

    @BeforeAll
    static void signTheFixturePackages() throws Exception {
        ExternalTool ossl = ExternalTool.require("osslsigncode", "osslsigncode");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(365));
        Instant to = now.plus(Duration.ofDays(3650));
        Path pki = Files.createDirectories(shared.resolve("pki"));
        root = TestCodeSigningPki.root(pki, "Build Test Root", from, to);
        TestCodeSigningPki.Issued signer = TestCodeSigningPki.leaf(pki, "Build Test Publisher", root, from, to,
                KeyPurposeId.id_kp_codeSigning, false);
        Path chain = TestCodeSigningPki.bundle(pki.resolve("chain.pem"), signer, root);
        signed = Files.createDirectories(shared.resolve("signed"));
        try (Stream<Path> s = Files.list(Fixtures.packages())) {
            for (Path p : s.filter(x -> x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("-x86-enu.exe"))
                    .sorted().toList()) {
                Path target = signed.resolve(p.getFileName());
                ossl.run(shared, 60, "sign", "-certs", chain.toString(), "-key", signer.keyPem().toString(), "-h", "sha256",
                        "-in", p.toString(), "-out", target.toString()).assertSuccess("osslsigncode sign " + p.getFileName());
                if (!p.getFileName().toString().startsWith("IE7") && !p.getFileName().toString().contains("KB914961")) {
                    signedHotfixes.add(target);
                }
            }
        }
        assertThat(signedHotfixes).as("the fixture set has x86 English hotfixes").isNotEmpty();
    }

    static final String SP2_NAME = "WindowsServer2003-KB914961-SP2-x86-ENU.exe";

    /** A build of the x86 English media from {@code packages} (SP2 and IE7) and {@code hotfixes}. */
    List<String> build(Path packages, Path hotfixes, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("build", "--base", Fixtures.media("x86-std-ENU").toString(),
                "--sp2", packages.resolve(SP2_NAME).toString(),
                "--hotfix", hotfixes.toString(), "--ie7", packages.resolve("IE7-WindowsServer2003-x86-ENU.exe").toString(),
                "--allow-regressions"));
        args.addAll(List.of(more));
        return args;
    }

    static CliHarness.Run run(List<String> args) {
        return CliHarness.run(args.toArray(String[]::new));
    }

    Path out() throws IOException {
        return Files.createDirectories(dir.resolve("out")).resolve("w2k3sp2.iso");
    }

    void assertNothingWritten() throws IOException {
        try (Stream<Path> s = Files.list(out().getParent())) {
            assertThat(s.toList()).as("no output, not even a temporary file").isEmpty();
        }
    }

    @Test
    void signedPackagesBuildWhenTheirRootIsTrusted() throws Exception {
        CliHarness.Run plan = run(build(signed, signed, "--trust", root.certPem().toString(), "--plan"));
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Package signatures (Authenticode):")
                .containsPattern("WindowsServer2003-KB914961-SP2-x86-ENU.exe  valid  \\(signer: CN=Build Test Publisher")
                .containsPattern("IE7-WindowsServer2003-x86-ENU.exe  valid")
                .doesNotContain("unsigned").doesNotContain("UNTRUSTED");
        for (Path h : signedHotfixes) {
            assertThat(plan.out()).contains(h.getFileName() + "  valid");
        }

        CliHarness.Run r = run(build(signed, signed, "--trust", root.certPem().toString(), "--out", out().toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("not validly signed");
        assertThat(out()).isNotEmptyFile();
    }

    @Test
    void withoutTheirRootTheSamePackagesAreRefusedAsUntrusted() throws Exception {
        CliHarness.Run r = run(build(signed, signed, "--out", out().toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains(SP2_NAME).contains("UNTRUSTED").contains("--trust")
                .doesNotContain("extract-packages");
        assertNothingWritten();
    }

    @Test
    void oneFlippedPayloadByteInOneHotfixIsRefusedNamingThatHotfix() throws Exception {
        Path hotfixes = Files.createDirectories(dir.resolve("hotfixes"));
        for (Path h : signedHotfixes) {
            Files.copy(h, hotfixes.resolve(h.getFileName()));
        }
        Path victim = hotfixes.resolve(signedHotfixes.get(signedHotfixes.size() / 2).getFileName());
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            // The middle of the file: the payload cabinet in the overlay, well before the signature at the end.
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        CliHarness.Run r = run(build(signed, hotfixes, "--trust", root.certPem().toString(), "--out", out().toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        String error = r.err().lines().filter(l -> l.startsWith("slipstream: error:")).findFirst().orElse("");
        assertThat(error).as(r.err()).contains(victim.getFileName().toString()).contains("INVALID (file-digest)")
                .contains("changed after it was signed");
        for (Path h : signedHotfixes) {
            if (!h.getFileName().equals(victim.getFileName())) {
                assertThat(error).as("only the tampered hotfix is named").doesNotContain(h.getFileName().toString());
            }
        }
        assertThat(r.err()).doesNotContain("extract-packages");
        assertNothingWritten();
    }

    @Test
    void unsignedPackagesAreRefusedUnlessAllowedAndThenEachIsWarnedAbout() throws Exception {
        Path packages = Fixtures.packages();
        CliHarness.Run refused = run(build(packages, packages, "--out", out().toString()));
        assertThat(refused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).contains(SP2_NAME).contains("unsigned").contains("--allow-unsigned");
        assertNothingWritten();

        CliHarness.Run allowed = run(build(packages, packages, "--allow-unsigned", "--plan"));
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        String expected = SP2_NAME + " is not validly signed (Authenticode: unsigned";
        assertThat(allowed.err()).contains(expected).contains("IE7-WindowsServer2003-x86-ENU.exe is not validly signed");
        for (Path h : signedHotfixes) {
            assertThat(allowed.err()).contains(h.getFileName() + " is not validly signed");
        }
        assertThat(allowed.out()).contains(SP2_NAME + "  unsigned: ");
    }
}
