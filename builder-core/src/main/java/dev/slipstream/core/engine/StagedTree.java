package dev.slipstream.core.engine;

import dev.slipstream.core.iso.ContentSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The media a build produces, without copying the base: a map from each media path to the source
 * of its bytes, as an overlay of changes on top of the base files. The ISO writer and the tree
 * materialiser stream straight from these sources, so a build reads each input once and writes
 * its output once, and the base is untouched by construction.
 *
 * <p>Paths compare case-insensitively, as setup sees them. A change to an existing file keeps
 * the base's spelling of its name. Changes may come from several threads (architectures are
 * applied in parallel), so mutators are synchronized.
 */
public final class StagedTree {

    private final Map<String, StagedFile> base;
    /** Overlay: a file that replaces or adds, or {@code null} for a removal. */
    private final TreeMap<String, StagedFile> overlay = new TreeMap<>();
    private final TreeMap<String, MediaPath> removed = new TreeMap<>();
    /**
     * The result as {@link #files()} returns it, and its files by case-folded folder: built on
     * first use after a change. Probing, planning, checking and mastering each ask for them,
     * several times per folder, and rebuilding 5,000 entries per question cost the probe
     * tens of milliseconds while the JVM was still cold.
     */
    private List<StagedFile> view;
    private Map<String, List<StagedFile>> viewByFolder;

    private StagedTree(Map<String, StagedFile> base) {
        this.base = base;
    }

    /** A tree whose base is {@code files}; a name that occurs twice (in any case) is an error. */
    public static StagedTree over(Collection<StagedFile> files) {
        TreeMap<String, StagedFile> m = new TreeMap<>();
        for (StagedFile f : files) {
            StagedFile prev = m.put(f.path().key(), f);
            if (prev != null) {
                throw new IllegalArgumentException("the base media hold two files that setup cannot tell apart: "
                        + prev.path() + " and " + f.path());
            }
        }
        return new StagedTree(Collections.unmodifiableMap(m));
    }

    public synchronized Optional<StagedFile> get(MediaPath path) {
        String k = path.key();
        if (removed.containsKey(k)) {
            return Optional.empty();
        }
        StagedFile o = overlay.get(k);
        return Optional.ofNullable(o != null ? o : base.get(k));
    }

    public boolean exists(MediaPath path) {
        return get(path).isPresent();
    }

    /** The base file at {@code path}, ignoring any change made by this build. */
    public Optional<StagedFile> baseFile(MediaPath path) {
        return Optional.ofNullable(base.get(path.key()));
    }

    /**
     * Replaces or adds the file at {@code path}. When a file of that name exists (in any case) its
     * spelling is kept, because the INF files and the ISO directory refer to it by that spelling.
     */
    public synchronized void put(MediaPath path, ContentSource source, StagedFile.Origin origin) {
        String k = path.key();
        MediaPath spelled = path;
        StagedFile existing = overlay.containsKey(k) ? overlay.get(k) : base.get(k);
        if (existing != null) {
            spelled = existing.path();
        }
        removed.remove(k);
        overlay.put(k, new StagedFile(spelled, source, origin));
        changed();
    }

    /** Removes the file at {@code path} from the result; a no-op when there is none. */
    public synchronized void remove(MediaPath path) {
        String k = path.key();
        overlay.remove(k);
        if (base.containsKey(k)) {
            removed.put(k, base.get(k).path());
        }
        changed();
    }

    private void changed() {
        view = null;
        viewByFolder = null;
    }

    /** Every file of the result, ordered by case-folded path. */
    public synchronized List<StagedFile> files() {
        if (view == null) {
            TreeMap<String, StagedFile> all = new TreeMap<>(base);
            removed.keySet().forEach(all::remove);
            all.putAll(overlay);
            view = List.copyOf(all.values());
        }
        return view;
    }

    /**
     * The files directly in {@code folder} ("" for the root; {@code \} or {@code /} separators),
     * compared case-insensitively as {@link MediaPath#key()} compares paths, ordered by path.
     */
    public synchronized List<StagedFile> filesIn(String folder) {
        if (viewByFolder == null) {
            Map<String, List<StagedFile>> m = new HashMap<>();
            for (StagedFile f : files()) {
                m.computeIfAbsent(f.path().folderKey(), x -> new ArrayList<>()).add(f);
            }
            m.replaceAll((k, l) -> List.copyOf(l));
            viewByFolder = m;
        }
        return viewByFolder.getOrDefault(MediaPath.folderKey(folder), List.of());
    }

    /** What this build changed: replacements and additions, each with its origin, ordered by path. */
    public synchronized List<Change> changes() {
        List<Change> out = new ArrayList<>();
        TreeMap<String, Change> sorted = new TreeMap<>();
        overlay.forEach((k, f) -> sorted.put(k, new Change(base.containsKey(k) ? Change.Kind.REPLACE : Change.Kind.ADD, f.path(), f)));
        removed.forEach((k, p) -> sorted.put(k, new Change(Change.Kind.REMOVE, p, null)));
        out.addAll(sorted.values());
        return out;
    }

    public int baseFileCount() {
        return base.size();
    }

    /** The number of bytes of the result: what the ISO writer or the materialiser will write. */
    public long totalBytes() throws IOException {
        long total = 0;
        for (StagedFile f : files()) {
            total += f.source().size();
        }
        return total;
    }

    /**
     * One difference between the result and the base.
     *
     * @param file the new file, or {@code null} for a removal
     */
    public record Change(Kind kind, MediaPath path, StagedFile file) {
        public enum Kind { REPLACE, ADD, REMOVE }
    }
}
