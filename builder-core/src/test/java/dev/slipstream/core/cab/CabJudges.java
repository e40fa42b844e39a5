package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The independent readers that judge the cabinets we write: each extracts, we compare bytes. */
public enum CabJudges {
    CABEXTRACT("cabextract", "cabextract"),
    SEVEN_ZIP("7z", "7zip"),
    BSDTAR("bsdtar", "libarchive-tools"),
    GCAB("gcab", "gcab"),
    /** Our own CabinetReader, through the same extraction path as {@code cab extract}. */
    OURS(null, null);

    private final String tool;
    private final String pkg;

    CabJudges(String tool, String pkg) {
        this.tool = tool;
        this.pkg = pkg;
    }

    /** Extracts {@code cab} into a fresh directory under {@code work}, failing on any error. */
    public Path extract(Path cab, Path work) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, name().toLowerCase() + "-");
        if (this == OURS) {
            try (CabinetReader r = CabinetReader.open(cab)) {
                CabExtractor.extract(r, dir, new CabExtractor.Options(e -> true, false, 2));
            }
            return dir;
        }
        ExternalTool t = ExternalTool.require(tool, pkg);
        String c = cab.toAbsolutePath().toString();
        String d = dir.toAbsolutePath().toString();
        switch (this) {
            case CABEXTRACT -> t.run(dir, 600, "-q", "-d", d, c).assertSuccess("cabextract " + cab);
            case SEVEN_ZIP -> t.run(dir, 600, "x", "-y", "-o" + d, c).assertSuccess("7z x " + cab);
            case BSDTAR -> t.run(dir, 600, "-xf", c, "-C", d).assertSuccess("bsdtar -xf " + cab);
            case GCAB -> t.run(dir, 600, "-x", "-C", d, c).assertSuccess("gcab -x " + cab);
            default -> throw new IllegalStateException();
        }
        return dir;
    }

    /** Asserts the extracted tree holds exactly {@code expected} (cabinet name with '\' -> bytes). */
    public void assertExtracts(Path cab, Path work, Map<String, byte[]> expected) throws IOException, InterruptedException {
        Path dir = extract(cab, work);
        try (var walk = Files.walk(dir)) {
            long count = walk.filter(Files::isRegularFile).count();
            assertThat(count).as("%s: number of extracted files", this).isEqualTo(expected.size());
        }
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            Path p = dir.resolve(e.getKey().replace('\\', '/'));
            assertThat(p).as("%s extracted %s", this, e.getKey()).isRegularFile();
            byte[] got = Files.readAllBytes(p);
            if (!Arrays.equals(got, e.getValue())) {
                int mm = Arrays.mismatch(got, e.getValue());
                throw new AssertionError(this + ": " + e.getKey() + " differs at byte " + mm + " (got " + got.length
                        + " bytes, expected " + e.getValue().length + ")");
            }
        }
    }
}
