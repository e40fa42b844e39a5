package dev.slipstream.core.authenticode;

import java.time.Instant;

/**
 * The counter-signature that dates an Authenticode signature, as {@link TimestampVerifier} found
 * it. Only a {@link #trusted()} timestamp moves the moment at which the signer's chain is checked;
 * otherwise that is now, as on Windows.
 *
 * @param kind    which of the two forms it has
 * @param time    the time it states (genTime, or the countersigner's signingTime)
 * @param signer  the timestamp authority's certificate name, or null when it was not found
 * @param trusted whether its signature, its binding to the signer's signature and its chain all hold
 * @param problem why it is not trusted, or null
 */
public record SigningTimestamp(Kind kind, Instant time, String signer, boolean trusted, String problem) {

    public enum Kind {
        /** An RFC 3161 token in unsigned attribute 1.3.6.1.4.1.311.3.3.1 (signtool /tr). */
        RFC3161("RFC 3161 timestamp"),
        /** A PKCS#9 countersignature, unsigned attribute 1.2.840.113549.1.9.6 (signtool /t, the 2000s form). */
        COUNTERSIGNATURE("countersignature");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
