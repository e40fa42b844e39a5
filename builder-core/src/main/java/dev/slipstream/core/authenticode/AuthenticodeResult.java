package dev.slipstream.core.authenticode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuthenticodeVerifier} concluded about one file.
 *
 * @param file            the file as named by the caller
 * @param status          the verdict
 * @param failedCheck     for {@code INVALID} and {@code UNTRUSTED}: which check failed; else null
 * @param reason          one sentence for a build engineer: what is wrong (null when valid)
 * @param signer          the signer certificate's subject, when a signature was read
 * @param issuer          the signer certificate's issuer
 * @param digestAlgorithm the file digest algorithm (SHA-1, SHA-256, ...), when a signature was read
 * @param signedDigest    the file digest the signer signed, hex
 * @param actualDigest    the file digest recomputed here, hex (null when not computed)
 * @param chain           the certificate path's common names, signer first
 * @param timestamp       the timestamp, when the signature has one
 * @param checkedAt       the moment the chain was validated at (the trusted timestamp's, or now)
 */
public record AuthenticodeResult(String file, Status status, Check failedCheck, String reason, String signer,
        String issuer, String digestAlgorithm, String signedDigest, String actualDigest, List<String> chain,
        SigningTimestamp timestamp, Instant checkedAt) {

    public enum Status {
        /** Signed; the digest, the signature and a trusted chain all hold. */
        VALID,
        /** Signed, but something does not hold: see {@link Check}. */
        INVALID,
        /** Signed, and sound, but the chain ends at a certificate not in the trust store. */
        UNTRUSTED,
        /** No Authenticode signature at all. */
        UNSIGNED
    }

    /** The check that failed, in the order they are made. */
    public enum Check {
        /** Bytes after the certificate table, which nothing signs. */
        TRAILING_DATA("trailing-data"),
        /** Non-zero bytes after the signature inside its WIN_CERTIFICATE (CVE-2013-3900). */
        PADDING("padding"),
        /** The SpcIndirectDataContent does not describe a PE image. */
        CONTENT_TYPE("content-type"),
        /** MD5 or an unknown file digest algorithm. */
        DIGEST_ALGORITHM("digest-algorithm"),
        /** The file's digest differs from the signed one: the file was changed after signing. */
        FILE_DIGEST("file-digest"),
        /** The signer's certificate is not in the signature. */
        SIGNER_CERTIFICATE("signer-certificate"),
        /** The signed attributes' messageDigest does not match the SpcIndirectDataContent. */
        CONTENT_DIGEST("content-digest"),
        /** The signer's signature over the authenticated attributes does not verify. */
        SIGNATURE("signature"),
        /** A certificate on the path is expired, not a CA, not for code signing, or forged. */
        CERTIFICATE_CHAIN("certificate-chain"),
        /** The path ends at a certificate the trust store does not hold. */
        UNTRUSTED_ROOT("untrusted-root");

        private final String id;

        Check(String id) {
            this.id = id;
        }

        /** The stable name in reports and JSON. */
        public String id() {
            return id;
        }
    }

    public AuthenticodeResult {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    public boolean isValid() {
        return status == Status.VALID;
    }

    /** The signing time: the timestamp's, when it is trusted. */
    public Optional<Instant> signingTime() {
        return timestamp != null && timestamp.trusted() ? Optional.ofNullable(timestamp.time()) : Optional.empty();
    }

    /** One line: "valid", or why not ("invalid (file-digest): ..."). */
    public String summary() {
        return switch (status) {
            case VALID -> "valid";
            case UNSIGNED -> "unsigned: " + reason;
            case INVALID -> "INVALID (" + failedCheck.id() + "): " + reason;
            case UNTRUSTED -> "UNTRUSTED (" + failedCheck.id() + "): " + reason;
        };
    }
}
