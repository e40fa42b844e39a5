package dev.slipstream.cli;

import dev.slipstream.core.io.SourceDateEpoch;
import dev.slipstream.core.iso.BootEntry;
import dev.slipstream.core.iso.ElToritoCatalog;
import dev.slipstream.core.iso.IsoConstants;
import dev.slipstream.core.iso.IsoEntry;
import dev.slipstream.core.iso.IsoExtractor;
import dev.slipstream.core.iso.IsoImageReader;
import dev.slipstream.core.iso.IsoImageWriter;
import dev.slipstream.core.iso.IsoNameLevel;
import dev.slipstream.core.iso.IsoNamespace;
import dev.slipstream.core.iso.IsoTree;
import dev.slipstream.core.iso.IsoVolumeInfo;
import dev.slipstream.core.iso.IsoWriteOptions;
import dev.slipstream.core.json.JsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream iso}: master, list, inspect and extract ISO-9660 images. */
@Command(name = "iso", header = "Master and read ISO-9660 CD images (Joliet, El Torito).",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Master and read ISO-9660 CD images (Joliet, El Torito), without mounting anything.",
        footer = {"", "Examples:",
            "  slipstream iso create -o W2K3SP2.iso -V CR0SP2_CN --boot-from original.iso tree/",
            "  slipstream iso list original.iso",
            "  slipstream iso info original.iso",
            "  slipstream iso extract original.iso -d tree/"})
public final class IsoCommand implements Runnable {

    /** Its subcommands, in the order help lists them; registered by {@link Slipstream#commandLine}. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(Create.class, ListCmd.class, Info.class, Extract.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: create, list, info or extract");
    }

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static String date(Instant t) {
        return t == null ? "" : SHOWN.format(t);
    }

    /** Dates as "2007-03-08 04:00:00" (UTC), ISO-8601 with offset, or "@SECONDS". */
    static final class DateConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String v) {
            try {
                if (v.startsWith("@")) {
                    return Instant.ofEpochSecond(Long.parseLong(v.substring(1)));
                }
                if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                    return OffsetDateTime.parse(v.replace(' ', 'T')).toInstant();
                }
                return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + v
                        + "' is not a date; use e.g. '2007-03-08 04:00:00' (UTC), 2007-03-08T04:00:00+01:00 or @1173326400");
            }
        }
    }

    // -------------------------------------------------------------------------------------------

    @Command(name = "create", header = "Master a bootable ISO-9660 image from a directory, reproducibly.", sortOptions = false, usageHelpAutoWidth = true,
            description = {"Master a bootable ISO-9660 image from a directory, reproducibly.",
                "ISO names are level 2 (31 characters) without ';1' unless told otherwise; Joliet carries the "
                    + "long names; identical files are stored once. Dates come from the options, --like, "
                    + "SOURCE_DATE_EPOCH or the clock, in that order; every file carries the volume modification "
                    + "date. Name rules: docs/iso-names.md.", ""},
            footer = {"", "Examples:",
                "  # Windows Server 2003 CD: fields and boot sector of the original:",
                "  slipstream iso create -o out.iso --like original.iso --boot-from original.iso tree/",
                "  # a boot sector file of the tree (segment 0x07C0, 4 sectors):",
                "  slipstream iso create -o out.iso -V CR0SP2_CN -b I386/ETFSBOOT.COM tree/",
                "  # ISOLINUX, with the boot info table and a visible catalog:",
                "  slipstream iso create -o live.iso -b isolinux/isolinux.bin --boot-info-table \\",
                "      --boot-catalog isolinux/boot.cat tree/",
                "  # Itanium: an EFI floppy image as a second boot entry:",
                "  slipstream iso create -o ia64.iso -b boot.bin --efi-boot efisys.bin tree/"})
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The directory whose contents become the image's root.")
        Path dir;

        // -V is the volume id here, as in mkisofs and xorriso, so no standard -V/--version.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.iso", description = "The image to write (atomically).")
        Path output;

        @Option(names = "--like", paramLabel = "SRC.iso",
                description = "Copy the volume fields and dates of SRC.iso's primary volume descriptor (options below override them).")
        Path like;

        @Option(names = {"-V", "--volume-id"}, paramLabel = "ID", description = "Volume id (up to 32 characters; Joliet shows the first 16). Default: CDROM.")
        String volumeId;

        @Option(names = "--system-id", paramLabel = "ID", description = "System id (up to 32 characters).")
        String systemId;

        @Option(names = "--volume-set-id", paramLabel = "ID", description = "Volume set id (up to 128 characters).")
        String volumeSetId;

        @Option(names = "--publisher", paramLabel = "TEXT", description = "Publisher id (up to 128 characters).")
        String publisher;

        @Option(names = "--preparer", paramLabel = "TEXT", description = "Data preparer id (up to 128 characters).")
        String preparer;

        @Option(names = "--application", paramLabel = "TEXT", description = "Application id (up to 128 characters).")
        String application;

        @Option(names = "--created", paramLabel = "DATE", converter = DateConverter.class,
                description = "Volume creation date, e.g. '2007-03-08 04:00:00' (UTC) or @SECONDS.")
        Instant created;

        @Option(names = "--modified", paramLabel = "DATE", converter = DateConverter.class,
                description = "Volume modification date (default: the creation date).")
        Instant modified;

        @Option(names = "--names", paramLabel = "LEVEL", defaultValue = "level2",
                description = "ISO-9660 names: level1 (8.3), level2 (31 characters, default) or relaxed (any printable ASCII but lower case and / \\ ; * ? : \" < > |).")
        String names;

        @Option(names = "--version-suffix", description = "Append ';1' to file names. NT5's CD boot sector then cannot find SETUPLDR.BIN.")
        boolean versionSuffix;

        @Option(names = "--no-joliet", description = "Write no Joliet tree (only short ISO-9660 names).")
        boolean noJoliet;

        @Option(names = "--joliet-long", description = "Allow Joliet names of up to 103 characters instead of 64.")
        boolean jolietLong;

        @Option(names = "--no-dedup", description = "Store identical files once each instead of once for all.")
        boolean noDedup;

        @Option(names = {"-b", "--boot"}, paramLabel = "PATH", description = "Boot image (a file of DIR, path relative to it): x86, no emulation.")
        String boot;

        @Option(names = "--boot-from", paramLabel = "SRC.iso",
                description = "Take the default boot image, load segment and sector count from SRC.iso's boot catalog (hidden in the new image).")
        Path bootFrom;

        @Option(names = "--boot-load-segment", paramLabel = "SEG", converter = IntConverter.class,
                description = "Load segment (default 0, meaning 0x07C0); decimal or 0x hex.")
        Integer loadSegment;

        @Option(names = "--boot-load-size", paramLabel = "SECTORS", converter = IntConverter.class,
                description = "512-byte sectors the BIOS loads (default 4).")
        Integer loadSize;

        @Option(names = "--boot-info-table", description = "Patch the 56-byte boot info table into the boot image (ISOLINUX needs it).")
        boolean bootInfoTable;

        @Option(names = "--boot-catalog", paramLabel = "PATH", description = "Show the boot catalog as this file (default: hidden, as CDIMAGE does).")
        String bootCatalog;

        @Option(names = "--boot-id", paramLabel = "TEXT", description = "Manufacturer id in the catalog's validation entry (up to 24 characters).")
        String bootId;

        @Option(names = "--efi-boot", paramLabel = "PATH", description = "Add a section entry for platform 0xEF (EFI) with this image of DIR (e.g. a FAT floppy image).")
        List<String> efiBoot;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Instant now = SourceDateEpoch.orElse(Instant.now());
            IsoVolumeInfo v = IsoVolumeInfo.defaults(now);
            if (like != null) {
                try (IsoImageReader r = IsoImageReader.open(like)) {
                    v = r.volumeInfo();
                }
            }
            v = new IsoVolumeInfo(or(systemId, v.systemId()), or(volumeId, v.volumeId()), or(volumeSetId, v.volumeSetId()),
                    or(publisher, v.publisherId()), or(preparer, v.preparerId()), or(application, v.applicationId()),
                    v.copyrightFileId(), v.abstractFileId(), v.bibliographicFileId(),
                    created != null ? created : v.created(),
                    modified != null ? modified : created != null ? created : v.modified(), v.expires(), v.effective());
            IsoNameLevel level = switch (names.toLowerCase(java.util.Locale.ROOT)) {
                case "level1", "1" -> IsoNameLevel.LEVEL1;
                case "level2", "2" -> IsoNameLevel.LEVEL2;
                case "relaxed" -> IsoNameLevel.RELAXED;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--names must be level1, level2 or relaxed, not '" + names + "'");
            };
            // One date for every directory record: the volume's modification date, so that --created,
            // --like and SOURCE_DATE_EPOCH each make the whole image reproducible.
            IsoWriteOptions o = IsoWriteOptions.defaults(now).volume(v).fileDate(v.modified() != null ? v.modified() : now).nameLevel(level).versionSuffix(versionSuffix)
                    .joliet(!noJoliet).deduplicate(!noDedup);
            if (jolietLong) {
                o.jolietMaxLength(IsoWriteOptions.JOLIET_MAX_LONG);
            }
            if (boot != null && bootFrom != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either --boot or --boot-from, not both");
            }
            BootEntry be = null;
            if (boot != null) {
                be = BootEntry.x86NoEmulation(boot);
            } else if (bootFrom != null) {
                try (IsoImageReader r = IsoImageReader.open(bootFrom)) {
                    be = BootEntry.fromImage(r);
                }
            }
            if (be == null && (loadSegment != null || loadSize != null || bootInfoTable || bootCatalog != null || efiBoot != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "boot options need a boot image: --boot or --boot-from");
            }
            if (be != null) {
                if (loadSegment != null) {
                    be = be.withLoadSegment(loadSegment);
                }
                if (loadSize != null) {
                    be = be.withSectorCount(loadSize);
                }
                o.addBootEntry(be.withBootInfoTable(bootInfoTable));
                for (String efi : efiBoot == null ? List.<String>of() : efiBoot) {
                    o.addBootEntry(new BootEntry(IsoConstants.PLATFORM_EFI, IsoConstants.EMULATION_NONE, 0, -1, efi, null, false));
                }
                o.bootCatalogPath(bootCatalog);
                if (bootId != null) {
                    o.bootCatalogId(bootId);
                }
            }
            IsoTree tree = IsoTree.fromDirectory(dir);
            IsoImageWriter.Result r = new IsoImageWriter(o).write(tree, output);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonWriter w = new JsonWriter(out);
                w.beginObject().name("image").value(output.toString()).name("bytes").value(r.bytes())
                        .name("sectors").value(r.sectors()).name("files").value(r.files())
                        .name("directories").value(r.directories()).name("duplicateFiles").value(r.duplicateFiles())
                        .name("duplicateBytes").value(r.duplicateBytes()).name("bootImages").beginArray();
                for (Map.Entry<String, Long> b : r.bootImageLbas().entrySet()) {
                    w.beginObject().name("image").value(b.getKey()).name("lba").value(b.getValue()).endObject();
                }
                w.endArray().endObject();
                w.finish();
                out.println();
            } else {
                out.printf("%s: %d bytes, %d files, %d folders; %d duplicate file(s) (%d bytes) stored once%n",
                        output, r.bytes(), r.files(), r.directories(), r.duplicateFiles(), r.duplicateBytes());
                for (Map.Entry<String, Long> b : r.bootImageLbas().entrySet()) {
                    out.printf("boot image %s at sector %d%n", b.getKey(), b.getValue());
                }
            }
            return ExitCode.OK;
        }

        private static String or(String a, String b) {
            return a != null ? a : b;
        }
    }

    static final class IntConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            try {
                return v.toLowerCase(java.util.Locale.ROOT).startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a number (decimal or 0x hex)");
            }
        }
    }

    static IsoNamespace namespace(String s, IsoImageReader r, CommandLine cl) {
        if (s == null) {
            return r.defaultNamespace();
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "iso", "iso9660" -> IsoNamespace.ISO9660;
            case "joliet" -> IsoNamespace.JOLIET;
            case "rockridge", "rr" -> IsoNamespace.ROCK_RIDGE;
            default -> throw new CommandLine.ParameterException(cl, "--namespace must be iso, joliet or rockridge");
        };
    }

    // -------------------------------------------------------------------------------------------

    @Command(name = "list", header = "List an image's files and folders like 7-Zip does.", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"List an image like 7-Zip does: the volume fields, then every file and folder, then totals. "
                + "The El Torito boot images appear as [BOOT]/Boot-NoEmul.img, as 7-Zip shows them.", ""},
            footer = {"", "Examples:", "  slipstream iso list original.iso",
                "  slipstream iso list --slt original.iso      # one block per item, with its sector (LBA)",
                "  slipstream iso list --namespace iso original.iso"})
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IMG")
        Path image;

        @Option(names = "--slt", description = "Technical listing: one 'Key = value' block per item.")
        boolean slt;

        @Option(names = "--namespace", paramLabel = "NS", description = "iso, joliet or rockridge (default: rockridge, else joliet, else iso).")
        String namespace;

        @Option(names = "--json", description = "Print the listing as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (IsoImageReader r = IsoImageReader.open(image)) {
                IsoNamespace ns = namespace(namespace, r, spec.commandLine());
                List<IsoEntry> entries = r.entries(ns);
                IsoVolumeInfo v = r.volumeInfo();
                Optional<ElToritoCatalog> cat = r.bootCatalog();
                List<ElToritoCatalog.BootImage> boots = cat.map(ElToritoCatalog::images).orElse(List.of());
                if (json) {
                    JsonWriter w = new JsonWriter(out);
                    w.beginObject().name("path").value(image.toString()).name("physicalSize").value(r.imageSize())
                            .name("namespace").value(ns.name());
                    volumeJson(w, v);
                    w.name("items").beginArray();
                    for (IsoEntry e : entries) {
                        w.beginObject().name("path").value(e.path()).name("folder").value(e.directory())
                                .name("size").value(e.size()).name("modified").value(date(e.date()))
                                .name("lba").value(e.lba()).endObject();
                    }
                    for (ElToritoCatalog.BootImage b : boots) {
                        w.beginObject().name("path").value("[BOOT]/" + b.fileName(boots.size())).name("folder").value(false)
                                .name("size").value(r.bootImageContent(b).size()).name("lba").value(b.lba()).endObject();
                    }
                    w.endArray().endObject();
                    w.finish();
                    out.println();
                    return ExitCode.OK;
                }
                out.println("Path = " + image);
                out.println("Type = Iso");
                out.println("Physical Size = " + r.imageSize());
                printVolume(out, v);
                if (slt) {
                    out.println();
                    out.println("----------");
                    for (IsoEntry e : entries) {
                        out.println("Path = " + e.path());
                        out.println("Folder = " + (e.directory() ? "+" : "-"));
                        out.println("Size = " + e.size());
                        out.println("Modified = " + date(e.date()));
                        out.println("LBA = " + e.lba());
                        if (e.extents().size() > 1) {
                            out.println("Extents = " + e.extents().size());
                        }
                        out.println();
                    }
                    for (ElToritoCatalog.BootImage b : boots) {
                        out.println("Path = [BOOT]/" + b.fileName(boots.size()));
                        out.println("Folder = -");
                        out.println("Size = " + r.bootImageContent(b).size());
                        out.println("LBA = " + b.lba());
                        out.println();
                    }
                    return ExitCode.OK;
                }
                out.println();
                String rule = "------------------- ----- ------------ ------------  ------------------------";
                out.println("   Date      Time    Attr         Size         LBA  Name");
                out.println(rule);
                long total = 0;
                int files = 0;
                int dirs = 0;
                for (IsoEntry e : entries) {
                    out.printf("%-19s %s %12s %12d  %s%n", date(e.date()), e.directory() ? "D...." : e.hidden() ? "...H." : ".....",
                            e.directory() ? "" : Long.toString(e.size()), e.lba(), e.path());
                    if (e.directory()) {
                        dirs++;
                    } else {
                        files++;
                        total += e.size();
                    }
                }
                for (ElToritoCatalog.BootImage b : boots) {
                    long size = r.bootImageContent(b).size();
                    out.printf("%-19s %s %12d %12d  %s%n", "", ".....", size, b.lba(), "[BOOT]/" + b.fileName(boots.size()));
                    files++;
                    total += size;
                }
                out.println(rule);
                out.printf("%-19s %s %12d %12s  %d files, %d folders%n", "", "     ", total, "", files, dirs);
                warn(spec, r);
            }
            return ExitCode.OK;
        }
    }

    /** What the reader tolerated (broken loops, ignored entries) goes to stderr. */
    static void warn(CommandLine.Model.CommandSpec spec, IsoImageReader r) {
        for (String w : r.warnings()) {
            spec.commandLine().getErr().println("slipstream: warning: " + r.image() + ": " + w);
        }
    }

    static void printVolume(PrintWriter out, IsoVolumeInfo v) {
        out.println("Created = " + date(v.created()));
        out.println("Modified = " + date(v.modified()));
        out.println("System = " + v.systemId());
        out.println("Volume = " + v.volumeId());
        out.println("VolumeSet = " + v.volumeSetId());
        out.println("Publisher = " + v.publisherId());
        out.println("Preparer = " + v.preparerId());
        out.println("Application = " + v.applicationId());
    }

    static void volumeJson(JsonWriter w, IsoVolumeInfo v) {
        w.name("volume").beginObject()
                .name("created").value(date(v.created())).name("modified").value(date(v.modified()))
                .name("system").value(v.systemId()).name("volume").value(v.volumeId())
                .name("volumeSet").value(v.volumeSetId()).name("publisher").value(v.publisherId())
                .name("preparer").value(v.preparerId()).name("application").value(v.applicationId())
                .name("copyrightFile").value(v.copyrightFileId()).name("abstractFile").value(v.abstractFileId())
                .name("bibliographicFile").value(v.bibliographicFileId())
                .name("expires").value(date(v.expires())).name("effective").value(date(v.effective()))
                .endObject();
    }

    // -------------------------------------------------------------------------------------------

    @Command(name = "info", header = "Show an image's volume descriptors, volume fields and El Torito boot catalog.", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Show an image's volume descriptors, primary volume fields and El Torito boot catalog.",
            footer = {"", "Examples:", "  slipstream iso info original.iso", "  slipstream iso info --json out.iso"})
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IMG")
        Path image;

        @Option(names = "--json", description = "Print the information as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (IsoImageReader r = IsoImageReader.open(image)) {
                IsoVolumeInfo v = r.volumeInfo();
                Optional<ElToritoCatalog> cat = r.bootCatalog();
                Map<Long, String> byLba = new HashMap<>();
                if (cat.isPresent()) {
                    for (IsoEntry e : r.entries()) {
                        if (e.isRegularFile() && !e.extents().isEmpty()) {
                            byLba.putIfAbsent(e.lba(), "/" + e.path());
                        }
                    }
                }
                if (json) {
                    JsonWriter w = new JsonWriter(out);
                    w.beginObject().name("path").value(image.toString()).name("physicalSize").value(r.imageSize())
                            .name("volumeSpaceSize").value(r.volumeSpaceSize());
                    w.name("descriptors").beginArray();
                    for (IsoImageReader.VolumeDescriptor d : r.volumeDescriptors()) {
                        w.beginObject().name("lba").value(d.lba()).name("type").value(d.type())
                                .name("description").value(d.description()).name("volumeId").value(d.volumeId()).endObject();
                    }
                    w.endArray();
                    volumeJson(w, v);
                    w.name("joliet").value(r.jolietLevel()).name("rockRidge").value(r.hasRockRidge());
                    if (cat.isPresent()) {
                        ElToritoCatalog c = cat.get();
                        w.name("elTorito").beginObject().name("catalogLba").value(c.lba())
                                .name("platform").value(IsoConstants.platformName(c.platform())).name("id").value(c.id())
                                .name("validationOk").value(c.checksumValid()).name("images").beginArray();
                        for (ElToritoCatalog.BootImage b : c.images()) {
                            w.beginObject().name("index").value(b.index() + 1).name("bootable").value(b.bootable())
                                    .name("platform").value(IsoConstants.platformName(b.platform()))
                                    .name("platformId").value(b.platform())
                                    .name("emulation").value(IsoConstants.emulationName(b.emulation()))
                                    .name("loadSegment").value(b.loadSegment()).name("systemType").value(b.systemType())
                                    .name("sectorCount").value(b.sectorCount()).name("lba").value(b.lba())
                                    .name("file").value(byLba.getOrDefault(b.lba(), "")).endObject();
                        }
                        w.endArray().endObject();
                    }
                    w.endObject();
                    w.finish();
                    out.println();
                    return ExitCode.OK;
                }
                out.println("Image: " + image + " (" + r.imageSize() + " bytes, volume space " + r.volumeSpaceSize() + " sectors)");
                out.println("Volume descriptors:");
                for (IsoImageReader.VolumeDescriptor d : r.volumeDescriptors()) {
                    out.printf("  sector %-4d %s%s%n", d.lba(), d.description(), d.volumeId().isEmpty() ? "" : ", volume '" + d.volumeId() + "'");
                }
                out.println("Primary volume:");
                out.println("  System id:        " + v.systemId());
                out.println("  Volume id:        " + v.volumeId());
                out.println("  Volume set id:    " + v.volumeSetId());
                out.println("  Publisher id:     " + v.publisherId());
                out.println("  Preparer id:      " + v.preparerId());
                out.println("  Application id:   " + v.applicationId());
                out.println("  Copyright file:   " + v.copyrightFileId());
                out.println("  Abstract file:    " + v.abstractFileId());
                out.println("  Bibliographic:    " + v.bibliographicFileId());
                out.println("  Created:          " + date(v.created()));
                out.println("  Modified:         " + date(v.modified()));
                out.println("  Expires:          " + date(v.expires()));
                out.println("  Effective:        " + date(v.effective()));
                out.println("Joliet: " + (r.hasJoliet() ? "UCS-2 level " + r.jolietLevel() + ", volume '" + r.jolietVolumeId().orElse("") + "'" : "none"));
                out.println("Rock Ridge: " + (r.hasRockRidge() ? "yes" : "no"));
                if (cat.isEmpty()) {
                    out.println("El Torito: none (not bootable)");
                } else {
                    ElToritoCatalog c = cat.get();
                    out.printf("El Torito: catalog at sector %d, validation entry %s, platform %s, id '%s'%n", c.lba(),
                            c.checksumValid() ? "valid" : "INVALID", IsoConstants.platformName(c.platform()), c.id());
                    out.println("  #  boot  platform  emulation     load segment  sys  sectors  LBA       file");
                    for (ElToritoCatalog.BootImage b : c.images()) {
                        out.printf("  %-2d %-5s %-9s %-13s 0x%04X%-7s %-4d %-8d %-9d %s%n", b.index() + 1, b.bootable() ? "yes" : "no",
                                IsoConstants.platformName(b.platform()), IsoConstants.emulationName(b.emulation()),
                                b.loadSegment(), b.loadSegment() == 0 ? "=07C0" : "", b.systemType(), b.sectorCount(), b.lba(),
                                byLba.getOrDefault(b.lba(), "(hidden)"));
                    }
                }
                warn(spec, r);
            }
            return ExitCode.OK;
        }
    }

    // -------------------------------------------------------------------------------------------

    @Command(name = "extract", header = "Extract every file of an image, and its boot images.", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Extract every file of an image, and its boot images as [BOOT]/Boot-NoEmul.img. "
                + "Names that would land outside DIR are refused; each file is written atomically. "
                + "Names that differ only in case are reported: directories are merged, the last file wins.", ""},
            footer = {"", "Examples:", "  slipstream iso extract original.iso -d tree/",
                "  slipstream iso extract --namespace iso --no-boot-image original.iso -d short-names/"})
    static final class Extract implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IMG")
        Path image;

        @Option(names = {"-d", "--directory"}, required = true, paramLabel = "DIR", description = "Where to extract (created if needed).")
        Path dir;

        @Option(names = "--namespace", paramLabel = "NS", description = "iso, joliet or rockridge (default: rockridge, else joliet, else iso).")
        String namespace;

        @Option(names = "--no-boot-image", description = "Do not extract the El Torito boot images.")
        boolean noBoot;

        @Option(names = "--overwrite", description = "Replace files that already exist in DIR.")
        boolean overwrite;

        @Option(names = "--max-output", paramLabel = "SIZE", converter = ByteSizeConverter.class,
                description = "Refuse, before writing anything, to extract more than SIZE bytes in total (e.g. 700M, 4G).")
        Long maxOutput;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (IsoImageReader r = IsoImageReader.open(image)) {
                IsoNamespace ns = namespace(namespace, r, spec.commandLine());
                IsoExtractor.Summary s = new IsoExtractor(r).overwrite(overwrite).bootImages(!noBoot)
                        .maxOutput(maxOutput == null ? Long.MAX_VALUE : maxOutput).extract(ns, dir);
                out.printf("%s: %d files, %d folders, %d boot images, %d bytes extracted to %s%n", image, s.files(),
                        s.directories(), s.bootImages(), s.bytes(), dir);
                for (String k : s.skipped()) {
                    spec.commandLine().getErr().println("slipstream: skipped " + k);
                }
                warn(spec, r);
            }
            return ExitCode.OK;
        }
    }
}
