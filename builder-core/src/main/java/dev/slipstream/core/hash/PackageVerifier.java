package dev.slipstream.core.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Checks files against a {@link PackageCatalog}, the way a build engineer checks a download
 * against the figures on the download page.
 *
 * <ul>
 *   <li>An entry with the file's name (case-insensitive) exists: the file matches when its size
 *       and every hash that entry gives agree; otherwise it is a mismatch against the closest
 *       entry of that name, listing each figure that differs.</li>
 *   <li>No entry has the name, but one has the same size and hashes: a match by content, reported
 *       as such (a renamed download is still the right package).</li>
 *   <li>Otherwise the file is unknown. A file whose size no entry has is not even read.</li>
 * </ul>
 */
public final class PackageVerifier {

    private final PackageCatalog catalog;
    private final FileHasher hasher;

    public PackageVerifier(PackageCatalog catalog) {
        this(catalog, new FileHasher(EnumSet.allOf(HashAlgorithm.class)));
    }

    PackageVerifier(PackageCatalog catalog, FileHasher hasher) {
        this.catalog = catalog;
        this.hasher = hasher;
    }

    public Verdict verify(Path file) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size = Files.size(file);
        List<CatalogEntry> named = catalog.byName(name);
        List<CatalogEntry> sameSize = new ArrayList<>();
        for (CatalogEntry e : catalog.bySize(size)) {
            if (!e.name().equalsIgnoreCase(name)) {
                sameSize.add(e);
            }
        }
        if (named.isEmpty() && sameSize.isEmpty()) {
            return new Verdict(file.toString(), Verdict.Status.UNKNOWN, null, false, null, List.of(),
                    "no catalog entry has this name or size");
        }

        HashResult actual = hasher.hash(file);
        CatalogEntry contentTwin = null;
        for (CatalogEntry e : sameSize) {
            if (differences(e, actual).isEmpty()) {
                contentTwin = e;
                break;
            }
        }
        if (named.isEmpty()) {
            if (contentTwin != null) {
                return new Verdict(file.toString(), Verdict.Status.MATCH, contentTwin, true, actual, List.of(),
                        "the content is that of " + contentTwin.name() + " (" + contentTwin.origin()
                                + ") under another file name");
            }
            return new Verdict(file.toString(), Verdict.Status.UNKNOWN, null, false, actual, List.of(),
                    "no catalog entry has this name; " + sameSize.size() + " with the same size differ in content");
        }

        CatalogEntry closest = null;
        List<Verdict.Difference> closestDiffs = null;
        for (CatalogEntry e : named) {
            List<Verdict.Difference> d = differences(e, actual);
            if (d.isEmpty()) {
                return new Verdict(file.toString(), Verdict.Status.MATCH, e, false, actual, List.of(), null);
            }
            if (closestDiffs == null || d.size() < closestDiffs.size()) {
                closest = e;
                closestDiffs = d;
            }
        }
        String note = null;
        if (contentTwin != null) {
            note = "its content is that of " + contentTwin.name() + " (" + contentTwin.origin()
                    + "): the file may have been renamed";
        } else if (closestDiffs.size() == 1 + closest.hashes().size()) {
            note = "nothing agrees; this is probably another package or a different language or architecture";
        } else if (closestDiffs.get(0).field().equals("size")) {
            note = size < closest.size() ? "the file is shorter than published: an interrupted download?"
                    : "the file is longer than published";
        } else {
            note = "same size but different content: a corrupted download, or a different release of the package";
        }
        return new Verdict(file.toString(), Verdict.Status.MISMATCH, closest, false, actual, closestDiffs, note);
    }

    /** The figures of {@code actual} that differ from what {@code entry} publishes, size first. */
    static List<Verdict.Difference> differences(CatalogEntry entry, HashResult actual) {
        List<Verdict.Difference> out = new ArrayList<>();
        if (entry.size() != actual.size()) {
            out.add(new Verdict.Difference("size", Long.toString(entry.size()), Long.toString(actual.size())));
        }
        entry.hashes().entrySet().stream()
                .sorted(Comparator.comparing(java.util.Map.Entry::getKey))
                .forEach(h -> {
                    String got = actual.hex(h.getKey());
                    if (!h.getValue().equalsIgnoreCase(got)) {
                        out.add(new Verdict.Difference(h.getKey().displayName(), h.getValue(), got));
                    }
                });
        return out;
    }
}
