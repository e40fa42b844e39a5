package dev.slipstream.core.engine;

import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.io.TempOwnership;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a staged tree out as a plain folder ({@code --out-tree}), e.g. for winnt32 installs from
 * a share. Atomic: the tree is built in a hidden folder beside the target and renamed into place
 * only when complete; on failure the hidden folder is deleted and an existing target is left as
 * it was.
 *
 * <p>Files that come whole from a file on the same file system are hard-linked when
 * {@code hardLinks} is set (so a 600 MB tree costs almost nothing); everything else is copied.
 * Hard-linked files share their bytes with the base media: edit the result by replacing files,
 * never in place.
 */
public final class TreeMaterializer {

    private final boolean hardLinks;

    public TreeMaterializer(boolean hardLinks) {
        this.hardLinks = hardLinks;
    }

    /** @return how many files were hard-linked rather than copied */
    public int materialize(StagedTree tree, Path target, StepReporter reporter) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        if (Files.exists(abs) && !isEmptyDirectory(abs)) {
            throw new FileAlreadyExistsException(abs.toString(), null,
                    "already exists and is not empty; remove it or choose another --out-tree");
        }
        Path temp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".slipstream-tmp-");
        boolean done = false;
        int linked = 0;
        TempOwnership ownership = TempOwnership.claimFolder(temp);
        try {
            for (StagedFile f : tree.files()) {
                Path dest = temp.resolve(f.path().path());
                Files.createDirectories(dest.getParent());
                if (hardLinks && tryLink(f.source(), dest)) {
                    linked++;
                    reporter.advance(f.source().size());
                    continue;
                }
                writeNew(f.source(), dest);
                reporter.advance(f.source().size());
            }
            // The owner file must not reach the result; the folder's fresh mtime covers the gap.
            ownership.close();
            Files.delete(temp.resolve(TempOwnership.OWNER_FILE));
            OutputPermissions.publish(temp);
            if (Files.exists(abs)) {
                Files.delete(abs); // the empty folder the user prepared
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs);
            }
            done = true;
            return linked;
        } finally {
            if (!done) {
                ownership.close();
                Workspace.deleteTree(temp);
            }
        }
    }

    private static boolean tryLink(ContentSource source, Path dest) {
        try {
            Path whole = wholeFile(source);
            if (whole == null || whole.getFileSystem() != dest.getFileSystem()) {
                return false; // e.g. a member of a packed tree: only its bytes can be copied
            }
            Files.createLink(dest, whole);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // another file system, or links not allowed: copy instead
        }
    }

    /** The file that holds exactly the source's bytes, or {@code null} when the source is part of a file or no file. */
    static Path wholeFile(ContentSource source) throws IOException {
        if (source instanceof ContentSource.FileRegion r && r.offset() == 0 && r.size() == Files.size(r.file())) {
            return r.file();
        }
        return null;
    }

    /** Writes the source's bytes into the new file {@code dest}; a source that delivers another size is an error. */
    static void writeNew(ContentSource source, Path dest) throws IOException {
        long want = source.size();
        try (FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long n = source.transferTo(out);
            if (n != want) {
                throw new IOException(source.describe() + ": delivered " + n + " bytes, expected " + want
                        + "; the file changed while the build ran");
            }
        }
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
