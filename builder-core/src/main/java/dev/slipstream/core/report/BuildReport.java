package dev.slipstream.core.report;

import dev.slipstream.core.cache.PackageCache;
import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.engine.BuildResult;
import dev.slipstream.core.engine.FileOperation;
import dev.slipstream.core.engine.PlannedFile;
import dev.slipstream.core.engine.StagedTree;
import dev.slipstream.core.engine.hotfix.FileDecision;
import dev.slipstream.core.engine.hotfix.HotfixDecision;
import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code build --report FILE.json}: what a build read and wrote, and why, for audits and for
 * comparing two builds. Schema {@value #SCHEMA} version {@value #VERSION}, documented in
 * docs/profiles.md#the-build-report. It holds no clock time and no host name: two builds of the
 * same inputs write the same report, byte for byte.
 */
public final class BuildReport {

    public static final String SCHEMA = "slipstream-build-report";
    public static final int VERSION = 1;

    private BuildReport() {
    }

    public static void write(Path file, BuildOptions o, BuildInputs inputs, BuildResult r) throws IOException {
        StringBuilder sb = new StringBuilder();
        render(sb, o, inputs, r);
        try (AtomicOutput out = AtomicOutput.create(file)) {
            OutputStream os = out.stream();
            os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            os.flush();
            out.commit();
        }
    }

    static void render(StringBuilder sb, BuildOptions o, BuildInputs inputs, BuildResult r) throws IOException {
        JsonWriter j = new JsonWriter(sb);
        j.beginObject();
        j.name("schema").value(SCHEMA);
        j.name("version").value(VERSION);
        j.name("media").value(r.media().describe());
        j.name("options").beginObject();
        j.name("branch").value(o.branchPolicy().name().toLowerCase(Locale.ROOT));
        j.name("hotfixMode").value(o.hotfixMode().name().toLowerCase(Locale.ROOT));
        j.name("allowRegressions").value(o.allowRegressions());
        j.name("force").value(o.force());
        j.name("ie7Switches").value(o.ie7Switches());
        j.name("volume").beginObject();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(o.volumeOverrides()).entrySet()) {
            j.name(e.getKey()).value(e.getValue());
        }
        j.endObject();
        j.endObject();

        j.name("inputs").beginArray();
        for (BuildInputs.Input in : inputs.all()) {
            j.beginObject().name("role").value(in.role()).name("path").value(in.path().toString());
            if (Files.isRegularFile(in.path())) {
                j.name("size").value(Files.size(in.path())).name("sha256").value(PackageCache.sha256(in.path()));
            } else {
                j.name("folder").value(true);
            }
            j.endObject();
        }
        j.endArray();

        j.name("outputs").beginArray();
        o.outIso().ifPresent(p -> output(j, "iso", p));
        o.outTree().ifPresent(p -> output(j, "tree", p));
        j.endArray();

        Map<String, FileOperation> ops = new HashMap<>();
        for (PlannedFile f : r.plan().files()) {
            ops.put(f.operation().mediaPath().key(), f.operation());
        }
        j.name("files").beginArray();
        for (StagedTree.Change c : r.changes()) {
            j.beginObject().name("change").value(c.kind().name().toLowerCase(Locale.ROOT))
                    .name("path").value(c.path().toWindows());
            if (c.file() != null) {
                j.name("origin").value(c.file().origin().name().toLowerCase(Locale.ROOT));
            }
            FileOperation op = ops.get(c.path().key());
            if (op != null) {
                j.name("source").value(op.source()).name("reason").value(op.reason());
            }
            j.endObject();
        }
        j.endArray();

        j.name("hotfixes").beginArray();
        if (r.plan().hotfixes().isPresent()) {
            for (HotfixDecision h : r.plan().hotfixes().get().decisions()) {
                j.beginObject().name("package").value(h.hotfix().packageName()).name("kb").value(h.hotfix().kb())
                        .name("outcome").value(h.outcome().name().toLowerCase(Locale.ROOT));
                if (h.branch().isPresent()) {
                    j.name("branch").value(h.branch().get().toString());
                }
                j.name("reason").value(h.reason());
                j.name("files").beginArray();
                for (FileDecision f : h.files()) {
                    j.beginObject().name("name").value(f.name()).name("action").value(f.action().name().toLowerCase(Locale.ROOT));
                    if (f.version().isPresent()) {
                        j.name("version").value(f.version().get().toString());
                    }
                    if (f.against().isPresent()) {
                        j.name("against").value(f.against().get().toString());
                    }
                    j.name("reason").value(f.reason()).endObject();
                }
                j.endArray().endObject();
            }
        }
        j.endArray();
        j.name("addons").beginArray();
        for (dev.slipstream.core.engine.addon.AddonDecision a : r.plan().addons()) {
            j.beginObject().name("package").value(a.pack()).name("action").value(a.action().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .name("file").value(a.file());
            if (!a.target().isEmpty()) {
                j.name("path").value(a.target());
            }
            j.name("reason").value(a.reason()).endObject();
        }
        j.endArray();
        j.name("svcpack").beginArray();
        for (String c : r.plan().svcpack()) {
            j.value(c);
        }
        j.endArray();
        j.endObject();
        j.finish();
        sb.append('\n');
    }

    private static void output(JsonWriter j, String kind, Path p) {
        try {
            j.beginObject().name("kind").value(kind).name("path").value(p.toString());
            if (Files.isRegularFile(p)) {
                j.name("size").value(Files.size(p)).name("sha256").value(PackageCache.sha256(p));
            } else {
                long[] count = {0};
                j.name("sha256").value(treeDigest(p, count)).name("files").value(count[0]);
            }
            j.endObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SHA-256 over the sorted lines "relative/path TAB sha256 LF" of every file of a tree. */
    static String treeDigest(Path root, long[] count) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
        for (Path f : files) {
            String line = f.toString().replace('\\', '/') + "\t" + PackageCache.sha256(root.resolve(f)) + "\n";
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        count[0] = files.size();
        return HexFormat.of().formatHex(md.digest());
    }
}
