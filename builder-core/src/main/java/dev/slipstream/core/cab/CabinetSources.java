package dev.slipstream.core.cab;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns command-line paths into cabinet members: a file becomes a member named after it; a
 * directory adds every file below it, named by its path relative to that directory with
 * {@code \} separators. Members come in argument order, each directory's files sorted by name
 * (ordinal), so the cabinet does not depend on the order the file system lists them in.
 */
public final class CabinetSources {

    private CabinetSources() {
    }

    public static List<CabinetWriter.Entry> collect(List<Path> paths) throws IOException {
        List<CabinetWriter.Entry> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files = new ArrayList<>();
                Path realRoot = p.toRealPath();
                // Links are followed, but each directory and file is checked before it is entered
                // or taken, so no link leads out of the tree (nor into a loop through an ancestor).
                Files.walkFileTree(p, java.util.EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new java.nio.file.SimpleFileVisitor<>() {
                            @Override
                            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a)
                                    throws IOException {
                                requireInside(realRoot, d);
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }

                            @Override
                            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
                                    throws IOException {
                                requireInside(realRoot, f);
                                if (a.isRegularFile()) {
                                    files.add(f);
                                }
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }
                        });
                List<String[]> named = new ArrayList<>();
                for (Path f : files) {
                    named.add(new String[] {memberName(p.relativize(f)), f.toString()});
                }
                named.sort(Comparator.comparing(a -> a[0]));
                for (String[] n : named) {
                    out.add(CabinetWriter.Entry.ofFile(Path.of(n[1]), n[0]));
                }
            } else if (Files.isRegularFile(p)) {
                out.add(CabinetWriter.Entry.ofFile(p, p.getFileName().toString()));
            } else if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString());
            } else {
                throw new java.nio.file.FileSystemException(p.toString(), null, "is neither a file nor a directory");
            }
        }
        Map<String, CabinetWriter.Entry> byFoldedName = new HashMap<>();
        for (CabinetWriter.Entry e : out) {
            CabinetWriter.Entry other = byFoldedName.putIfAbsent(e.name().toLowerCase(Locale.ROOT), e);
            if (other != null) {
                throw BadInputException.in(e.origin())
                        .hint("rename one of them; extracted on Windows, one would overwrite the other")
                        .problem("member name \"%s\" equals \"%s\" (from %s) ignoring case", e.name(), other.name(), other.origin());
            }
        }
        return out;
    }

    /** Links are followed only while they stay inside the directory given on the command line. */
    private static void requireInside(Path realRoot, Path file) throws IOException {
        Path real = file.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw BadInputException.in(file.toString())
                    .hint("copy the file into the directory, or point the link inside it")
                    .problem("reached through a symbolic link to %s, outside %s; links are never followed out of the tree",
                            real, realRoot);
        }
    }

    private static String memberName(Path relative) {
        StringBuilder sb = new StringBuilder();
        for (Path part : relative) {
            if (sb.length() > 0) {
                sb.append('\\');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }
}
