package dev.slipstream.core.cab;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
                List<Path> files;
                try (Stream<Path> walk = Files.walk(p, FileVisitOption.FOLLOW_LINKS)) {
                    files = walk.filter(Files::isRegularFile).toList();
                }
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
        return out;
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
