package dev.slipstream.core.engine;

import dev.slipstream.core.cab.CabCompression;
import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetChecksumVerifier;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.cab.CabinetWriter;
import dev.slipstream.core.cache.CompressedOutputs;
import dev.slipstream.core.cache.KnownVersions;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.pe.FileVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Converts setup files between their two forms: a one-file cabinet ({@code NTDLL.DL_}, LZX:21 as
 * Microsoft's media use) and the plain file. Results go to the build's workspace.
 */
public final class SetupFileCodec implements AutoCloseable {

    /**
     * The build compresses a handful of files (hotfix files, LAYOUT.INF), and their compression is
     * on the cold build's critical path, in a JVM whose encoder is not compiled yet: most of its
     * cost is the interpreter and the JIT, not the bytes. GREEDY's small parse loop makes them 8 %
     * larger than FAST (1.69 MB against 1.56 MB on the full x86 fixture, 0.02 % of the ISO) for
     * 0.5 CPU-s less per cold build (FAST itself was 4 % larger than NORMAL for a third less CPU);
     * setup expands them all alike, and the package cache keeps them for the next build.
     */
    static final dev.slipstream.core.codec.lzx.LzxEncoder.Level LEVEL = dev.slipstream.core.codec.lzx.LzxEncoder.Level.GREEDY;

    /**
     * What the bytes of a compressed file depend on besides its input, name and date: the
     * cabinet writer's and the LZX encoder's output at these settings. Part of the key of the
     * outputs kept in the package cache ({@link CompressedOutputs}), so that a build with a warm
     * cache writes the same bytes as one without. Whoever changes what the encoder writes changes
     * this; {@code SetupFileCodecTest} pins the output and says so when it changes.
     */
    static final String OUTPUT_FORMAT = "cab1/lzx21/greedy/e8/encoder-2026-12";

    private final Workspace workspace;
    private final Instant timestamp;
    private final int threads;
    /** Compressions started ahead of need, by plain file and member name. */
    private final Map<String, Future<Path>> ahead = new ConcurrentHashMap<>();
    private ExecutorService pool;
    /** Where outputs made before are found and new ones kept; null for none. */
    private volatile CompressedOutputs outputs;
    /** Where versions read before are found and new ones kept; null for none. */
    private volatile KnownVersions versions;

    /** @param timestamp the date written into new cabinets, so that builds are reproducible */
    public SetupFileCodec(Workspace workspace, Instant timestamp) {
        this(workspace, timestamp, 1);
    }

    /** @param threads how many compressions started with {@link #compressAhead} run at once */
    public SetupFileCodec(Workspace workspace, Instant timestamp, int threads) {
        this.workspace = workspace;
        this.timestamp = timestamp;
        this.threads = Math.max(1, threads);
    }

    /**
     * Keeps the files this codec compresses in the package cache, and takes them from there when
     * the same input was compressed before (a warm build's hotfix files).
     */
    public SetupFileCodec keepingOutputsIn(CompressedOutputs kept) {
        this.outputs = kept;
        return this;
    }

    /** Remembers the versions {@link #versionOf} reads in the package cache, and takes them from there. */
    public SetupFileCodec keepingVersionsIn(KnownVersions kept) {
        this.versions = kept;
        return this;
    }

    /**
     * The VS_FIXEDFILEINFO version of the file a compressed setup file holds (empty when it has
     * none): expanded and read, or, when the same compressed file was read before, as remembered.
     */
    public Optional<FileVersion> versionOf(ContentSource packed, String describe) throws IOException {
        KnownVersions kept = versions;
        Optional<String> key = Optional.empty();
        if (kept != null && packed instanceof ContentSource.FileRegion r) {
            key = kept.keyOf(r.file(), r.offset(), r.size());
        }
        if (key.isPresent()) {
            Optional<KnownVersions.Known> known = kept.lookup(key.get());
            if (known.isPresent()) {
                return known.get().version();
            }
        }
        Optional<FileVersion> v = FileVersions.of(expand(packed).file(), describe);
        if (key.isPresent()) {
            kept.remember(key.get(), v);
        }
        return v;
    }

    /** A file expanded from its compressed form: the bytes and the name stored in the cabinet. */
    public record Expanded(Path file, String memberName) {
    }

    /**
     * Expands a compressed setup file. It must be a cabinet with exactly one member, as makecab
     * writes them; anything else is bad input naming the file.
     */
    public Expanded expand(ContentSource packed) throws IOException {
        Path local = local(packed);
        long offset = 0;
        if (packed instanceof ContentSource.FileRegion r) {
            offset = r.offset();
        }
        try (CabinetReader reader = CabinetReader.open(local, offset, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            List<CabEntry> entries = reader.entries();
            if (entries.size() != 1) {
                throw BadInputException.in(packed.describe())
                        .hint("a compressed setup file holds exactly one file; replace it from the original media")
                        .problem("the cabinet holds %d files", entries.size());
            }
            Path out = workspace.file("expanded");
            try (InputStream in = reader.openStream(entries.get(0));
                    OutputStream os = Files.newOutputStream(out, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(os);
            }
            return new Expanded(out, entries.get(0).name());
        } catch (BadInputException e) {
            throw e.source() == null || !e.source().equals(packed.describe()) ? e.within(packed.describe()) : e;
        }
    }

    /** The name and size of the file a compressed setup file holds. */
    public record Member(String name, long size) {
    }

    /** Reads the member a compressed setup file holds from its file table, without decoding it. */
    public Member member(ContentSource packed) throws IOException {
        Path local = local(packed);
        long offset = packed instanceof ContentSource.FileRegion r ? r.offset() : 0;
        try (CabinetReader reader = CabinetReader.open(local, offset, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            List<CabEntry> entries = reader.entries();
            if (entries.size() != 1) {
                throw BadInputException.in(packed.describe())
                        .hint("a compressed setup file holds exactly one file")
                        .problem("the cabinet holds %d files", entries.size());
            }
            return new Member(entries.get(0).name(), entries.get(0).size());
        } catch (BadInputException e) {
            throw e.source() == null || !e.source().equals(packed.describe()) ? e.within(packed.describe()) : e;
        }
    }

    /**
     * Starts compressing {@code plain} in the background, so that a later {@link #compress} of the
     * same file and member name only collects the result. The output is the same bytes either way.
     */
    public synchronized void compressAhead(Path plain, String memberName) {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "slipstream-compress");
                t.setDaemon(true);
                return t;
            });
        }
        ahead.computeIfAbsent(aheadKey(plain, memberName), k -> pool.submit(() -> compressNow(plain, memberName)));
    }

    private static String aheadKey(Path plain, String memberName) {
        return plain.toAbsolutePath().normalize() + "\u0000" + memberName;
    }

    /** Compresses {@code plain} into a one-file LZX:21 cabinet whose member is {@code memberName}. */
    public Path compress(Path plain, String memberName) throws IOException {
        Future<Path> started = ahead.remove(aheadKey(plain, memberName));
        if (started == null) {
            return compressNow(plain, memberName);
        }
        return BackgroundWork.result(started, "compressing " + plain);
    }

    /**
     * Stops the compressions nobody collected (a plan-only run, a failed build) and waits for the
     * ones under way, so that nothing writes into the workspace after it is closed.
     */
    @Override
    public void close() {
        ExecutorService p;
        synchronized (this) {
            p = pool;
            pool = null;
        }
        if (p == null) {
            return;
        }
        BackgroundWork.stopAndAwait(p);
    }

    private Path compressNow(Path plain, String memberName) throws IOException {
        CompressedOutputs kept = outputs;
        if (kept == null) {
            return compressInto(workspace.file("compressed"), plain, memberName);
        }
        String key = CompressedOutputs.key(OUTPUT_FORMAT, kept.identityOf(plain), memberName, timestamp);
        Optional<Path> hit = kept.find(key);
        if (hit.isPresent()) {
            Path out = workspace.file("compressed");
            try {
                Files.copy(hit.get(), out, StandardCopyOption.REPLACE_EXISTING);
                if (CabinetChecksumVerifier.verify(out).verified()) {
                    return out;
                }
            } catch (IOException e) {
                // damaged or pruned meanwhile: compress it again, below
            }
            try {
                kept.remove(key);
            } catch (IOException e) {
                // a cache this user may not write: the new output is simply not kept
            }
        }
        Path out = compressInto(workspace.file("compressed"), plain, memberName);
        kept.publish(key, out);
        return out;
    }

    private Path compressInto(Path out, Path plain, String memberName) throws IOException {
        CabinetWriter.Entry entry = new CabinetWriter.Entry(memberName, plain.toString(),
                () -> Files.newInputStream(plain), Files.size(plain), timestamp, 0);
        CabinetWriter.write(out, List.of(entry), CabinetWriter.Options.defaults()
                .withCompression(CabCompression.LZX_21).withLzx(LEVEL, true).withTimestamp(Optional.of(timestamp)));
        return out;
    }

    /** The source's bytes in a new workspace file. */
    public Path copy(ContentSource src) throws IOException {
        Path tmp = workspace.file("copy");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            src.transferTo(out);
        }
        return tmp;
    }

    /** A path on disk holding the source's bytes: the file itself when it is one, else a workspace copy. */
    private Path local(ContentSource src) throws IOException {
        if (src instanceof ContentSource.FileRegion r) {
            return r.file();
        }
        Path tmp = workspace.file("copy");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long n = src.transferTo(out);
            if (n != src.size()) {
                throw new IOException(src.describe() + ": read " + n + " bytes, expected " + src.size());
            }
        }
        return tmp;
    }

    /** Opens a content source as a stream (for INF parsing and hashing). */
    public static InputStream stream(ContentSource src) throws IOException {
        return Channels.newInputStream(src.open());
    }
}
