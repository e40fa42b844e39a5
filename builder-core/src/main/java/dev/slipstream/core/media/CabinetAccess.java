package dev.slipstream.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How media code reads Microsoft cabinets: compressed single-file copies ({@code LAYOUT.IN_},
 * {@code NTDLL.DL_}) and driver cabinets ({@code DRIVER.CAB}, {@code SP2.CAB}). The media linter
 * and the probes depend on this seam rather than on the cabinet reader itself.
 */
public interface CabinetAccess {

    /** False when this build cannot read cabinets; the methods then throw an explaining IOException. */
    boolean available();

    /** The file inside a compressed copy such as {@code NTDLL.DL_}, decoded as it is read. */
    InputStream openCompressed(Path compressed) throws IOException;

    /** The member names of a cabinet, in cabinet order. */
    List<String> members(Path cabinet) throws IOException;

    /**
     * Decodes every member and verifies every checksum; throws
     * {@link dev.slipstream.core.error.BadInputException} naming the problem when the cabinet is corrupt.
     */
    void test(Path cabinet) throws IOException;

    /**
     * Verifies a cabinet's headers, the bounds of its data blocks and every block's checksum
     * without decoding (see {@link dev.slipstream.core.cab.CabinetChecksumVerifier}). For bytes
     * copied unchanged from an already verified source, where the question is whether the copy is
     * intact.
     *
     * @return false when checksums alone cannot vouch for this cabinet (a block without a checksum,
     *         a cabinet set): the caller then {@linkplain #test decodes} it
     * @throws dev.slipstream.core.error.BadInputException when the cabinet is damaged
     */
    default boolean verifyWithoutDecoding(Path cabinet) throws IOException {
        return false;
    }

    /** A stand-in for builds without a cabinet reader: every read fails with an explanation. */
    static CabinetAccess unavailable() {
        return new CabinetAccess() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public InputStream openCompressed(Path compressed) throws IOException {
                throw missing(compressed);
            }

            @Override
            public List<String> members(Path cabinet) throws IOException {
                throw missing(cabinet);
            }

            @Override
            public void test(Path cabinet) throws IOException {
                throw missing(cabinet);
            }

            private IOException missing(Path p) {
                return new IOException(p + ": cannot read a compressed file: this build has no cabinet reader; "
                        + "expand it with cabextract or use the uncompressed copy");
            }
        };
    }
}
