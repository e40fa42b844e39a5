package dev.slipstream.core.inf.layout;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfEncoding;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SVCPACK.INF: the catalogs GUI setup installs ({@code [ProductCatalogsToInstall]}, stored in
 * {@code [SetupData] CatalogSubDir}) and the commands it runs at T-13 ({@code [SetupHotfixesToRun]},
 * from I386\SVCPACK).
 */
public final class SvcpackInf {

    private final InfDocument doc;

    public SvcpackInf(InfDocument doc) {
        this.doc = doc;
    }

    /**
     * A new SVCPACK.INF as {@code update.exe /integrate} writes it, for Windows Server 2003
     * (build 3790); {@code archFolder} is {@code i386} or {@code amd64}.
     */
    public static SvcpackInf create(String source, String archFolder) {
        InfDocument d = InfDocument.empty(source, InfEncoding.ANSI_1252, "\r\n");
        d.set("Version", "Signature", "\"$Windows NT$\"");
        d.set("Version", "MajorVersion", "5");
        d.set("Version", "MinorVersion", "2");
        d.set("Version", "BuildNumber", "3790");
        d.set("SetupData", "CatalogSubDir", "\"\\" + archFolder + "\\svcpack\"");
        d.ensureSection("ProductCatalogsToInstall");
        d.ensureSection("SetupHotfixesToRun");
        return new SvcpackInf(d);
    }

    public InfDocument document() {
        return doc;
    }

    public Optional<String> version(String key) {
        return doc.value("Version", key);
    }

    public Optional<String> catalogSubDir() {
        return doc.value("SetupData", "CatalogSubDir");
    }

    public List<Located<String>> productCatalogs() {
        return lines("ProductCatalogsToInstall");
    }

    public List<Located<String>> hotfixesToRun() {
        return lines("SetupHotfixesToRun");
    }

    public boolean addProductCatalog(String catalog) {
        return doc.addLine("ProductCatalogsToInstall", catalog);
    }

    /** Adds a T-13 command, e.g. {@code KB123456.exe /q /n /z}, unless the same line is there. */
    public boolean addHotfixToRun(String command) {
        return doc.addLine("SetupHotfixesToRun", command);
    }

    private List<Located<String>> lines(String section) {
        List<Located<String>> out = new ArrayList<>();
        for (InfSection s : doc.sections(section)) {
            for (InfLine l : s.entries()) {
                // a command line keeps its spaces and commas: the whole value text is the entry
                out.add(new Located<>(l.content().strip(), s.name(), l));
            }
        }
        return out;
    }
}
