package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;

/**
 * A {@code .7z} addon pack through commons-compress's {@link SevenZFile}. Its memory limit bounds
 * what a hostile header can make it allocate (header tables and LZMA dictionaries); members are
 * read in stored order, once, which is the fast order for solid archives.
 */
final class SevenZipAddonArchive extends AddonArchive {

    /** Header tables plus a 64 MiB LZMA dictionary (7-Zip's "ultra") fit; a bomb's claims do not. */
    static final int MEMORY_LIMIT_KIB = 256 * 1024;

    private final SevenZFile archive;

    private SevenZipAddonArchive(Path file, SevenZFile archive) {
        super(file);
        this.archive = archive;
    }

    static SevenZipAddonArchive openSevenZip(Path file) throws IOException {
        try {
            return new SevenZipAddonArchive(file, SevenZFile.builder().setPath(file).setMaxMemoryLimitKiB(MEMORY_LIMIT_KIB)
                    .setTryToRecoverBrokenArchives(false).get());
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw broken(file, e);
        }
    }

    private static BadInputException broken(Path file, Exception e) {
        return BadInputException.in(file).hint("the 7-Zip archive is damaged, encrypted or hostile; "
                + "test it with '7z t' and download it again").problem(e, "cannot be read as a 7-Zip archive: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    @Override
    public String format() {
        return "7z";
    }

    @Override
    List<AddonMember> list() {
        List<AddonMember> out = new ArrayList<>();
        for (SevenZArchiveEntry e : archive.getEntries()) {
            if (!e.isDirectory() && !e.isAntiItem()) {
                out.add(new AddonMember(e.getName(), e.getSize()));
            }
        }
        return out;
    }

    @Override
    void read(MemberSink sink) throws IOException {
        try {
            SevenZArchiveEntry e;
            int guard = 0;
            while ((e = archive.getNextEntry()) != null) {
                if (++guard > MAX_MEMBERS * 2) {
                    throw bad(null).problem("lists more entries than its directory declared");
                }
                if (e.isDirectory() || e.isAntiItem()) {
                    continue;
                }
                SevenZArchiveEntry entry = e;
                sink.accept(new AddonMember(entry.getName(), entry.getSize()), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        return archive.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return archive.read(b, off, len);
                    }
                });
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw broken(file(), e);
        }
    }

    @Override
    public void close() throws IOException {
        archive.close();
    }
}
