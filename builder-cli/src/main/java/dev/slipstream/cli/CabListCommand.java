package dev.slipstream.cli;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabinetHeader;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.cab.FolderChain;
import dev.slipstream.core.json.JsonWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipstream cab list}: the members, like {@code cabextract -l}, without decoding anything. */
@Command(
        name = "list", header = "List the members of a cabinet or of its whole set.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the members of a cabinet (or of its whole set): size, date, attributes, folder,",
            "compression and name. Nothing is decompressed. A file holding several cabinets lists each;",
            "with --json that is a JSON array of one document per cabinet."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cab list SP2.CAB",
            "  slipstream cab list --json DRIVER.CAB",
            "  slipstream cab list WindowsServer2003-KB914961-SP2-x86-ENU.exe   (the cabinet inside)"
        })
final class CabListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CabInputOptions input;

    @Option(names = "--json", description = "Print the listing as a JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Long> offsets = input.offsets(spec.commandLine().getErr());
        if (json && offsets.size() > 1) {
            out.println("[");
        }
        for (int i = 0; i < offsets.size(); i++) {
            try (CabinetReader cab = input.open(offsets.get(i))) {
                if (json) {
                    if (i > 0) {
                        out.println(",");
                    }
                    printJson(cab, out);
                } else {
                    printText(cab, out);
                }
            }
        }
        if (json && offsets.size() > 1) {
            out.println("]");
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printText(CabinetReader cab, PrintWriter out) {
        for (CabinetHeader h : cab.cabinets()) {
            out.printf("Cabinet: %s%s (set %d, part %d, %d folders, %d files)%n", h.path(),
                    h.offset() == 0 ? "" : " at offset " + h.offset(), h.setId(), h.cabinetIndex() + 1,
                    h.folders().size(), h.files().size());
        }
        out.println("      Size | Date       Time     | Attr   | Folder | Compression  | Name");
        out.println("-----------+---------------------+--------+--------+--------------+-----");
        long total = 0;
        for (CabEntry e : cab.entries()) {
            out.printf("%10d | %s | %s | %6d | %-12s | %s%n", e.size(), e.lastModifiedText(), e.attributeLetters(),
                    e.folder().index(), e.folder().compression(), printable(e.path()));
            total += e.size();
        }
        out.printf("%d files, %d bytes%n", cab.entries().size(), total);
        out.println();
    }

    /** Control characters in a (possibly hostile) name must not reach the terminal as such. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void printJson(CabinetReader cab, PrintWriter out) {
        JsonWriter w = new JsonWriter(out);
        w.beginObject();
        w.name("file").value(cab.file().toString());
        w.name("offset").value(cab.offset());
        w.name("cabinets").beginArray();
        for (CabinetHeader h : cab.cabinets()) {
            w.beginObject();
            w.name("path").value(h.path().toString());
            w.name("offset").value(h.offset());
            w.name("size").value(h.cabinetSize());
            w.name("version").value(h.version());
            w.name("setId").value(h.setId());
            w.name("index").value(h.cabinetIndex());
            w.name("previous");
            if (h.hasPrevious()) {
                w.value(h.previousCabinet());
            } else {
                w.nullValue();
            }
            w.name("next");
            if (h.hasNext()) {
                w.value(h.nextCabinet());
            } else {
                w.nullValue();
            }
            w.name("headerReserve").value(h.headerReserve().length);
            w.name("folderReserve").value(h.folderReserveSize());
            w.name("dataReserve").value(h.dataReserveSize());
            w.endObject();
        }
        w.endArray();
        w.name("folders").beginArray();
        for (FolderChain f : cab.folders()) {
            w.beginObject();
            w.name("index").value(f.index());
            w.name("compression").value(f.compression());
            w.name("typeCompress").value(f.typeCompress());
            w.name("blocks").value(f.blockCount());
            w.name("cabinets").value(f.segments().size());
            w.endObject();
        }
        w.endArray();
        w.name("members").beginArray();
        for (CabEntry e : cab.entries()) {
            w.beginObject();
            w.name("name").value(e.path());
            w.name("size").value(e.size());
            w.name("modified").value(e.lastModifiedText());
            w.name("attributes").value(e.attributes());
            w.name("attributeLetters").value(e.attributeLetters());
            w.name("utf8Name").value(e.isUtf8Name());
            w.name("folder").value(e.folder().index());
            w.name("folderOffset").value(e.folderOffset());
            w.name("compression").value(e.folder().compression());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.finish();
        out.println();
    }
}
