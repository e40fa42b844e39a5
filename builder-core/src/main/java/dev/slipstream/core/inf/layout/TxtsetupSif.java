package dev.slipstream.core.inf.layout;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TXTSETUP.SIF, the text-mode setup script: on top of the disk and file records it holds
 * {@code [WinntDirectories]}, {@code [SetupData]} (with {@code DriverCabName}), {@code [FileFlags]},
 * {@code [SCSI.Load]} and {@code [nls]}.
 */
public final class TxtsetupSif extends SourceDisksLayout {

    public TxtsetupSif(InfDocument doc) {
        super(doc);
    }

    /** {@code [WinntDirectories]}: directory id to path below %windir%. */
    public Map<String, String> winntDirectories() {
        return keyToFirstField("WinntDirectories");
    }

    public Optional<String> setupData(String key) {
        return doc.value("SetupData", key);
    }

    public boolean putSetupData(String key, String rawValue) {
        return doc.set("SetupData", key, rawValue);
    }

    /** Every {@code DriverCabName=} of {@code [SetupData]}, in order (setup may list several). */
    public List<String> driverCabNames() {
        List<String> out = new ArrayList<>();
        for (InfLine l : doc.entries("SetupData", "DriverCabName")) {
            out.addAll(doc.resolvedFields(l));
        }
        return out;
    }

    /** Adds a {@code DriverCabName=} line for a cabinet unless one names it already. */
    public boolean addDriverCabName(String cabinet) {
        for (String c : driverCabNames()) {
            if (c.equalsIgnoreCase(cabinet)) {
                return false;
            }
        }
        List<InfLine> existing = doc.entries("SetupData", "DriverCabName");
        if (existing.isEmpty()) {
            return doc.set("SetupData", "DriverCabName", cabinet);
        }
        // a second DriverCabName line, spelled and spaced like the last one
        String prefix = existing.get(existing.size() - 1).valuePrefix();
        doc.appendLine("SetupData", prefix.indexOf('\n') >= 0 ? "DriverCabName=" + cabinet : prefix + cabinet);
        return true;
    }

    /** {@code [FileFlags]}: file name to flags (16 marks a cabinet setup must not expand). */
    public Map<String, String> fileFlags() {
        return keyToFirstField("FileFlags");
    }

    public boolean putFileFlag(String file, int flags) {
        return doc.set("FileFlags", file, Integer.toString(flags));
    }

    /** {@code [SCSI.Load]}: driver key to {@code file,dirid}. */
    public Map<String, List<String>> scsiLoad() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (InfLine l : doc.entries("SCSI.Load")) {
            if (l.key() != null) {
                out.putIfAbsent(l.key(), doc.resolvedFields(l));
            }
        }
        return out;
    }

    public boolean putScsiLoad(String key, String file, String dirId) {
        return doc.set("SCSI.Load", key, dirId == null ? file : file + "," + dirId);
    }

    /** A value of {@code [nls]}, e.g. {@code AnsiCodepage = c_1252.nls}, {@code DefaultLayout = 00000409}. */
    public Optional<String> nls(String key) {
        return doc.value("nls", key);
    }

    private Map<String, String> keyToFirstField(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        for (InfLine l : doc.entries(section)) {
            if (l.key() != null) {
                List<String> f = doc.resolvedFields(l);
                out.putIfAbsent(l.key(), f.isEmpty() ? "" : f.get(0));
            }
        }
        return out;
    }
}
