package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.check.MediaChecker.CompressedTest;
import dev.slipstream.core.iso.ContentSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckResultStepTest {

    @TempDir
    Path dir;

    private Path file(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1, 2, 3});
        return p;
    }

    @Test
    void onlyFilesCopiedFromAnExtractedPackageAreVerifiedByChecksumsEverythingTheBuildMadeIsDecoded() throws IOException {
        Path sp2 = dir.resolve("sp2");
        StagedTree tree = StagedTree.over(List.of(
                new StagedFile(MediaPath.of("I386/NTDLL.DL_"), ContentSource.ofFile(file("base/NTDLL.DL_")), StagedFile.Origin.BASE),
                new StagedFile(MediaPath.of("I386/KERNEL32.DL_"), ContentSource.ofFile(file("base/KERNEL32.DL_")), StagedFile.Origin.BASE),
                new StagedFile(MediaPath.of("I386/USER32.DL_"), ContentSource.ofFile(file("base/USER32.DL_")), StagedFile.Origin.BASE)));
        tree.put(MediaPath.of("I386/NTDLL.DL_"), ContentSource.ofFile(file("sp2/i386/ntdll.dl_")), StagedFile.Origin.PACKAGE);
        // Placed as a package file, but made by the build in its workspace: decoded.
        tree.put(MediaPath.of("I386/USER32.DL_"), ContentSource.ofFile(file("work/compressed-1")), StagedFile.Origin.PACKAGE);
        tree.put(MediaPath.of("I386/LAYOUT.IN_"), ContentSource.ofBytes(new byte[3], "LAYOUT.IN_ (rewritten)"), StagedFile.Origin.BUILD);

        Function<String, CompressedTest> tests = CheckResultStep.compressedTests(tree, List.of(sp2.toAbsolutePath()));
        assertThat(tests.apply("I386/ntdll.dl_")).isEqualTo(CompressedTest.CHECKSUMS);
        assertThat(tests.apply("I386/USER32.DL_")).isEqualTo(CompressedTest.DECODE);
        assertThat(tests.apply("I386/LAYOUT.IN_")).isEqualTo(CompressedTest.DECODE);
        assertThat(tests.apply("I386/KERNEL32.DL_")).isEqualTo(CompressedTest.SKIP);
    }
}
