package dev.slipstream.core.authenticode;

import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The outcome of {@link CertificateChainValidator}: the path from the signer's certificate up to
 * where it ended (a trusted certificate when {@link #status()} is {@code TRUSTED}), and what was
 * wrong otherwise.
 */
public record CertificateChain(Status status, List<X509CertificateHolder> path, String problem) {

    public enum Status {
        /** The path ends at a trusted certificate and every certificate on it passed. */
        TRUSTED,
        /** The path is sound but ends at a certificate the trust store does not hold. */
        UNTRUSTED_ROOT,
        /** A certificate on the path is expired, not yet valid, not a CA, not for this use, or forged. */
        INVALID
    }

    public CertificateChain {
        path = List.copyOf(path);
    }

    public boolean isTrusted() {
        return status == Status.TRUSTED;
    }
}
