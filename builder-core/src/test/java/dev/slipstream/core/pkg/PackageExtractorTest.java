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
import dev.slipstream.testing.ByteSearch;
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
    void everyMemberIsWrittenWholeIntoOnePackWhoseLayoutDoesNotDependOnThreads() throws IOException {
        Map<String, byte[]> members = members();
        Path cab = cabinet(members);
        AtomicLong progress = new AtomicLong();
        Path root = PackageExtractor.extractInto(cab, Files.createDirectories(dir.resolve("out")), 4, progress::addAndGet);
        long total = 0;
        for (Map.Entry<String, byte[]> e : members.entrySet()) {
            Path member = root.resolve(e.getKey().replace('\\', '/'));
            assertThat(Files.size(member)).as(e.getKey()).isEqualTo(e.getValue().length);
            assertThat(Files.readAllBytes(member)).as(e.getKey()).isEqualTo(e.getValue());
            total += e.getValue().length;
        }
        assertThat(progress.get()).isEqualTo(total);
        try (var s = Files.list(dir.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("tree.pack");
        }
        // Folders decoded side by side write into fixed places: one thread gives the same bytes.
        Path single = dir.resolve("single.pack");
        assertThat(PackageExtractor.extract(cab, single, 1, x -> { })).isEqualTo(members.size());
        assertThat(Files.readAllBytes(single)).isEqualTo(Files.readAllBytes(dir.resolve("out").resolve("tree.pack")));
    }

    @Test
    void hostileOrCollidingNamesAreRefusedBeforeAnythingIsWritten() throws IOException {
        // Our writer refuses such names, so each is written with a placeholder of the same length
        // and patched in the cabinet's CFFILE area afterwards (no checksum covers the names).
        String[][] cases = {{"i386\\QQ\\QQ\\evil.dll", "i386\\..\\..\\evil.dll"}, {"i386\\QQQ.sys", "i386\\con.sys"},
            {"QQevil.dll", "C:evil.dll"}, {"i386\\a.dll|i386\\b.dll", "i386\\a.dll|I386\\A.DLL"},
            {"i386\\x|i386\\Q\\y.dll", "i386\\x|I386\\X\\y.dll"}};
        for (String[] c : cases) {
            Map<String, byte[]> m = new LinkedHashMap<>();
            for (String n : c[0].split("\\|")) {
                m.put(n, new byte[] {1, 2, 3});
            }
            Path cab = cabinet(m);
            byte[] bytes = Files.readAllBytes(cab);
            String[] from = c[0].split("\\|");
            String[] to = c[1].split("\\|");
            for (int k = 0; k < from.length; k++) {
                byte[] f = (from[k] + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] t = (to[k] + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                int at = ByteSearch.indexOf(bytes, f);
                assertThat(at).as(from[k]).isNotNegative();
                System.arraycopy(t, 0, bytes, at, t.length);
            }
            Files.write(cab, bytes);
            Path pack = dir.resolve("hostile.pack");
            assertThatThrownBy(() -> PackageExtractor.extract(cab, pack, 2, x -> { })).as(c[1])
                    .isInstanceOf(BadInputException.class).hasMessageContaining("package.cab");
            assertThat(pack).as(c[1]).doesNotExist();
            Files.delete(cab);
        }
    }

    @Test
    void aDamagedPackageFailsAndLeavesNoPack() throws IOException {
        Path cab = cabinet(members());
        // A data block of a late folder damaged: the other folders decode and are written meanwhile.
        byte[] b = Files.readAllBytes(cab);
        for (int i = b.length * 2 / 3; i < b.length * 2 / 3 + 64; i++) {
            b[i] ^= 0x55;
        }
        Files.write(cab, b);
        Path pack = dir.resolve("out.pack");
        assertThatThrownBy(() -> PackageExtractor.extract(cab, pack, 4, x -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("package.cab");
        assertThat(pack).doesNotExist();
        // No writer runs on after extract returned: nothing appears later either.
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(pack).doesNotExist();
    }
}
