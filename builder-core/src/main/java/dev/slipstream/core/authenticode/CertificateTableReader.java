package dev.slipstream.core.authenticode;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.CertificateTable;
import dev.slipstream.core.pe.PeFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the WIN_CERTIFICATE entries of a PE image's attribute certificate table and reads the
 * PKCS#7 blob of the Authenticode one. The table is hostile input: every dwLength is checked
 * against the table and the file before anything is read, entries are 8-byte aligned as the PE
 * specification requires, and the blob we read is capped at {@link #MAX_SIGNATURE_BYTES}.
 */
public final class CertificateTableReader {

    /** Real signatures, chains and timestamps included, are tens of kilobytes. */
    public static final int MAX_SIGNATURE_BYTES = 4 << 20;
    /** More entries than any signer writes; stops a table of 8-byte entries from costing time. */
    static final int MAX_ENTRIES = 64;

    private static final String HINT = "the signature is damaged or was cut off; get a fresh copy of the package";

    private CertificateTableReader() {
    }

    /** The entries of {@code table}, in file order. */
    public static List<WinCertificate> entries(FileChannel ch, PeFile pe, CertificateTable table) throws IOException {
        String src = pe.source();
        if (table.offset() % 8 != 0) {
            throw BadInputException.in(src).atOffset(table.offset()).hint(HINT)
                    .problem("the certificate table starts at 0x%X, which is not 8-byte aligned as the PE format requires",
                            table.offset());
        }
        if (table.offset() < pe.overlayOffset()) {
            throw BadInputException.in(src).atOffset(table.offset()).hint(HINT)
                    .problem("the certificate table at 0x%X overlaps the headers or sections (which end at 0x%X)",
                            table.offset(), pe.overlayOffset());
        }
        List<WinCertificate> out = new ArrayList<>();
        long pos = table.offset();
        long end = table.end();
        ByteBuffer header = ByteBuffer.allocate(WinCertificate.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        while (pos < end) {
            if (out.size() == MAX_ENTRIES) {
                throw BadInputException.in(src).atOffset(pos).hint(HINT)
                        .problem("the certificate table holds more than %d entries", MAX_ENTRIES);
            }
            if (end - pos < WinCertificate.HEADER_SIZE) {
                throw BadInputException.in(src).atOffset(pos).hint(HINT)
                        .problem("the certificate table ends %d bytes into a WIN_CERTIFICATE header", end - pos);
            }
            readFully(ch, header.clear(), pos, src);
            long length = Integer.toUnsignedLong(header.getInt(0));
            int revision = Short.toUnsignedInt(header.getShort(4));
            int type = Short.toUnsignedInt(header.getShort(6));
            if (length < WinCertificate.HEADER_SIZE || length > end - pos) {
                throw BadInputException.in(src).atOffset(pos).hint(HINT)
                        .problem("WIN_CERTIFICATE dwLength %d does not fit the certificate table (%d bytes left)", length,
                                end - pos);
            }
            out.add(new WinCertificate(pos, length, revision, type));
            long next = pos + ((length + 7) & ~7L);
            pos = next;
        }
        return out;
    }

    /** The bCertificate bytes of {@code entry}, bounded by {@link #MAX_SIGNATURE_BYTES}. */
    public static byte[] content(FileChannel ch, String source, WinCertificate entry) throws IOException {
        if (entry.contentLength() > MAX_SIGNATURE_BYTES) {
            throw BadInputException.in(source).atOffset(entry.offset()).hint(HINT)
                    .problem("the signature is %d bytes, more than the %d a real Authenticode signature needs",
                            entry.contentLength(), MAX_SIGNATURE_BYTES);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) entry.contentLength());
        readFully(ch, buf, entry.contentOffset(), source);
        return buf.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long offset, String source) throws IOException {
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw BadInputException.in(source).atOffset(pos).problem("the file shrank while it was being read");
            }
            pos += n;
        }
    }
}
