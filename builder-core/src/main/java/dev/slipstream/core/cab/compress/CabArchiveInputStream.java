package dev.slipstream.core.cab.compress;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;

/**
 * A cabinet read through commons-compress's {@link ArchiveInputStream} API. A cabinet is not a
 * streamable format (its file table comes before the data, and folders can be read only from
 * their start), so a stream given here is first copied to a temporary file, which is deleted on
 * close; memory stays bounded whatever the size. Cabinet sets cannot be followed from a stream.
 */
public final class CabArchiveInputStream extends ArchiveInputStream<CabArchiveEntry> {

    private final Path spool;
    private final CabinetReader reader;
    private final List<CabEntry> entries;
    private int next;
    private InputStream current;

    /** Reads the cabinet in {@code in}, which is consumed to its end (and not closed). */
    public CabArchiveInputStream(InputStream in) throws IOException {
        super(in, "UTF-8");
        this.spool = Files.createTempFile("slipstream-cab-", ".cab");
        try {
            Files.copy(in, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            this.reader = CabinetReader.open(spool, 0, CabReadOptions.DEFAULTS.withFollowSet(false));
            this.entries = reader.entries();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    /** Reads the cabinet at {@code offset} of {@code file} directly, following a set if there is one. */
    public CabArchiveInputStream(Path file, long offset) throws IOException {
        super(InputStream.nullInputStream(), "UTF-8");
        this.spool = null;
        this.reader = CabinetReader.open(file, offset, CabReadOptions.DEFAULTS);
        this.entries = reader.entries();
    }

    @Override
    public CabArchiveEntry getNextEntry() throws IOException {
        if (next >= entries.size()) {
            current = null;
            return null;
        }
        CabEntry e = entries.get(next++);
        current = reader.openStream(e);
        return new CabArchiveEntry(e);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (current == null) {
            return -1;
        }
        int n = current.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public boolean canReadEntryData(ArchiveEntry entry) {
        return entry instanceof CabArchiveEntry;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }

    /** True when {@code signature} starts like a cabinet ("MSCF"). */
    public static boolean matches(byte[] signature, int length) {
        return length >= 4 && signature[0] == 'M' && signature[1] == 'S' && signature[2] == 'C' && signature[3] == 'F';
    }
}
