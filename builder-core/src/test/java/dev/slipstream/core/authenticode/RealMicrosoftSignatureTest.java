package dev.slipstream.core.authenticode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A signature Microsoft really made: Debian's shim-signed package ships shimx64.efi.signed, a PE32+
 * image signed by "Microsoft Windows UEFI Driver Publisher" with an RFC 3161 timestamp from the
 * Microsoft Time-Stamp Service, whose chain ends at the built-in Microsoft Root Certificate
 * Authority 2010. The signer's own chain ends at the Third Party Marketplace Root, which is not a
 * root of the Windows Server 2003 era and is not built in.
 *
 * <p>Runs where the file is: {@code apt-get install shim-signed}, or {@code apt-get download
 * shim-signed && dpkg-deb -x shim-signed_*.deb DIR} and {@code SLIPSTREAM_REAL_SIGNED_PE=DIR/usr/lib/shim/shimx64.efi.signed};
 * skipped otherwise (no Microsoft package is in the shared corpus).
 */
class RealMicrosoftSignatureTest {

    @Test
    void aMicrosoftSignedImageHasAMatchingDigestAValidSignatureAndATrustedTimestamp() throws Exception {
        String env = System.getenv("SLIPSTREAM_REAL_SIGNED_PE");
        Path f = Path.of(env != null ? env : "/usr/lib/shim/shimx64.efi.signed");
        assumeTrue(Files.isRegularFile(f), f + " is not here (Debian package shim-signed); skipping");

        AuthenticodeResult r = AuthenticodeVerifier.verify(f, TrustStore.builtIn());
        // The file digest and the signer's signature held: only the root is foreign.
        assertThat(r.status()).as(r.summary()).isEqualTo(AuthenticodeResult.Status.UNTRUSTED);
        assertThat(r.failedCheck()).isEqualTo(AuthenticodeResult.Check.UNTRUSTED_ROOT);
        assertThat(r.reason()).contains("Microsoft Corporation Third Party Marketplace Root");
        assertThat(r.actualDigest()).isEqualTo(r.signedDigest());
        assertThat(r.signer()).contains("O=Microsoft Corporation");
        assertThat(r.timestamp()).isNotNull();
        assertThat(r.timestamp().kind()).isEqualTo(SigningTimestamp.Kind.RFC3161);
        assertThat(r.timestamp().trusted()).as(String.valueOf(r.timestamp().problem())).isTrue();
        assertThat(r.checkedAt()).isEqualTo(r.timestamp().time());

        // Without the 2010 root the Microsoft timestamp is not believed either.
        AuthenticodeResult bare = AuthenticodeVerifier.verify(f, TrustStore.empty());
        assertThat(bare.timestamp().trusted()).isFalse();
        assertThat(bare.timestamp().problem()).contains("Microsoft Root Certificate Authority 2010");
    }
}
