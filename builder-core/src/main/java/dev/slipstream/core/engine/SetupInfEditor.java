package dev.slipstream.core.engine;

import dev.slipstream.core.inf.layout.DosnetInf;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.inf.layout.LayoutInf;
import dev.slipstream.core.inf.layout.Located;
import dev.slipstream.core.inf.layout.SourceDisksFile;
import dev.slipstream.core.inf.layout.SourceDisksLayout;
import dev.slipstream.core.inf.layout.SvcpackInf;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import dev.slipstream.core.media.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps the setup files of one architecture in agreement with the files a build puts in its
 * folders: TXTSETUP.SIF, DOSNET.INF, LAYOUT.INF, DRVINDEX.INF and SVCPACK.INF, edited in place
 * with minimal diffs through the typed views of {@code inf.layout}. Each method makes one kind of
 * change in all of them at once, so none of the failures of format-notes §7 (a file without its
 * DOSNET line, a hotfixed file shadowed by a driver cabinet, duplicate entries) can come from a
 * partial edit.
 *
 * <p>Not thread-safe: one editor per architecture.
 */
public final class SetupInfEditor {

    /** The source disk id of service-pack files (format-notes §2). */
    public static final String SP_DISK = "100";

    private final Architecture arch;
    private final TxtsetupSif txtsetup;
    private final DosnetInf dosnet;
    private final LayoutInf layout;
    private final DrvindexInf drvindex;
    private final SvcpackInf svcpack;

    /**
     * @param layout null when the media have no LAYOUT.INF
     * @param drvindex null when the media have no driver cabinet index
     */
    public SetupInfEditor(Architecture arch, TxtsetupSif txtsetup, DosnetInf dosnet, LayoutInf layout,
            DrvindexInf drvindex, SvcpackInf svcpack) {
        this.arch = arch;
        this.txtsetup = txtsetup;
        this.dosnet = dosnet;
        this.layout = layout;
        this.drvindex = drvindex;
        this.svcpack = svcpack;
    }

    private String sfx() {
        return arch.setupName();
    }

    private List<SourceDisksLayout> layouts() {
        List<SourceDisksLayout> l = new ArrayList<>();
        l.add(txtsetup);
        if (layout != null) {
            l.add(layout);
        }
        return l;
    }

    /**
     * Declares source disk 100 (the service pack) in TXTSETUP and LAYOUT, on the path of the
     * architecture's folder, and the {@code [Strings]} that name it: {@code spcdname} and the SP
     * tag file key.
     *
     * @param spTagFile the root tag file of the SP, e.g. {@code \WIN51IS.SP2}
     */
    public void declareServicePackDisk(String spcdname, String spTagFile) {
        String tagKey = "spcdtagfile" + tagLetter();
        String path = "\\" + arch.folder().toLowerCase(Locale.ROOT);
        for (SourceDisksLayout doc : layouts()) {
            doc.putSourceDisksName(sfx(), SP_DISK, "%spcdname%,%" + tagKey + "%,," + path);
            doc.document().set("Strings", "spcdname", quote(spcdname));
            doc.document().set("Strings", tagKey, quote(spTagFile));
        }
    }

    private String tagLetter() {
        return switch (arch) {
            case X86 -> "i";
            case AMD64 -> "a";
            case IA64 -> "m";
        };
    }

    /**
     * A file that the build replaced: its records move to disk 100 when it lives in the
     * architecture's own folder (WOW64 files in I386 on x64 media keep their disk), LAYOUT gets
     * its new uncompressed size, DOSNET its copy line, and no driver cabinet named in DRVINDEX may
     * hand setup its old copy any more.
     *
     * @param dosnetKey the DOSNET directory key of the file's folder ({@code d1}), or null for none
     */
    public void replaced(String name, long uncompressedSize, boolean nativeFolder, String dosnetKey) {
        for (SourceDisksLayout doc : layouts()) {
            Optional<Located<SourceDisksFile>> rec = doc.sourceDisksFile(sfx(), name);
            if (rec.isEmpty()) {
                if (nativeFolder) {
                    // Setup never listed it (a cabinet member, a boot file): list it, or setup will not know it.
                    doc.putSourceDisksFile(sfx(), newRecord(name, SP_DISK, doc == layout ? uncompressedSize : -1));
                }
                continue;
            }
            SourceDisksFile changed = nativeFolder ? rec.get().value().withDiskId(SP_DISK) : rec.get().value();
            if (doc == layout && !changed.size().isBlank()) {
                changed = changed.withSize(Long.toString(uncompressedSize));
            }
            doc.putSourceDisksFile(sfx(), changed);
        }
        addDosnet(dosnetKey, name);
        unlistFromDriverCabinets(name);
    }

    /**
     * A file the build added: a record on {@code diskId} in TXTSETUP and LAYOUT and a DOSNET line.
     */
    public void added(String name, long uncompressedSize, String diskId, String dosnetKey) {
        for (SourceDisksLayout doc : layouts()) {
            if (doc.sourceDisksFile(sfx(), name).isEmpty()) {
                doc.putSourceDisksFile(sfx(), newRecord(name, diskId, doc == layout ? uncompressedSize : -1));
            }
        }
        addDosnet(dosnetKey, name);
        unlistFromDriverCabinets(name);
    }

    /**
     * A file the build added with the record its package gives (an addon's [txtsetup_files] line):
     * that record in TXTSETUP, and in LAYOUT with the file's uncompressed size. DOSNET follows when
     * the file is registered as placed.
     */
    public void addedAs(SourceDisksFile record, long uncompressedSize) {
        for (SourceDisksLayout doc : layouts()) {
            if (doc.sourceDisksFile(sfx(), record.name()).isEmpty()) {
                doc.putSourceDisksFile(sfx(), doc == layout ? record.withSize(Long.toString(uncompressedSize)) : record);
            }
        }
    }

    private void addDosnet(String key, String name) {
        if (key == null) {
            return;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (key.equalsIgnoreCase("d1")) {
            dosnet.addFile(n);
        } else {
            dosnet.document().addLine("Files", key + "," + n);
        }
    }

    /** The disk id whose path is {@code folder} in TXTSETUP, e.g. the WOW64 disk ({@code \i386}) of x64 media. */
    public Optional<String> diskOf(String folder) {
        return txtsetup.sourceDisksNames(sfx()).entrySet().stream()
                .filter(e -> e.getValue().value().folder().equalsIgnoreCase(folder))
                .map(java.util.Map.Entry::getKey)
                .filter(id -> !id.equals(SP_DISK))
                .sorted()
                .findFirst();
    }

    /** The DOSNET directory key whose path is {@code folder}; d1 (the DOSNET folder itself) for the architecture's own. */
    public Optional<String> dosnetKeyOf(String folder) {
        if (folder.equalsIgnoreCase(arch.folder())) {
            return Optional.of("d1");
        }
        return dosnet.directories().entrySet().stream()
                .filter(e -> lastSegment(e.getValue()).equalsIgnoreCase(folder))
                .map(java.util.Map.Entry::getKey)
                .findFirst();
    }

    private static SourceDisksFile newRecord(String name, String diskId, long size) {
        SourceDisksFile rec = SourceDisksFile.of(name.toLowerCase(Locale.ROOT), diskId,
                Integer.toString(SetupNames.defaultDirectoryId(name)));
        return size >= 0 ? rec.withSize(Long.toString(size)) : rec;
    }

    /**
     * Registers the service pack's driver cabinet so that it takes precedence over DRIVER.CAB:
     * first in DRVINDEX {@code CabFiles}, its members in its own section, mapped in
     * {@code [Cabs]}; a {@code DriverCabName} line in TXTSETUP; and the cabinet itself as a
     * text-mode file (dir 39, flag 16) in TXTSETUP, LAYOUT and DOSNET.
     */
    public void registerDriverCabinet(String cabName, String section, List<String> members, long size) {
        if (drvindex == null) {
            throw new IllegalStateException("the media have no DRVINDEX.INF to register " + cabName + " in");
        }
        String cab = cabName.toLowerCase(Locale.ROOT);
        drvindex.addCabinet(section, cab);
        for (String m : members) {
            drvindex.addFile(section, m.toLowerCase(Locale.ROOT));
        }
        txtsetup.addDriverCabName(cab);
        for (SourceDisksLayout doc : layouts()) {
            if (doc.sourceDisksFile(sfx(), cab).isEmpty()) {
                doc.putSourceDisksFile(sfx(), new SourceDisksFile(cab, SP_DISK, "", doc == layout ? Long.toString(size) : "",
                        "", "", "", "_x", "39", "0", "0", "", "", ""));
            }
        }
        txtsetup.putFileFlag(cab, 16);
        dosnet.addFile(cab);
    }

    /** Removes {@code name} from every DRVINDEX cabinet section, so setup takes the loose copy. */
    public int unlistFromDriverCabinets(String name) {
        if (drvindex == null) {
            return 0;
        }
        int n = 0;
        for (String section : drvindex.cabSections()) {
            n += drvindex.removeFile(section, name);
        }
        return n;
    }

    /** Makes winnt32 copy the SVCPACK folder along with the setup files. */
    public void useSvcpackFolder() {
        dosnet.addOptionalSrcDir("svcpack");
    }

    /** A catalog in the SVCPACK folder that setup installs, so file protection accepts the new files. */
    public void catalog(String catalogName) {
        svcpack.addProductCatalog(catalogName.toLowerCase(Locale.ROOT));
    }

    /** A command run at T-13 from the SVCPACK folder. */
    public void runAtT13(String commandLine) {
        svcpack.addHotfixToRun(commandLine);
    }

    /** True when TXTSETUP lists the file. */
    public boolean lists(String name) {
        return txtsetup.sourceDisksFile(sfx(), name).isPresent();
    }

    /** The DRVINDEX cabinet that holds {@code name}, if any. */
    public Optional<String> driverCabinetOf(String name) {
        return drvindex == null ? Optional.empty() : drvindex.cabinetFor(name).map(DrvindexInf.CabinetFile::cabinet);
    }

    /** {@code ..\\i386} and {@code \\i386\\} to {@code i386}. */
    private static String lastSegment(String path) {
        String[] parts = path.replace('/', '\\').split("\\\\");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isBlank()) {
                return parts[i].trim();
            }
        }
        return "";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
