package dev.slipstream.core.authenticode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    @TempDir
    Path dir;

    /** The thumbprints Windows shows for these roots in its certificate store (certmgr.msc). */
    private static final Map<String, String> PUBLISHED = Map.of(
            "A43489159A520F0D93D032CCAF37E7FE20A8B419", "Microsoft Root Authority",
            "CDD4EEAE6000AC7F40C3802C171E30148030C072", "Microsoft Root Certificate Authority",
            "3B1EFD3A66EA28B16697394703A72CA340A05BD5", "Microsoft Root Certificate Authority 2010");

    static String thumbprint(X509CertificateHolder c) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(c.getEncoded()));
    }

    @Test
    void theBuiltInStoreHoldsExactlyThePublishedMicrosoftRootsAndEachIsSelfSigned() throws Exception {
        List<TrustStore.Anchor> anchors = TrustStore.builtIn().anchors();
        Map<String, String> found = anchors.stream().collect(Collectors.toMap(a -> {
            try {
                return thumbprint(a.certificate());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, a -> CertificateChainValidator.name(a.certificate())));
        assertThat(found).isEqualTo(PUBLISHED);
        for (TrustStore.Anchor a : anchors) {
            X509CertificateHolder c = a.certificate();
            assertThat(c.getSubject()).isEqualTo(c.getIssuer());
            assertThat(c.isSignatureValid(new JcaContentVerifierProviderBuilder().build(c))).isTrue();
            assertThat(a.origin()).isEqualTo("built-in");
        }
    }

    @Test
    void aPemBundleLoadsEveryCertificateAndADerFileLoadsOne() throws Exception {
        List<TrustStore.Anchor> builtIn = TrustStore.builtIn().anchors();
        StringBuilder pem = new StringBuilder("some text before\n");
        for (TrustStore.Anchor a : builtIn.subList(0, 2)) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder().encodeToString(a.certificate().getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Path bundle = Files.writeString(dir.resolve("two.pem"), pem);
        TrustStore two = TrustStore.load(bundle);
        assertThat(two.anchors()).hasSize(2);
        assertThat(two.contains(builtIn.get(1).certificate())).isTrue();
        assertThat(two.contains(builtIn.get(2).certificate())).isFalse();
        assertThat(two.anchors().get(0).origin()).isEqualTo(bundle.toString());

        Path der = Files.write(dir.resolve("root.cer"), builtIn.get(2).certificate().getEncoded());
        assertThat(TrustStore.load(der).plus(two).anchors()).hasSize(3);
    }

    @Test
    void aBrokenTrustFileIsBadInputNamingIt() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");
        assertThatThrownBy(() -> TrustStore.load(junk)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(junk + ": holds neither PEM certificates nor a DER certificate");
        Path open = Files.writeString(dir.resolve("open.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertThatThrownBy(() -> TrustStore.load(open)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no END line");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TrustStore.load(garbage)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(garbage.toString());
    }
}
