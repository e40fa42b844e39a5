package dev.slipstream.cli;

import dev.slipstream.core.error.ProblemFoundException;
import dev.slipstream.core.json.JsonWriter;
import dev.slipstream.core.pe.CertificateTable;
import dev.slipstream.core.pe.DataDirectory;
import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pe.PeChecksum;
import dev.slipstream.core.pe.PeFile;
import dev.slipstream.core.pe.PeReader;
import dev.slipstream.core.pe.PeSection;
import dev.slipstream.core.pe.ResourceDirectory;
import dev.slipstream.core.pe.ResourceEntry;
import dev.slipstream.core.pe.VersionInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream pe info FILE}: what the PE reader sees in one image. */
@Command(name = "info", header = "Shows a PE image's headers, sections, overlay, certificates, resources and version.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Shows a PE image's machine, format, sections, overlay (the payload after the last section),",
            "certificate table, resources and version information. Reads only the headers and the",
            "structures it shows, so it is instant on a 400 MB package."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream pe info I386/KERNEL32.DLL",
            "  slipstream pe info --resources --checksum drivers/tcpip.sys",
            "  slipstream pe info --json WindowsServer2003-KB914961-SP2-x86-ENU.exe",
            "",
            "Exit codes: 0 ok; 1 --checksum found a wrong checksum; 3 not a valid PE image; 4 I/O error."
        })
public final class PeInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An EXE, DLL or SYS file.")
    Path file;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--resources", description = "List every resource (by default: a count per type).")
    boolean listResources;

    @Option(names = "--checksum", description = "Compute the PE checksum (reads the whole file) and compare it with the"
            + " stored one; exit 1 when a non-zero stored checksum differs.")
    boolean checksum;

    @Override
    public Integer call() throws Exception {
        PeFile pe;
        ResourceDirectory resources;
        Optional<VersionInfo> version;
        try (PeReader r = PeReader.open(file)) {
            pe = r.pe();
            resources = r.resources();
            version = r.versionInfo();
        }
        Long computed = checksum ? PeChecksum.of(file) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            renderJson(out, pe, resources, version, computed);
        } else {
            renderText(out, pe, resources, version, computed);
        }
        out.flush();
        if (computed != null && pe.checksum() != 0 && computed != pe.checksum()) {
            throw new ProblemFoundException(String.format("%s: stored PE checksum 0x%08X differs from the computed 0x%08X",
                    file, pe.checksum(), computed));
        }
        return ExitCode.OK;
    }

    private static String kind(PeFile pe) {
        if (pe.isDll()) {
            return "DLL";
        }
        return pe.subsystem() == 1 ? "driver (native)" : "executable";
    }

    private static String subsystem(int s) {
        return switch (s) {
            case 1 -> "native";
            case 2 -> "Windows GUI";
            case 3 -> "Windows console";
            default -> "subsystem " + s;
        };
    }

    private static Map<String, Integer> countByType(ResourceDirectory resources) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (ResourceEntry e : resources.entries()) {
            m.merge(e.type().describeAsType(), 1, Integer::sum);
        }
        return m;
    }

    private void renderText(PrintWriter out, PeFile pe, ResourceDirectory resources, Optional<VersionInfo> version,
            Long computed) {
        out.printf("file:          %s (%d bytes)%n", file, pe.fileSize());
        out.printf("format:        %s %s, %s, %s%n", pe.format(), MachineType.describe(pe.machineCode()), kind(pe),
                subsystem(pe.subsystem()));
        out.printf("image base:    0x%X, size of image 0x%X, headers 0x%X bytes%n", pe.imageBase(),
                pe.sizeOfImage(), pe.sizeOfHeaders());
        out.printf("checksum:      0x%08X (field at offset 0x%X)%s%n", pe.checksum(), pe.checksumOffset(),
                computed == null ? "" : computed == pe.checksum() ? ", verified"
                        : String.format(", computed 0x%08X%s", computed, pe.checksum() == 0 ? " (not set)" : " MISMATCH"));
        out.printf("sections:      %d%n", pe.sections().size());
        out.println("  name      virtual addr  virtual size   raw offset     raw size");
        for (PeSection s : pe.sections()) {
            out.printf("  %-8s  0x%08X    0x%08X     0x%08X     0x%08X%n", s.name(), s.virtualAddress(), s.virtualSize(),
                    s.pointerToRawData(), s.sizeOfRawData());
        }
        if (pe.hasOverlay()) {
            out.printf("overlay:       %d bytes at offset %d (0x%X)%s%n", pe.overlaySize(), pe.overlayOffset(),
                    pe.overlayOffset(), pe.certificateTable().isPresent() ? ", before the certificate table" : "");
        } else {
            out.println("overlay:       none");
        }
        Optional<CertificateTable> cert = pe.certificateTable();
        out.println("certificates:  " + cert.map(c -> String.format("%d bytes at offset %d (0x%X)", c.size(), c.offset(),
                c.offset())).orElse("none (not signed)"));
        out.printf("resources:     %d%n", resources.entries().size());
        if (listResources) {
            for (ResourceEntry e : resources.entries()) {
                out.printf("  %-40s %10d bytes at %s%n", e.path(), e.size(),
                        e.fileOffset() < 0 ? "(outside the file)" : String.format("0x%X", e.fileOffset()));
            }
        } else {
            countByType(resources).forEach((type, n) -> out.printf("  %-14s %d%n", type, n));
        }
        if (version.isEmpty()) {
            out.println("version:       none");
            return;
        }
        VersionInfo v = version.get();
        out.println("file version:  " + v.fileVersion().map(FileVersion::toString).orElse("none"));
        out.println("product ver.:  " + v.productVersion().map(FileVersion::toString).orElse("none"));
        for (VersionInfo.StringTable t : v.stringTables()) {
            out.println("strings " + t.key() + ":");
            t.values().forEach((k, val) -> out.printf("  %-18s %s%n", k, val));
        }
    }

    private void renderJson(PrintWriter out, PeFile pe, ResourceDirectory resources, Optional<VersionInfo> version,
            Long computed) {
        JsonWriter w = new JsonWriter(out);
        w.beginObject();
        w.name("file").value(file.toString());
        w.name("size").value(pe.fileSize());
        w.name("format").value(pe.format());
        w.name("machine").value(pe.machine().map(MachineType::displayName).orElse("unknown"));
        w.name("machineCode").value(pe.machineCode());
        w.name("kind").value(pe.isDll() ? "dll" : pe.subsystem() == 1 ? "driver" : "exe");
        w.name("subsystem").value(pe.subsystem());
        w.name("imageBase").value(pe.imageBase());
        w.name("timeDateStamp").value(pe.timeDateStamp());
        w.name("checksum").beginObject();
        w.name("stored").value(pe.checksum());
        w.name("offset").value(pe.checksumOffset());
        if (computed != null) {
            w.name("computed").value(computed);
        }
        w.endObject();
        w.name("sections").beginArray();
        for (PeSection s : pe.sections()) {
            w.beginObject().name("name").value(s.name()).name("virtualAddress").value(s.virtualAddress())
                    .name("virtualSize").value(s.virtualSize()).name("rawOffset").value(s.pointerToRawData())
                    .name("rawSize").value(s.sizeOfRawData()).name("characteristics").value(s.characteristics() & 0xFFFFFFFFL)
                    .endObject();
        }
        w.endArray();
        w.name("dataDirectories").beginArray();
        for (DataDirectory d : pe.dataDirectories()) {
            if (d.isPresent()) {
                w.beginObject().name("name").value(d.name()).name("address").value(d.address()).name("size")
                        .value(d.size()).endObject();
            }
        }
        w.endArray();
        w.name("overlay").beginObject().name("offset").value(pe.overlayOffset()).name("size").value(pe.overlaySize())
                .endObject();
        w.name("certificateTable");
        if (pe.certificateTable().isPresent()) {
            CertificateTable c = pe.certificateTable().get();
            w.beginObject().name("offset").value(c.offset()).name("size").value(c.size()).endObject();
        } else {
            w.nullValue();
        }
        w.name("resources").beginArray();
        for (ResourceEntry e : resources.entries()) {
            w.beginObject().name("type").value(e.type().describeAsType()).name("name").value(e.name().toString())
                    .name("language").value(e.language().toString()).name("size").value(e.size())
                    .name("offset").value(e.fileOffset()).endObject();
        }
        w.endArray();
        w.name("version");
        if (version.isEmpty()) {
            w.nullValue();
        } else {
            VersionInfo v = version.get();
            w.beginObject();
            w.name("fileVersion").value(v.fileVersion().map(FileVersion::toString).orElse(null));
            w.name("productVersion").value(v.productVersion().map(FileVersion::toString).orElse(null));
            w.name("fileVersionString").value(v.fileVersionString().orElse(null));
            w.name("stringTables").beginArray();
            for (VersionInfo.StringTable t : v.stringTables()) {
                w.beginObject().name("key").value(t.key()).name("values").beginObject();
                t.values().forEach((k, val) -> w.name(k).value(val));
                w.endObject().endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endObject();
        w.finish();
    }
}
