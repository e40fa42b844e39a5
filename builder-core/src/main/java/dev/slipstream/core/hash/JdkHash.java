package dev.slipstream.core.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 and SHA-256 from the JDK: HotSpot compiles their block functions to the CPU's SHA
 * instructions where present (UseSHA1Intrinsics, UseSHA256Intrinsics), which no Java code can beat.
 */
final class JdkHash implements StreamingHash {

    private final HashAlgorithm algorithm;
    private final MessageDigest md;

    private JdkHash(HashAlgorithm algorithm, String jdkName) {
        this.algorithm = algorithm;
        try {
            this.md = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-1 and SHA-256.
            throw new IllegalStateException("this Java runtime lacks " + jdkName, e);
        }
    }

    static JdkHash sha256() {
        return new JdkHash(HashAlgorithm.SHA256, "SHA-256");
    }

    static JdkHash sha1() {
        return new JdkHash(HashAlgorithm.SHA1, "SHA-1");
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        md.update(b, off, len);
    }

    @Override
    public byte[] digest() {
        return md.digest();
    }
}
