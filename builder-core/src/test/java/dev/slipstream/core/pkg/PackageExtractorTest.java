package dev.slipstream.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.cab.CabCompression;
import dev.slipstream.core.cab.CabinetWriter;
import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageExtractorTest {

    @TempDir
    Path dir;

    /** Members of every size class: empty, small, several write chunks, and larger than what is buffered. */
    private Map<String, byte[]> members() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        Random r = new Random(11);
        int[] sizes = {0, 1, 5_000, 131_072, 131_073, 700_000, 4 << 20, (4 << 20) + 1, 6_000_000};
        for (int i = 0; i < 24; i++) {
            byte[] b = new byte[sizes[i % sizes.length] / (i < sizes.length ? 1 : 7)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (r.nextInt(4) + j % 251);
            }
            m.put("i386\\file" + i + ".bin", b);
        }
        return m;
    }

    private Path cabinet(Map<String, byte[]> members) throws IOException {
        List<CabinetWriter.Entry> entries = new ArrayList<>();
        members.forEach((n, b) -> entries.add(CabinetWriter.Entry.ofBytes(n, b, Instant.EPOCH)));
        Path cab = dir.resolve("package.cab");
        // Small folders: several decoders run at once and share the writer's chunks.
        CabinetWriter.write(cab, entries, CabinetWriter.Options.defaults().withCompression(CabCompression.MSZIP)
                .withMaxFolderBytes(3 << 20));
        return cab;
    }

    @Test
    void everyMemberIsWrittenWhole() throws IOException {
        Map<String, byte[]> members = members();
        Path out = dir.resolve("out");
        AtomicLong progress = new AtomicLong();
        int n = PackageExtractor.extract(cabinet(members), out, 4, progress::addAndGet);
        assertThat(n).isEqualTo(members.size());
        long total = 0;
        for (Map.Entry<String, byte[]> e : members.entrySet()) {
            assertThat(out.resolve(e.getKey().replace('\\', '/'))).as(e.getKey()).hasBinaryContent(e.getValue());
            total += e.getValue().length;
        }
        assertThat(progress.get()).isEqualTo(total);
    }

    @Test
    void aDamagedPackageFailsAndNothingIsWrittenAfterTheFailure() throws IOException {
        Path cab = cabinet(members());
        // A data block of a late folder damaged: the other folders decode and are written meanwhile.
        byte[] b = Files.readAllBytes(cab);
        for (int i = b.length * 2 / 3; i < b.length * 2 / 3 + 64; i++) {
            b[i] ^= 0x55;
        }
        Files.write(cab, b);
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> PackageExtractor.extract(cab, out, 4, x -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("package.cab");
        long files;
        try (var s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).count();
        }
        // Whatever was written before the failure stays put: no writer runs on after extract returned.
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var s = Files.walk(out)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(files);
        }
    }
}
