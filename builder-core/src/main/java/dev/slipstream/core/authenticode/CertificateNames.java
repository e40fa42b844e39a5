package dev.slipstream.core.authenticode;

import java.util.HexFormat;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Renders certificate names for reports. Names come from hostile signatures: Bouncy Castle decodes
 * their strings lazily and throws on invalid UTF-8 and the like, so a name that cannot be decoded
 * is shown by its DER bytes instead of failing the verification.
 */
final class CertificateNames {

    private CertificateNames() {
    }

    /** The common name of {@code c}'s subject, or the whole subject when it has none. */
    static String commonName(X509CertificateHolder c) {
        try {
            RDN[] cns = c.getSubject().getRDNs(BCStyle.CN);
            if (cns.length > 0 && cns[0].getFirst() != null) {
                return IETFUtils.valueToString(cns[0].getFirst().getValue());
            }
        } catch (RuntimeException e) {
            return undecodable(c.getSubject());
        }
        return name(c.getSubject());
    }

    /** The distinguished name as RFC 4514-style text, in the order of the certificate. */
    static String name(X500Name n) {
        if (n == null) {
            return "(none)";
        }
        try {
            return n.toString();
        } catch (RuntimeException e) {
            return undecodable(n);
        }
    }

    private static String undecodable(X500Name n) {
        try {
            return "(undecodable name, DER " + HexFormat.of().withUpperCase().formatHex(n.getEncoded()) + ")";
        } catch (Exception e) {
            return "(undecodable name)";
        }
    }
}
