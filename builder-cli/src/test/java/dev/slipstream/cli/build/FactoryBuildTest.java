package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.core.cache.PackageCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory features of {@code build} on the fixture media: a profile with command-line
 * overrides, the depfile, the JSON report, and two concurrent builds sharing one package cache.
 */
class FactoryBuildTest {

    @TempDir
    Path dir;

    private static final List<String> HOTFIXES = List.of("KB890046", "KB896422", "KB913648", "KB925902", "KB927891", "KB930916");

    private Path profile(String arch) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("; the fixture image, every path relative to this file\n[media]\n")
                .append("base = ").append(rel(Fixtures.iso(arch + "-std-ENU"))).append('\n')
                .append("[packages]\nsp2 = ").append(rel(Fixtures.servicePack(arch, "ENU")))
                .append("\nie7 = ").append(rel(Fixtures.ie7(arch, "ENU")))
                .append("\ncatalog = ").append(rel(Fixtures.catalog())).append("\n[hotfixes]\n");
        for (String kb : HOTFIXES) {
            sb.append(rel(Fixtures.hotfix(kb, arch, "ENU"))).append('\n');
        }
        sb.append("[options]\nallow-regressions = yes\nallow-unsigned = yes\n[volume]\nid = FROM_PROFILE\npublisher = PROFILE PUBLISHER\n");
        Path p = Files.createDirectories(dir.resolve("profiles")).resolve(arch + ".ini");
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private String rel(Path p) {
        return dir.resolve("profiles").toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }

    private static String volumeId(Path iso) throws IOException {
        try (var ch = Files.newByteChannel(iso)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32);
            ch.position(16 * 2048 + 40);
            ch.read(b);
            return new String(b.array(), StandardCharsets.US_ASCII).trim();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProfileBuildWithOverridesWritesTheDepfileAndTheReport() throws Exception {
        Path prof = profile("x86");
        Path iso = dir.resolve("out").resolve("x86 std.iso");
        Path dep = dir.resolve("out").resolve("x86.d");
        Path rep = dir.resolve("out").resolve("x86.json");
        Files.createDirectories(iso.getParent());
        CliHarness.Run r = CliHarness.run("build", "--profile", prof.toString(), "--out", iso.toString(),
                "--volume-id", "FROM_CLI", "--depfile", dep.toString(), "--report", rep.toString(),
                "--cache", dir.resolve("cache").toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // The command line overrides the profile's volume id; the profile's publisher stays.
        assertThat(volumeId(iso)).isEqualTo("FROM_CLI");

        String d = Files.readString(dep, StandardCharsets.UTF_8);
        String target = iso.toAbsolutePath().toString().replace(" ", "\\ ");
        assertThat(d).startsWith(target + ": \\\n");
        List<Path> inputs = new ArrayList<>(List.of(prof, Fixtures.iso("x86-std-ENU"), Fixtures.servicePack("x86", "ENU"),
                Fixtures.ie7("x86", "ENU"), Fixtures.catalog()));
        for (String kb : HOTFIXES) {
            inputs.add(Fixtures.hotfix(kb, "x86", "ENU"));
        }
        for (Path in : inputs) {
            String name = in.toAbsolutePath().normalize().toString();
            assertThat(d.contains("  " + name + " \\\n") || d.contains("  " + name + "\n")).as("%s in the rule", name).isTrue();
            assertThat(d).contains("\n" + name + ":\n");
        }
        assertThat(d).doesNotContain("x64").doesNotContain("CHS");

        Map<String, Object> report = (Map<String, Object>) Json.parse(Files.readString(rep, StandardCharsets.UTF_8));
        assertThat(report).containsEntry("schema", "slipstream-build-report").containsEntry("version", 1L)
                .containsKeys("media", "options", "inputs", "outputs", "files", "hotfixes", "svcpack");
        assertThat((Map<String, Object>) ((Map<String, Object>) report.get("options")).get("volume"))
                .containsEntry("volume", "FROM_CLI").containsEntry("publisher", "PROFILE PUBLISHER");
        List<Map<String, Object>> ins = (List<Map<String, Object>>) report.get("inputs");
        assertThat(ins).hasSize(inputs.size());
        for (Map<String, Object> in : ins) {
            assertThat(in.get("role")).isIn("profile", "base", "sp2", "hotfix", "ie7", "catalog");
            assertThat(in.get("sha256")).isEqualTo(PackageCache.sha256(Path.of((String) in.get("path"))));
        }
        List<Map<String, Object>> outs = (List<Map<String, Object>>) report.get("outputs");
        assertThat(outs).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("kind", "iso").containsEntry("size", Files.size(iso));
            assertThat(o.get("sha256")).isEqualTo(PackageCache.sha256(iso));
        });
        List<Map<String, Object>> files = (List<Map<String, Object>>) report.get("files");
        assertThat(files).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("change")).isIn("replace", "add", "remove");
            assertThat((String) f.get("path")).isNotBlank();
        });
        assertThat(files).anySatisfy(f -> assertThat(f).containsEntry("change", "replace").containsEntry("source", "SP2"));
        List<Map<String, Object>> hotfixes = (List<Map<String, Object>>) report.get("hotfixes");
        assertThat(hotfixes).hasSize(HOTFIXES.size()).allSatisfy(h -> {
            assertThat(h.get("outcome")).isIn("integrate", "superseded", "regression", "unusable");
            assertThat((String) h.get("reason")).isNotBlank();
        });
        assertThat(hotfixes).extracting(h -> h.get("outcome")).contains("integrate", "superseded");

        // Same inputs, same report: no clock time, no host name in it.
        Path rep2 = dir.resolve("out").resolve("again.json");
        Path iso2 = dir.resolve("out").resolve("again.iso");
        CliHarness.Run r2 = CliHarness.run("build", "--profile", prof.toString(), "--out", iso2.toString(),
                "--volume-id", "FROM_CLI", "--report", rep2.toString(), "--no-cache", "--quiet");
        assertThat(r2.exitCode()).as(r2.err()).isZero();
        assertThat(Files.readString(rep2).replace("again.iso", "x86 std.iso"))
                .isEqualTo(Files.readString(rep).replace(iso.getFileName().toString(), "x86 std.iso"));
    }

    @Test
    void aTypoInTheProfileStopsTheBuildWithFileAndLine() throws Exception {
        Path prof = profile("x86");
        Files.writeString(prof, Files.readString(prof) + "[output]\nisoo = out.iso\n");
        int line = (int) Files.readAllLines(prof).size();
        CliHarness.Run r = CliHarness.run("build", "--profile", prof.toString(), "--out", dir.resolve("o.iso").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains(prof + ":" + line + ":").contains("unknown key 'isoo' in [output]").contains("did you mean 'iso'");
        assertThat(dir.resolve("o.iso")).doesNotExist();
    }

    @Test
    void withoutBaseFromProfileOrCommandLineItIsAUsageError() {
        CliHarness.Run r = CliHarness.run("build", "--sp2", "x.exe", "--out", dir.resolve("o.iso").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no base media");
    }

    @Test
    void twoConcurrentBuildsShareOneCacheAndMatchAnUncachedBuild() throws Exception {
        Path cache = dir.resolve("shared cache");
        Path prof = profile("x86");
        List<CompletableFuture<CliHarness.Run>> runs = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            runs.add(CompletableFuture.supplyAsync(() -> CliHarness.run("build", "--profile", prof.toString(),
                    "--out", dir.resolve(name + ".iso").toString(), "--cache", cache.toString(), "--quiet")));
        }
        for (CompletableFuture<CliHarness.Run> f : runs) {
            CliHarness.Run r = f.get();
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        CliHarness.Run plain = CliHarness.run("build", "--profile", prof.toString(), "--out", dir.resolve("c.iso").toString(),
                "--no-cache", "--quiet");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        byte[] c = Files.readAllBytes(dir.resolve("c.iso"));
        assertThat(Files.readAllBytes(dir.resolve("a.iso"))).isEqualTo(c);
        assertThat(Files.readAllBytes(dir.resolve("b.iso"))).isEqualTo(c);
        // One entry per package (SP2 and six hotfixes; IE7 is carried whole), each extracted once, nothing left over.
        try (Stream<Path> s = Files.list(cache.resolve("packages"))) {
            assertThat(s.count()).isEqualTo(7);
        }
        try (Stream<Path> s = Files.list(cache.resolve("tmp"))) {
            assertThat(s.count()).isZero();
        }
        CliHarness.Run info = CliHarness.run("cache", "info", "--cache", cache.toString());
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("WindowsServer2003-KB914961-SP2-x86-ENU.exe").contains("7 package(s)");
        // The files the builds compressed (hotfix files the media keep compressed, LAYOUT.IN_) are kept too.
        List<String> kept;
        try (Stream<Path> s = Files.list(cache.resolve("compressed"))) {
            kept = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(kept).isNotEmpty();
        assertThat(info.out()).contains(kept.size() + " compressed file(s) builds made");
        // A third build is served from the cache, compresses nothing new, and is still byte-identical.
        CliHarness.Run again = CliHarness.run("build", "--profile", prof.toString(), "--out", dir.resolve("d.iso").toString(),
                "--cache", cache.toString(), "--quiet");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("d.iso"))).isEqualTo(c);
        try (Stream<Path> s = Files.list(cache.resolve("compressed"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(kept);
        }
        CliHarness.Run prune = CliHarness.run("cache", "prune", "--all", "--cache", cache.toString());
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("Pruned 7 package(s) and " + kept.size() + " compressed file(s)");
        assertThat(CliHarness.run("cache", "prune", "--cache", cache.toString()).exitCode()).as("prune without a criterion").isEqualTo(2);
    }
}
