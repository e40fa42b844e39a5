package dev.slipstream.core.iso;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    public Summary extract(IsoNamespace ns, Path destination) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        Files.createDirectories(dest);
        int files = 0;
        int dirs = 0;
        long bytes = 0;
        int boots = 0;
        List<String> skipped = new ArrayList<>();
        for (IsoEntry e : reader.entries(ns)) {
            Path target = inside(dest, e.path());
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
        if (bootImages) {
            Optional<ElToritoCatalog> cat = reader.bootCatalog();
            if (cat.isPresent()) {
                List<ElToritoCatalog.BootImage> images = cat.get().images();
                for (ElToritoCatalog.BootImage img : images) {
                    Path target = inside(dest, "[BOOT]/" + img.fileName(images.size()));
                    bytes += write(reader.bootImageContent(img), target, null);
                    boots++;
                }
            }
        }
        return new Summary(files, dirs, bytes, boots, List.copyOf(skipped));
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
        try (AtomicOutput out = AtomicOutput.create(target)) {
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
