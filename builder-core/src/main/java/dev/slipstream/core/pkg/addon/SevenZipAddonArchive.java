package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;

/**
 * A {@code .7z} addon pack through commons-compress's {@link SevenZFile}. Its memory limit bounds
 * what a hostile header can make it allocate (header tables and LZMA dictionaries), and is set from
 * what the pack declares it holds; members are read in stored order, once, which is the fast order
 * for solid archives.
 */
final class SevenZipAddonArchive extends AddonArchive {

    /** The most any pack may make the decoder allocate at once (a 256 MiB dictionary is beyond 7-Zip's "ultra"). */
    static final int MEMORY_LIMIT_KIB = 256 * 1024;
    /**
     * What a pack may use whatever it holds: 7-Zip's "ultra" dictionary (64 MiB). 7-Zip shrinks the
     * dictionary to the data, other packers (commons-compress: 8 MiB) do not, so a small pack with a
     * dictionary up to this size is normal; a larger one is allowed only as far as the pack's
     * declared content needs it.
     */
    static final int MEMORY_FLOOR_KIB = 64 * 1024;

    /** 7-Zip method ids (as commons-compress prints them) that 7-Zip writes and commons-compress does not read. */
    private static final java.util.Map<String, String> UNSUPPORTED_METHODS = java.util.Map.of("[3, 4, 1]", "PPMd",
            "[3, 3, 1, 27]", "BCJ2");

    static {
        // LZMA2 allocates its whole declared dictionary for every folder it decodes; a pack of many
        // small folders would allocate it again and again (600 bytes, 3 folders, 192 MiB each: 1.1
        // GiB). xz's BasicArrayCache hands a closed folder's dictionary to the next one instead.
        if (ArrayCache.getDefaultCache() == ArrayCache.getDummyCache()) {
            ArrayCache.setDefaultCache(BasicArrayCache.getInstance());
        }
    }

    private final SevenZFile archive;

    private SevenZipAddonArchive(Path file, SevenZFile archive) {
        super(file);
        this.archive = archive;
    }

    /**
     * Opens with the full limit to read the directory, then, when what the members declare needs
     * less, again with the lower limit, so that a small pack cannot make the decoder allocate more
     * than its content can use.
     */
    static SevenZipAddonArchive openSevenZip(Path file) throws IOException {
        SevenZipHeaderBound.check(file); // the one allocation the memory limit does not bound
        SevenZFile first = open(file, MEMORY_LIMIT_KIB);
        long declared = 0;
        for (SevenZArchiveEntry e : first.getEntries()) {
            if (e.hasStream() && e.getSize() > 0) {
                declared += Math.min(e.getSize(), MAX_TOTAL_SIZE);
            }
            if (declared >= (long) MEMORY_LIMIT_KIB << 10) {
                break;
            }
        }
        int limitKib = memoryLimitKib(declared);
        if (limitKib >= MEMORY_LIMIT_KIB) {
            return new SevenZipAddonArchive(file, first);
        }
        first.close();
        return new SevenZipAddonArchive(file, open(file, limitKib));
    }

    /** The decoder memory a pack declaring {@code declaredBytes} of content may use. */
    static int memoryLimitKib(long declaredBytes) {
        long kib = (declaredBytes >> 10) + 1024; // the content, plus the decoders' own tables
        return (int) Math.max(MEMORY_FLOOR_KIB, Math.min(MEMORY_LIMIT_KIB, kib));
    }

    private static SevenZFile open(Path file, int limitKib) throws IOException {
        try {
            return SevenZFile.builder().setPath(file).setMaxMemoryLimitKiB(limitKib).setTryToRecoverBrokenArchives(false).get();
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw broken(file, e);
        }
    }

    private static BadInputException broken(Path file, Exception e) {
        if (e instanceof MemoryLimitException m) {
            return BadInputException.in(file).hint("the pack is corrupt or hostile, or was packed with a dictionary "
                    + "larger than its content needs; repack it with 7-Zip (-mx=9 or lower)")
                    .problem(e, String.format("needs %d MiB of memory to decode, more than the %d MiB a pack of this size may use",
                            (m.getMemoryNeededInKb() + 1023) >> 10, m.getMemoryLimitInKb() >> 10));
        }
        if (e instanceof PasswordRequiredException) {
            return BadInputException.in(file).hint("repack the addon without a password")
                    .problem(e, "is encrypted");
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.startsWith("Unsupported compression method ")) {
            String id = msg.substring("Unsupported compression method ".length());
            id = id.contains(" used in ") ? id.substring(0, id.indexOf(" used in ")) : id;
            String name = UNSUPPORTED_METHODS.getOrDefault(id, "method " + id);
            return BadInputException.in(file).hint("repack it with 7-Zip using LZMA2 (7z a -m0=lzma2 pack.7z ...), "
                    + "which every addon integrator reads").problem(e, "is compressed with " + name + ", which slipstream does not decode");
        }
        int in = msg.indexOf(" in " + file);
        msg = in > 0 ? msg.substring(0, in) : msg; // commons-compress names the file; our message already does
        return BadInputException.in(file).hint("the 7-Zip archive is damaged, encrypted or hostile; "
                + "test it with '7z t' and download it again").problem(e, "cannot be read as a 7-Zip archive: " + msg);
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
