package dev.slipstream.core.authenticode;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The certificates slipstream trusts as the end of a signer's chain: the public Microsoft roots
 * of the Windows Server 2003 era shipped as a resource ({@link #builtIn()}), plus any the user adds
 * ({@link #load(Path)}, {@code --trust FILE.pem}). A certificate in the store is trusted as it is:
 * its own signature and issuer are not examined, as with Windows' root store. Immutable.
 */
public final class TrustStore {

    /** A trust file larger than this is not a certificate bundle. */
    static final long MAX_FILE_BYTES = 16L << 20;
    static final String BUILT_IN_RESOURCE = "microsoft-roots.pem";
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    /** A trusted certificate and where it came from (a file or "built-in"). */
    public record Anchor(X509CertificateHolder certificate, String origin) {
    }

    private final List<Anchor> anchors;

    private TrustStore(List<Anchor> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    public static TrustStore empty() {
        return new TrustStore(List.of());
    }

    /** Microsoft Root Authority, Microsoft Root Certificate Authority (2001) and ... 2010. */
    public static TrustStore builtIn() {
        try (InputStream in = TrustStore.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUILT_IN_RESOURCE + " is missing from the jar");
            }
            return new TrustStore(parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII), "built-in"));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in trust store cannot be read", e);
        }
    }

    /** The certificates in a PEM file (one or more CERTIFICATE blocks) or a DER certificate. */
    public static TrustStore load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw BadInputException.in(file).hint("give a PEM file of root certificates")
                    .problem("%d bytes is too large for a certificate file", size);
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Anchor> found;
        if (text.contains(BEGIN)) {
            found = parseOrFail(text, file.toString());
        } else {
            try {
                DerShape.check(bytes, file.toString(), 0);
                found = List.of(new Anchor(new X509CertificateHolder(bytes), file.toString()));
            } catch (IOException | RuntimeException e) {
                throw BadInputException.in(file).hint("give a PEM file with -----BEGIN CERTIFICATE----- blocks")
                        .problem(e, "holds neither PEM certificates nor a DER certificate");
            }
        }
        return new TrustStore(found);
    }

    /** This store with {@code other}'s certificates added. */
    public TrustStore plus(TrustStore other) {
        List<Anchor> all = new ArrayList<>(anchors);
        all.addAll(other.anchors);
        return new TrustStore(all);
    }

    public List<Anchor> anchors() {
        return anchors;
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    /** Whether {@code cert} itself (byte for byte) is trusted. */
    public boolean contains(X509CertificateHolder cert) {
        return anchors.stream().anyMatch(a -> a.certificate().equals(cert));
    }

    private static List<Anchor> parseOrFail(String text, String origin) throws BadInputException {
        try {
            return parse(text, origin);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw BadInputException.in(origin).hint("give a PEM file of root certificates")
                    .problem(e, "a CERTIFICATE block cannot be read: " + AuthenticodeSignatureParser.describe(e));
        }
    }

    private static List<Anchor> parse(String text, String origin) throws IOException {
        List<Anchor> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int b = text.indexOf(BEGIN, from);
            if (b < 0) {
                break;
            }
            int e = text.indexOf(END, b);
            if (e < 0) {
                throw new IOException("a -----BEGIN CERTIFICATE----- block has no END line");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(b + BEGIN.length(), e));
            DerShape.check(der, origin, 0);
            out.add(new Anchor(new X509CertificateHolder(Arrays.copyOf(der, der.length)), origin));
            from = e + END.length();
        }
        if (out.isEmpty()) {
            throw new IOException("no certificate found");
        }
        return out;
    }
}
