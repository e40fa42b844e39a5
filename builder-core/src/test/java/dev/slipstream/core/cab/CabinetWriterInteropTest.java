package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.cab.CabTestData.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every cabinet we write must be extracted byte-identically by the independent readers. */
class CabinetWriterInteropTest {

    private static final Instant WHEN = Instant.parse("2006-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    /** Boundary sizes, every kind of content, empty files, a Unicode name, in one cabinet. */
    static Map<String, byte[]> boundaryMembers() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("empty.txt", new byte[0]);
        m.put("one.bin", CabTestData.generate(Kind.RANDOM, 1, 1));
        m.put("i386\\text32767.inf", CabTestData.generate(Kind.TEXT, 32767, 2));
        m.put("i386\\pe32768.sys", CabTestData.generate(Kind.PE, 32768, 3));
        m.put("i386\\rep32769.dat", CabTestData.generate(Kind.REPETITIVE, 32769, 4));
        m.put("big\\random-2M-1.bin", CabTestData.generate(Kind.RANDOM, (1 << 21) - 1, 5));
        m.put("big\\pe-2M+1.dll", CabTestData.generate(Kind.PE, (1 << 21) + 1, 6));
        m.put("big\\mixed.bin", CabTestData.generate(Kind.MIXED, 700_001, 7));
        m.put("empty2", new byte[0]);
        m.put("Übersetzung\\日本語.txt", CabTestData.generate(Kind.TEXT, 5000, 8));
        return m;
    }

    static List<CabinetWriter.Entry> entries(Map<String, byte[]> m) {
        List<CabinetWriter.Entry> list = new ArrayList<>();
        m.forEach((k, v) -> list.add(CabinetWriter.Entry.ofBytes(k, v, WHEN)));
        return list;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "mszip", "lzx:21", "lzx:15", "lzx:18"})
    void boundaryCabinetIsReadByEveryJudge(String compression) throws Exception {
        Map<String, byte[]> members = boundaryMembers();
        Path cab = tmp.resolve("t.cab");
        CabinetWriter.Options o = CabinetWriter.Options.defaults().withCompression(CabCompression.parse(compression))
                .withTimestamp(Optional.empty());
        CabinetWriter.write(cab, entries(members), o);
        assertThat(cab).exists();
        for (CabJudges j : CabJudges.values()) {
            if (j == CabJudges.GCAB && compression.startsWith("lzx")) {
                continue; // gcab reads no LZX
            }
            j.assertExtracts(cab, tmp, members);
        }
    }
}
