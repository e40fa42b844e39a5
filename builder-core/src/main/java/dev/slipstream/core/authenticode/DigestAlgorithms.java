package dev.slipstream.core.authenticode;

import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/** The digest algorithms of Authenticode by OID: their JCA and display names, and which are broken. */
final class DigestAlgorithms {

    private record Algorithm(String jca, String display, boolean broken) {
    }

    private static final Map<ASN1ObjectIdentifier, Algorithm> KNOWN = Map.of(
            PKCSObjectIdentifiers.md5, new Algorithm("MD5", "MD5", true),
            OIWObjectIdentifiers.idSHA1, new Algorithm("SHA-1", "SHA-1", false),
            NISTObjectIdentifiers.id_sha256, new Algorithm("SHA-256", "SHA-256", false),
            NISTObjectIdentifiers.id_sha384, new Algorithm("SHA-384", "SHA-384", false),
            NISTObjectIdentifiers.id_sha512, new Algorithm("SHA-512", "SHA-512", false));

    private DigestAlgorithms() {
    }

    static String jcaName(ASN1ObjectIdentifier oid) throws NoSuchAlgorithmException {
        Algorithm a = KNOWN.get(oid);
        if (a == null) {
            throw new NoSuchAlgorithmException("digest algorithm " + oid + " is not one Authenticode uses");
        }
        return a.jca();
    }

    static boolean isKnown(ASN1ObjectIdentifier oid) {
        return KNOWN.containsKey(oid);
    }

    /** MD5 file digests can be collided: a signature over one vouches for another file too. */
    static boolean isBroken(ASN1ObjectIdentifier oid) {
        Algorithm a = KNOWN.get(oid);
        return a != null && a.broken();
    }

    static String displayName(ASN1ObjectIdentifier oid) {
        Algorithm a = KNOWN.get(oid);
        return a == null ? oid.getId() : a.display();
    }
}
