package dev.slipstream.core.iso;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;

/**
 * Extracts an image's files into a directory, and its El Torito boot images as
 * {@code [BOOT]/Boot-NoEmul.img} (the names 7-Zip uses). Every target is checked to stay below
 * the destination; each file is written atomically, so an interrupted run leaves no half file.
 */
public final class IsoExtractor {

    /** What an extraction did. */
    public record Summary(int files, int directories, long bytes, int bootImages, List<String> skipped) {
    }

    private final IsoImageReader reader;
    private boolean overwrite;
    private boolean bootImages = true;
    private long maxOutput = Long.MAX_VALUE;

    public IsoExtractor(IsoImageReader reader) {
        this.reader = reader;
    }

    public IsoExtractor overwrite(boolean on) {
        this.overwrite = on;
        return this;
    }

    public IsoExtractor bootImages(boolean on) {
        this.bootImages = on;
        return this;
    }

    /**
     * Refuses, before anything is written, an extraction that would write more than {@code bytes}
     * (files and boot images, as declared by the image).
     */
    public IsoExtractor maxOutput(long bytes) {
        this.maxOutput = bytes;
        return this;
    }

    public Summary extract(IsoNamespace ns, Path destination) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        List<String> skipped = new ArrayList<>();
        Map<IsoEntry, String> plan = plan(reader.entries(ns), skipped);
        List<ElToritoCatalog.BootImage> bootList = bootImages
                ? reader.bootCatalog().map(ElToritoCatalog::images).orElse(List.of()) : List.of();
        long planned = 0;
        for (IsoEntry e : plan.keySet()) {
            if (e.isRegularFile()) {
                // Judges each declared size against the image (and a zisofs file's block table
                // against its stored bytes) before the first file is written.
                ContentSource c = reader.content(e);
                if (e.zisofs()) {
                    c.open().close();
                }
                planned += c.size();
            }
        }
        for (ElToritoCatalog.BootImage img : bootList) {
            planned += reader.bootImageContent(img).size();
        }
        if (planned > maxOutput) {
            throw BadInputException.in(reader.image().toString())
                    .hint("nothing was extracted; raise --max-output if the image is what you expect")
                    .problem("extracting would write %d bytes, more than the limit of %d (--max-output)", planned, maxOutput);
        }
        Files.createDirectories(dest);
        int files = 0;
        int dirs = 0;
        long bytes = 0;
        int boots = 0;
        for (Map.Entry<IsoEntry, String> planned1 : plan.entrySet()) {
            IsoEntry e = planned1.getKey();
            Path target = inside(dest, planned1.getValue());
            if (e.directory()) {
                Files.createDirectories(target);
                dirs++;
                continue;
            }
            if (!e.isRegularFile()) {
                skipped.add(e.path() + " (symbolic link to " + e.symlinkTarget() + ")");
                continue;
            }
            bytes += write(reader.content(e), target, e);
            files++;
        }
        for (ElToritoCatalog.BootImage img : bootList) {
            Path target = inside(dest, "[BOOT]/" + img.fileName(bootList.size()));
            bytes += write(reader.bootImageContent(img), target, null);
            boots++;
        }
        return new Summary(files, dirs, bytes, boots, List.copyOf(skipped));
    }

    /**
     * Where each entry goes, with names that differ only in case resolved the way Windows (the
     * media's consumer) would see them, identically on every host: directories that collide are
     * merged under the first spelling, and of files that collide the last one in the walk is
     * extracted, as sequential overwriting would leave it. Each collision is reported in
     * {@code notes}. A name that is a file in one spelling and a directory in another is an error,
     * raised before anything is written.
     */
    private static Map<IsoEntry, String> plan(List<IsoEntry> entries, List<String> notes) throws BadInputException {
        Map<String, String> dirSpelling = new HashMap<>();
        Map<String, IsoEntry> fileByKey = new LinkedHashMap<>();
        Map<IsoEntry, String> where = new LinkedHashMap<>();
        for (IsoEntry e : entries) {
            String path = e.path();
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? "" : path.substring(0, slash);
            String canonical = slash < 0 ? path
                    : dirSpelling.getOrDefault(parent.toLowerCase(Locale.ROOT), parent) + path.substring(slash);
            String key = canonical.toLowerCase(Locale.ROOT);
            if (e.directory()) {
                String first = dirSpelling.putIfAbsent(key, canonical);
                if (first != null) {
                    if (!first.equals(canonical)) {
                        notes.add("directory name " + path + " (same name ignoring case as " + first
                                + "; their contents are merged there)");
                    }
                    continue;
                }
                where.put(e, canonical);
            } else {
                IsoEntry earlier = fileByKey.put(key, e);
                if (earlier != null) {
                    where.remove(earlier);
                    notes.add(earlier.path() + " (same name ignoring case as " + path + ", which is extracted instead)");
                }
                where.put(e, canonical);
            }
        }
        for (String key : fileByKey.keySet()) {
            if (dirSpelling.containsKey(key)) {
                throw BadInputException.in(fileByKey.get(key).path())
                        .hint("nothing was extracted; on Windows a file and a directory cannot share a name")
                        .problem("the image has a file and a directory whose names differ only in case (%s)", dirSpelling.get(key));
            }
        }
        return where;
    }

    private static Path inside(Path dest, String mediaPath) throws BadInputException {
        Path p = dest.resolve(mediaPath).normalize();
        if (!p.startsWith(dest) || p.equals(dest)) {
            throw BadInputException.in(mediaPath).hint("the image is hostile or corrupt; nothing outside the destination was written")
                    .problem("the name would be extracted outside " + dest);
        }
        return p;
    }

    private long write(ContentSource content, Path target, IsoEntry e) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "already exists; extract into an empty directory or pass --overwrite");
        }
        Files.createDirectories(target.getParent());
        long n;
        try (AtomicOutput out = AtomicOutput.create(target, AtomicOutput.Durability.NO_SYNC)) {
            n = content.transferTo(out.channel());
            if (n != content.size()) {
                throw BadInputException.in(content.describe()).problem("delivered %d bytes, expected %d", n, content.size());
            }
            out.commit();
        }
        if (e != null && e.date() != null) {
            Files.setLastModifiedTime(target, FileTime.from(e.date()));
        }
        return n;
    }
}
