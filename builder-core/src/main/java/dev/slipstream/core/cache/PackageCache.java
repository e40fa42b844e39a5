package dev.slipstream.core.cache;

import dev.slipstream.core.engine.Workspace;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.packed.PackedTreeFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared cache of extracted packages, so that a matrix of builds unpacks SP2 once.
 *
 * <p>Layout: {@code packages/<sha256>/tree.pack} holds the extracted files as one packed tree
 * ({@link PackedTreeFileSystem}; one file, because creating thousands of small files costs more
 * than extracting them) and {@code packages/<sha256>/info} what they came from. Entries are
 * addressed by the SHA-256 of the package file, so a renamed or re-downloaded package with the
 * same bytes is a hit and a changed one can never be mistaken for the old one. An entry whose pack
 * is missing (an older layout) or damaged is replaced by the next build that needs it.
 *
 * <p>Concurrency: an entry is extracted into {@code tmp/} and published by one atomic rename, so
 * no reader ever sees half an entry. Two processes missing the same package serialize on a file
 * lock ({@code locks/<sha256>.lock}) so the package is extracted once, not twice; threads of one
 * JVM serialize on an in-process lock first, because Java file locks are held per JVM, not per
 * thread. Published files are made read-only.
 */
public final class PackageCache {

    /** Extracts a package into a new packed tree ({@link dev.slipstream.core.packed.PackedTreeWriter}) and returns how many files it wrote. */
    @FunctionalInterface
    public interface Extractor {
        int extract(Path packageFile, Path packFile) throws IOException;
    }

    /**
     * One cached package.
     *
     * @param tree the root folder of the extracted files, in the entry's packed tree
     */
    public record Entry(String sha256, Path tree, int members, boolean hit) {
    }

    /** The entry's one file of extracted members. */
    static final String PACK = "tree.pack";

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path root;
    private final KnownHashes knownHashes;
    private final Clock clock;

    private PackageCache(Path root, Clock clock) {
        this.root = root;
        this.knownHashes = new KnownHashes(root.resolve("hashes"));
        this.clock = clock;
    }

    /** {@code $SLIPSTREAM_CACHE}, else {@code $XDG_CACHE_HOME/slipstream}, else {@code ~/.cache/slipstream}. */
    public static Path defaultLocation() {
        String env = System.getenv("SLIPSTREAM_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "slipstream");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "slipstream");
    }

    public static PackageCache open(Path root) throws IOException {
        return open(root, Clock.systemUTC());
    }

    /** @param clock when "now" is, for {@link KnownHashes#SETTLED} (tests move it on) */
    static PackageCache open(Path root, Clock clock) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        Files.createDirectories(abs.resolve("packages"));
        Files.createDirectories(abs.resolve("tmp"));
        Files.createDirectories(abs.resolve("locks"));
        return new PackageCache(abs, clock);
    }

    /**
     * {@code package:<sha256>:<path>} for a file inside one of this cache's entries (entries never
     * change, so this names its bytes), else empty.
     */
    Optional<String> memberIdentity(Path file) {
        if (file.getFileSystem() instanceof PackedTreeFileSystem fs) {
            Path entry = fs.file().toAbsolutePath().normalize().getParent();
            if (entry != null && packages().equals(entry.getParent()) && isSha256(entry.getFileName().toString())) {
                return Optional.of("package:" + entry.getFileName() + ":" + file.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** The versions of compressed setup files builds read, kept for the next build ({@link KnownVersions}). */
    public KnownVersions knownVersions() {
        return new KnownVersions(this, clock);
    }

    /** The compressed setup files builds made, kept for the next build ({@link CompressedOutputs}). */
    public CompressedOutputs compressedOutputs() {
        return new CompressedOutputs(this);
    }

    public Path root() {
        return root;
    }

    Path packages() {
        return root.resolve("packages");
    }

    /** A cache entry a build is using: {@code cache prune} leaves it alone until {@link #close()}. */
    public static final class Held implements AutoCloseable {
        private final Entry entry;
        private final Lease lease;

        private Held(Entry entry, Lease lease) {
            this.entry = entry;
            this.lease = lease;
        }

        public Entry entry() {
            return entry;
        }

        @Override
        public void close() throws IOException {
            lease.close();
        }
    }

    /**
     * As {@link #extract(Path, String, Extractor)}, and keeps the entry from being pruned while the
     * caller uses it: a shared lock on the entry's lock file, which {@code cache prune} (an
     * exclusive try-lock) cannot take. Release it with {@link Held#close()} when the build ends.
     */
    public Held hold(Path packageFile, String sha256, Extractor extractor) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Held held = leased(extract(packageFile, sha256, extractor));
            if (held != null) {
                return held;
            }
        }
        throw new IOException("the cache entry of " + packageFile + " in " + root
                + " was removed five times while this build was starting to use it; is 'slipstream cache prune' running in a loop?");
    }

    /** The entry with a shared lock on it, or {@code null} when it was pruned between publishing and locking. */
    private Held leased(Entry e) throws IOException {
        Lease lease = Lease.acquire(root.resolve("locks").resolve(e.sha256() + ".lock"));
        if (Files.isDirectory(packages().resolve(e.sha256()))) {
            return new Held(e, lease);
        }
        lease.close();
        return null;
    }

    /**
     * A shared lock on an entry's lock file, counted per JVM: Java file locks belong to the
     * process, and one JVM may not lock the same file twice (several builds in one JVM share it).
     */
    private static final class Lease implements AutoCloseable {
        private static final Map<Path, Lease> HELD = new java.util.HashMap<>();

        private final Path lockFile;
        private final FileChannel channel;
        private final FileLock lock;
        private int users;

        private Lease(Path lockFile, FileChannel channel, FileLock lock) {
            this.lockFile = lockFile;
            this.channel = channel;
            this.lock = lock;
        }

        static Lease acquire(Path lockFile) throws IOException {
            synchronized (HELD) {
                Lease l = HELD.get(lockFile);
                if (l == null) {
                    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                    try {
                        l = new Lease(lockFile, ch, ch.lock(0, Long.MAX_VALUE, true));
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                    HELD.put(lockFile, l);
                }
                l.users++;
                return l;
            }
        }

        static boolean heldHere(Path lockFile) {
            synchronized (HELD) {
                return HELD.containsKey(lockFile);
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (HELD) {
                if (users == 0) {
                    return;
                }
                if (--users == 0) {
                    HELD.remove(lockFile);
                    try {
                        lock.release();
                    } finally {
                        channel.close();
                    }
                }
            }
        }
    }

    /** Whether this JVM holds the entry (prune must not try to lock it: the JVM already has). */
    static boolean heldInThisProcess(Path lockFile) {
        return Lease.heldHere(lockFile);
    }

    /** The package's extracted tree: from the cache, or extracted now and published. */
    public Entry extract(Path packageFile, Extractor extractor) throws IOException {
        return extract(packageFile, sha256(packageFile), extractor);
    }

    /** As {@link #extract(Path, Extractor)}, with the package's SHA-256 (lower-case hex) already computed by the caller. */
    public Entry extract(Path packageFile, String sha256, Extractor extractor) throws IOException {
        requireSha256(sha256);
        Entry hit = usable(sha256, packages().resolve(sha256));
        if (hit != null) {
            return hit;
        }
        return publish(packageFile, sha256, () -> extractToTemporary(packageFile, sha256.substring(0, 16) + "-", extractor));
    }

    /** A package's SHA-256 that may still be being computed (on another thread). */
    public interface PendingSha256 {
        boolean isDone();

        /** The SHA-256 in lower-case hex, waiting for it if need be. */
        String get() throws IOException;
    }

    /**
     * As {@link #hold(Path, String, Extractor)}, for a package whose SHA-256 may still be being
     * computed. A package hashed before and unchanged since is looked up by its remembered hash
     * ({@link KnownHashes}) without waiting; any other is extracted at once, while it is hashed,
     * and published under its hash when both are done. So a first build does not wait for the
     * whole service pack to be hashed before it starts decoding it.
     *
     * <p>Two processes extracting the same package file at once serialize on a lock named after
     * the file's identity, and the second then finds the first one's entry; copies of one
     * package under different names may each be extracted once, and the first one published is
     * the one every build uses.
     */
    public Held hold(Path packageFile, PendingSha256 sha256, Extractor extractor) throws IOException {
        Optional<String> known = knownNow(packageFile, sha256);
        if (known.isPresent()) {
            Held held = hold(packageFile, known.get(), extractor);
            knownHashes.remember(packageFile, known.get(), clock.instant());
            return held;
        }
        Optional<String> identity = KnownHashes.key(packageFile);
        if (identity.isEmpty()) {
            return hold(packageFile, sha256.get(), extractor);
        }
        Path lockFile = root.resolve("locks").resolve("file-" + identity.get() + ".lock");
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return hold(packageFile, sha256.get(), extractor); // a cache we may not write to: hits only
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        try (ch; FileLock lock = ch.lock()) {
            // Another build may have extracted this very file while we waited for the lock.
            known = knownNow(packageFile, sha256);
            if (known.isPresent() && usable(known.get(), packages().resolve(known.get())) != null) {
                knownHashes.remember(packageFile, known.get(), clock.instant());
                return hold(packageFile, known.get(), extractor);
            }
            Path filled = extractToTemporary(packageFile, "unhashed-", extractor);
            try {
                String sha = requireSha256(sha256.get());
                Entry e = usable(sha, packages().resolve(sha));
                if (e == null) {
                    e = publish(packageFile, sha, () -> filled);
                }
                knownHashes.remember(packageFile, sha, clock.instant());
                Held held = leased(e);
                return held != null ? held : hold(packageFile, sha, extractor);
            } finally {
                deleteEntryTree(filled); // gone already when it was published
            }
        } finally {
            local.unlock();
        }
    }

    /** The package's SHA-256 if it is known without waiting: computed already, or remembered ({@link KnownHashes}). */
    private Optional<String> knownNow(Path packageFile, PendingSha256 sha256) throws IOException {
        return sha256.isDone() ? Optional.of(sha256.get()) : knownHashes.lookup(packageFile);
    }

    /** Fills a new temporary entry folder: the extracted pack and the info file. Deleted again on failure. */
    private Path extractToTemporary(Path packageFile, String prefix, Extractor extractor) throws IOException {
        Path tmp = Files.createTempDirectory(root.resolve("tmp"), prefix);
        boolean done = false;
        try {
            int members = extractor.extract(packageFile, tmp.resolve(PACK));
            Properties info = new Properties();
            info.setProperty("package", packageFile.getFileName().toString());
            info.setProperty("size", Long.toString(Files.size(packageFile)));
            info.setProperty("members", Integer.toString(members));
            info.setProperty("created", Instant.now().toString());
            try (var w = Files.newBufferedWriter(tmp.resolve("info"), StandardCharsets.UTF_8)) {
                info.store(w, "slipstream package cache entry");
            }
            makeReadOnly(tmp);
            done = true;
            return tmp;
        } finally {
            if (!done) {
                deleteEntryTree(tmp);
            }
        }
    }

    /** Makes a filled temporary entry folder; the caller deletes it if it is not published. */
    @FunctionalInterface
    private interface Filler {
        Path fill() throws IOException;
    }

    /**
     * Publishes the entry {@code sha}, under its locks: a usable entry published meanwhile by
     * another thread or process wins (the filler is then never called); an unusable one (an
     * older layout, a damaged pack) makes way.
     */
    private Entry publish(Path packageFile, String sha, Filler filler) throws IOException {
        Path entry = packages().resolve(sha);
        Path lockFile = root.resolve("locks").resolve(sha + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        Entry hit = usable(sha, entry);
        if (hit != null) {
            // Another thread of this JVM published it while we waited (and may hold it already:
            // the file lock below would then overlap its shared one).
            local.unlock();
            return hit;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockExclusively(ch, entry)) {
            hit = usable(sha, entry);
            if (hit != null) {
                return hit; // another process published it while we waited
            }
            if (Files.exists(entry)) {
                // An older layout, or a damaged pack: nobody can use it, so it makes way (under
                // the lock, renamed first, so no build ever sees half of it).
                Path doomed = root.resolve("tmp").resolve("replaced-" + sha);
                deleteEntryTree(doomed);
                Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
                deleteEntryTree(doomed);
            }
            Path tmp = filler.fill();
            try {
                int members = Integer.parseInt(readInfo(tmp).getProperty("members"));
                try {
                    Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot publish the cache entry " + entry + ": " + e.getMessage()
                            + "; the cache folder must be on one file system", e);
                }
                tmp = null;
                return new Entry(sha, PackedTreeFileSystem.open(entry.resolve(PACK)), members, false);
            } finally {
                if (tmp != null) {
                    deleteEntryTree(tmp);
                }
            }
        } finally {
            local.unlock();
        }
    }

    private static Properties readInfo(Path entryFolder) throws IOException {
        Properties info = new Properties();
        try (var r = Files.newBufferedReader(entryFolder.resolve("info"), StandardCharsets.UTF_8)) {
            info.load(r);
        }
        return info;
    }

    /** The SHA-256 remembered for this package file, if it was hashed before and has not changed since. */
    public Optional<String> knownSha256(Path packageFile) {
        return knownHashes.lookup(packageFile);
    }

    /** Forgets the remembered hashes whose entry is gone (pruned), so that they do not pile up. */
    void forgetHashesOfMissingEntries() throws IOException {
        knownHashes.forgetMissing(packages());
    }

    /** {@code s}, when it is a SHA-256 in lower-case hex; else an {@link IllegalArgumentException}. */
    static String requireSha256(String s) {
        if (!isSha256(s)) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + s);
        }
        return s;
    }

    static boolean isSha256(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static FileLock lockExclusively(FileChannel ch, Path entry) throws IOException {
        try {
            return ch.lock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // This JVM holds the entry for a build, yet its folder is gone: removed by hand.
            throw new IOException("the cache entry " + entry + " disappeared while a build in this process uses it;"
                    + " do not delete cache folders by hand, use 'slipstream cache prune'", e);
        }
    }

    /** The published entry, or {@code null} when there is none or it cannot be used (an older layout, a damaged pack). */
    private static Entry usable(String sha, Path entry) throws IOException {
        Path pack = entry.resolve(PACK);
        if (!Files.isRegularFile(pack)) {
            return null;
        }
        Path tree;
        try {
            tree = PackedTreeFileSystem.open(pack);
        } catch (BadInputException damaged) {
            return null;
        }
        try {
            // Last use, for "cache prune --older-than": the entry folder's time, not its files'.
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a read-only shared cache still serves hits
        }
        return new Entry(sha, tree, PackedTreeFileSystem.members(tree), true);
    }

    private static void makeReadOnly(Path entry) throws IOException {
        try (var s = Files.walk(entry)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    p.toFile().setWritable(false, false);
                }
            }
        }
    }

    /** Deletes an entry's folder, making its read-only files writable first where the OS needs it. */
    static void deleteEntryTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                p.toFile().setWritable(true, true);
            }
        }
        Workspace.deleteTree(dir);
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
