package dev.slipstream.core.engine;

import dev.slipstream.core.engine.StagedFile.Origin;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.iso.BootEntry;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.iso.ElToritoCatalog;
import dev.slipstream.core.iso.IsoConstants;
import dev.slipstream.core.iso.IsoEntry;
import dev.slipstream.core.iso.IsoImageReader;
import dev.slipstream.core.iso.IsoVolumeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The base media as a build reads them: every file as a content source (a file of the folder or a
 * region of the ISO, never copied), the boot image and the volume fields the result inherits.
 *
 * <p>A folder base is what 7-Zip or a mounted CD gives; 7-Zip's {@code [BOOT]/Boot-NoEmul.img}
 * is taken as the boot image and is not a file of the media.
 *
 * @param bootImage the no-emulation boot image, when the base has one
 * @param bootEntry the El Torito entry of an ISO base (platform, load segment, sector count)
 * @param volume the primary volume descriptor fields of an ISO base
 */
public record BaseMedia(Path location, boolean iso, List<StagedFile> files, Optional<ContentSource> bootImage,
        Optional<ElToritoCatalog.BootImage> bootEntry, Optional<IsoVolumeInfo> volume) {

    static final String SEVEN_ZIP_BOOT_FOLDER = "[BOOT]";

    public static BaseMedia open(Path location) throws IOException {
        if (!Files.exists(location)) {
            throw new NoSuchFileException(location.toString());
        }
        if (Files.isDirectory(location)) {
            return openFolder(location);
        }
        return openIso(location);
    }

    private static BaseMedia openFolder(Path root) throws IOException {
        List<StagedFile> files = new ArrayList<>();
        Optional<ContentSource> boot = Optional.empty();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(SEVEN_ZIP_BOOT_FOLDER + "/")) {
                    if (rel.toLowerCase(Locale.ROOT).endsWith(".img") && boot.isEmpty()) {
                        boot = Optional.of(ContentSource.ofFile(p));
                    }
                    continue;
                }
                files.add(new StagedFile(MediaPath.of(rel), ContentSource.ofFile(p), Origin.BASE));
            }
        }
        return new BaseMedia(root, false, files, boot, Optional.empty(), Optional.empty());
    }

    private static BaseMedia openIso(Path image) throws IOException {
        try (IsoImageReader r = IsoImageReader.open(image)) {
            List<StagedFile> files = new ArrayList<>();
            for (IsoEntry e : r.entries()) {
                if (e.isRegularFile()) {
                    files.add(new StagedFile(MediaPath.of(e.path()), r.content(e), Origin.BASE));
                }
            }
            Optional<ContentSource> boot = Optional.empty();
            Optional<ElToritoCatalog.BootImage> entry = Optional.empty();
            Optional<ElToritoCatalog> cat = r.bootCatalog();
            if (cat.isPresent() && !cat.get().images().isEmpty()) {
                ElToritoCatalog.BootImage img = cat.get().images().get(0);
                boot = Optional.of(r.bootImageContent(img));
                entry = Optional.of(img);
            }
            if (files.isEmpty()) {
                throw BadInputException.in(image).hint("give the Windows Server 2003 CD image or a folder copied from it")
                        .problem("the ISO image holds no files");
            }
            return new BaseMedia(image, true, files, boot, entry, Optional.of(r.volumeInfo()));
        }
    }

    /**
     * The El Torito entry the result gets: the base's platform, emulation, load segment and sector
     * count over {@code image}, or NT5's x86 no-emulation defaults when the base had none.
     */
    public static BootEntry bootEntryFor(Optional<ElToritoCatalog.BootImage> base, ContentSource image) {
        if (base.isPresent()) {
            ElToritoCatalog.BootImage b = base.get();
            return new BootEntry(b.platform(), b.emulation(), b.loadSegment(), b.sectorCount(), null, image, false);
        }
        return new BootEntry(IsoConstants.PLATFORM_X86, IsoConstants.EMULATION_NONE, 0, -1, null, image, false);
    }
}
