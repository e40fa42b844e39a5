package dev.slipstream.core.engine;

import dev.slipstream.core.engine.hotfix.HotfixCandidate;
import dev.slipstream.core.engine.hotfix.PayloadFile;
import dev.slipstream.core.pkg.Branch;
import dev.slipstream.core.pkg.Hotfix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns extracted hotfix packages into what the decision logic sees (KB, branches, file names and
 * versions) and remembers where each payload file lies, so decisions can be carried out.
 */
public final class HotfixPayloads {

    private final List<HotfixCandidate> candidates = new ArrayList<>();
    private final Map<String, Hotfix> byKb = new HashMap<>();
    private final Map<String, Path> paths = new HashMap<>();
    private final Set<String> wow = new java.util.HashSet<>();

    public static HotfixPayloads read(List<Hotfix> hotfixes) throws IOException {
        HotfixPayloads out = new HotfixPayloads();
        for (Hotfix h : hotfixes) {
            out.byKb.put(h.kb(), h);
            Map<Branch, List<PayloadFile>> branches = new EnumMap<>(Branch.class);
            for (Branch b : h.branches().keySet()) {
                List<PayloadFile> files = new ArrayList<>();
                for (Path f : h.files(b)) {
                    String n = f.getFileName().toString();
                    files.add(new PayloadFile(n, FileVersions.of(f, h.file().getFileName() + ": " + b + "\\" + n)));
                    out.paths.put(h.kb() + "/" + b + "/" + SetupNames.key(n), f);
                }
                for (Path f : h.wowFiles(b)) {
                    String n = f.getFileName().toString();
                    files.add(new PayloadFile(n, FileVersions.of(f, h.file().getFileName() + ": " + b + "\\wow\\" + n)));
                    out.paths.put(h.kb() + "/" + b + "/" + SetupNames.key(n), f);
                    out.wow.add(SetupNames.key(n));
                }
                branches.put(b, files);
            }
            out.candidates.add(new HotfixCandidate(h.kb(), h.file().getFileName().toString(), branches));
        }
        return out;
    }

    public List<HotfixCandidate> candidates() {
        return candidates;
    }

    public Hotfix hotfix(String kb) {
        return byKb.get(kb);
    }

    /** The extracted payload file {@code name} of a hotfix's branch. */
    public Path path(String kb, Branch branch, String name) {
        return paths.get(kb + "/" + branch + "/" + SetupNames.key(name));
    }

    /** True for the WOW64 files of x64 packages (from a branch's {@code wow} folder). */
    public boolean isWow(String name) {
        return wow.contains(SetupNames.key(name));
    }

    /** Every file name any branch of any hotfix carries, upper case. */
    public Set<String> names() {
        Set<String> out = new TreeSet<>();
        candidates.forEach(c -> c.branches().values().forEach(l -> l.forEach(f -> out.add(f.key()))));
        return out;
    }
}
