package dev.slipstream.core.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real Windows binaries linked by Microsoft's linker, where the machine has some: pip ships its
 * script launchers (distlib's t32/t64/w32/w64.exe, with version resources and linker-computed
 * checksums), setuptools ships cli/gui*.exe. Set SLIPSTREAM_REAL_PE_DIR to point at other ones
 * (e.g. a Windows I386 folder). 7-Zip is the judge: machine, checksum, FileVersion strings.
 */
class RealPeBinariesTest {

    private static List<Path> realBinaries() throws Exception {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("SLIPSTREAM_REAL_PE_DIR");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        Path python = ExternalTool.find("python3");
        if (python != null) {
            Process p = new ProcessBuilder(python.toString(), "-c",
                    "import os, pip._vendor.distlib as d; print(os.path.dirname(d.__file__))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && !out.isEmpty()) {
                dirs.add(Path.of(out));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(f -> f.getFileName().toString().matches("(?i).*\\.(exe|dll|sys)")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static Optional<String> line(String listing, String prefix) {
        return listing.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).trim());
    }

    @Test
    void machineChecksumAndVersionAgreeWith7Zip() throws Exception {
        List<Path> files = realBinaries();
        assumeTrue(!files.isEmpty(), "no real PE binaries on this machine (set SLIPSTREAM_REAL_PE_DIR)");
        ExternalTool sevenZip = ExternalTool.require("7z", "7zip");
        int withVersion = 0;
        for (Path f : files) {
            String listing = sevenZip.run(null, 60, "l", "-tPE", "-slt", f.toString()).assertSuccess("7z l").stdout();
            try (PeReader r = PeReader.open(f)) {
                PeFile pe = r.pe();
                String cpu = line(listing, "CPU = ").orElseThrow();
                pe.machine().ifPresent(m -> assertThat(cpu).as(f.toString()).isEqualTo(m.displayName()));
                assertThat(Long.parseLong(line(listing, "Checksum = ").orElseThrow())).as(f.toString())
                        .isEqualTo(pe.checksum());
                if (pe.checksum() != 0) {
                    assertThat(PeChecksum.of(f)).as(f + ": our checksum vs the linker's").isEqualTo(pe.checksum());
                }
                Optional<String> sevenZipVersion = line(listing, "FileVersion: ");
                Optional<VersionInfo> v = r.versionInfo();
                if (sevenZipVersion.isPresent()) {
                    withVersion++;
                    assertThat(v).as(f.toString()).isPresent();
                    // 7-Zip prints the fixed version first, then the StringFileInfo text.
                    List<String> all = listing.lines().filter(l -> l.startsWith("FileVersion: "))
                            .map(l -> l.substring("FileVersion: ".length()).trim()).toList();
                    assertThat(all).contains(v.get().fileVersion().orElseThrow().toString());
                    v.get().fileVersionString().ifPresent(s -> assertThat(all).contains(s));
                }
            } catch (IOException e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
        }
        assertThat(withVersion).isPositive();
    }
}
