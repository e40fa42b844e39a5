package dev.slipstream.core.pkg;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetLocator;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.cab.CabExtractor;
import dev.slipstream.core.io.WriteBehind;
import dev.slipstream.core.packed.PackedTreeFileSystem;
import dev.slipstream.core.packed.PackedTreeWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Unpacks an update package without running it: finds the cabinet in the self-extractor (the
 * SFXCAB overlay) and extracts every member into one packed tree ({@link PackedTreeWriter}),
 * verifying every CFDATA checksum on the way. The engine reads the result through
 * {@link PackedTreeFileSystem}. One file instead of one per member: creating SP2's 2,915 files
 * cost more than decoding them.
 *
 * <p>A member name that could not be written below a folder on Windows or Linux (absolute, a
 * drive letter, "..", a device name, control characters), that two members claim (compared as
 * Windows does, case-insensitively), or that is both a file and a folder makes the package bad
 * input, before anything is written.
 */
public final class PackageExtractor {

    private PackageExtractor() {
    }

    /**
     * Extracts {@code packageFile} into the new packed tree {@code packFile}; on failure nothing is left at {@code packFile}.
     *
     * @param progress receives the number of bytes written after each member
     * @return the number of members extracted
     */
    public static int extract(Path packageFile, Path packFile, int threads, LongConsumer progress) throws IOException {
        CabinetLocator.Candidate cab = CabinetLocator.locate(packageFile).require();
        int[] count = {0};
        try (CabinetReader reader = CabinetReader.open(packageFile, cab.offset(), CabReadOptions.DEFAULTS);
                PackedTreeWriter pack = PackedTreeWriter.create(packFile)) {
            Map<CabEntry, PackedTreeWriter.Slot> slots = layout(reader.entries(), pack, packageFile, cab.offset());
            // Decoding is the long pole (SP2 is one LZX folder, decoded on one core): the bytes are
            // written on another thread while decoding goes on, through at most
            // WRITE_BEHIND_CHUNKS pooled chunks. Each member has its fixed place in the pack, so
            // folders decoded side by side cannot mix their members' bytes.
            try (WriteBehind writer = new WriteBehind("slipstream-extract-write", WriteBehind.WRITE_SIZE, WRITE_BEHIND_CHUNKS, 4096)) {
                reader.readAll(e -> true, threads, (CabEntry e, InputStream data) -> {
                    PackedTreeWriter.Slot slot = slots.get(e);
                    long n;
                    try (WriteBehind.PendingFile f = writer.open(() -> member(slot))) {
                        n = f.transferFrom(data);
                        f.commit();
                    }
                    synchronized (count) {
                        count[0]++;
                    }
                    progress.accept(n);
                });
                writer.finish();
            }
            pack.finish();
        } catch (BadInputException e) {
            throw e.source() != null && e.source().contains(packageFile.getFileName().toString()) ? e
                    : e.within(packageFile.toString());
        }
        return count[0];
    }

    /**
     * Extracts {@code packageFile} into {@code folder/tree.pack} (the folder must exist) and
     * returns the root of the extracted tree, read through {@link PackedTreeFileSystem}.
     */
    public static Path extractInto(Path packageFile, Path folder, int threads, LongConsumer progress) throws IOException {
        Path pack = folder.resolve("tree.pack");
        extract(packageFile, pack, threads, progress);
        return PackedTreeFileSystem.open(pack);
    }

    /** Checks every name, then gives each member its place in the pack, in listing order. */
    private static Map<CabEntry, PackedTreeWriter.Slot> layout(List<CabEntry> entries, PackedTreeWriter pack, Path packageFile,
            long cabOffset) throws BadInputException {
        Map<String, CabEntry> files = new HashMap<>();
        Set<String> folders = new HashSet<>();
        for (CabEntry e : entries) {
            String why = CabExtractor.unsafeReason(e.path());
            if (why != null) {
                throw BadInputException.in(packageFile).atOffset(cabOffset).hint("do not use this package: it may be hostile")
                        .problem("the cabinet member '%s' %s", CabExtractor.printable(e.name()), why);
            }
            String key = e.path().toLowerCase(Locale.ROOT);
            if (files.putIfAbsent(key, e) != null) {
                throw BadInputException.in(packageFile).atOffset(cabOffset)
                        .hint("the package is corrupt or was not made by Microsoft's tools")
                        .problem("the cabinet holds '%s' twice (names compare case-insensitively on Windows)", e.path());
            }
            for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
                folders.add(key.substring(0, i));
            }
        }
        for (Map.Entry<String, CabEntry> f : files.entrySet()) {
            if (folders.contains(f.getKey())) {
                throw BadInputException.in(packageFile).atOffset(cabOffset)
                        .hint("the package is corrupt or was not made by Microsoft's tools")
                        .problem("the cabinet member '%s' is both a file and the folder of other members", f.getValue().path());
            }
        }
        Map<CabEntry, PackedTreeWriter.Slot> slots = new IdentityHashMap<>();
        for (CabEntry e : entries) {
            slots.put(e, pack.declare(e.path(), e.size()));
        }
        return slots;
    }

    /** 16 MiB of decoded bytes at most wait for the writer. */
    private static final int WRITE_BEHIND_CHUNKS = (16 << 20) / WriteBehind.WRITE_SIZE;

    /** One member's place in the pack, as the write-behind's destination. */
    private static WriteBehind.Destination member(PackedTreeWriter.Slot slot) {
        return new WriteBehind.Destination() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                slot.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                if (!slot.complete()) {
                    throw new IOException("the member '" + slot.name() + "' ended before its " + slot.size() + " bytes");
                }
            }

            @Override
            public void close() {
                // the pack is one file: a member without a commit leaves the pack unfinished, and it is deleted
            }
        };
    }
}
