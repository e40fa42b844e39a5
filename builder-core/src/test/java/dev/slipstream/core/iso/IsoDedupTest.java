package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoDedupTest {

    @TempDir
    Path tmp;

    static ContentSource text(String s) {
        return ContentSource.ofBytes(s.getBytes(StandardCharsets.US_ASCII), s);
    }

    @Test
    void identicalContentsShareOneExtentAndSameSizedDifferentOnesDoNot() throws Exception {
        IsoTree t = new IsoTree().add("1.TXT", text("AAAA")).add("2.TXT", text("BBBB")).add("3.TXT", text("AAAA"))
                .add("4.TXT", text("CCCC")).add("5.TXT", text("BBBB")).add("PAIR/X.DAT", text("same pair"))
                .add("PAIR/Y.DAT", text("same pair")).add("Q/1.DAT", text("differ 1")).add("Q/2.DAT", text("differ 2"))
                .add("EMPTY1", text("")).add("EMPTY2", text(""));
        Path iso = tmp.resolve("d.iso");
        IsoImageWriter.Result r = new IsoImageWriter(IsoWriteOptions.defaults(Instant.EPOCH)).write(t, iso);
        assertThat(r.duplicateFiles()).isEqualTo(3);
        assertThat(r.duplicateBytes()).isEqualTo(4 + 4 + 9);
        Map<String, Long> lba = new HashMap<>();
        try (IsoImageReader reader = IsoImageReader.open(iso)) {
            for (IsoEntry e : reader.entries()) {
                if (!e.directory()) {
                    lba.put(e.path(), e.lba());
                    assertThat(new String(ElToritoTest.readAll(reader.content(e)), StandardCharsets.US_ASCII))
                            .isEqualTo(new String(ElToritoTest.readAll(t.get(e.path())), StandardCharsets.US_ASCII));
                }
            }
        }
        assertThat(lba.get("3.TXT")).isEqualTo(lba.get("1.TXT"));
        assertThat(lba.get("5.TXT")).isEqualTo(lba.get("2.TXT"));
        assertThat(lba.get("PAIR/Y.DAT")).isEqualTo(lba.get("PAIR/X.DAT"));
        assertThat(lba.get("4.TXT")).isNotIn(lba.get("1.TXT"), lba.get("2.TXT"));
        assertThat(lba.get("Q/1.DAT")).isNotEqualTo(lba.get("Q/2.DAT"));

        Path plain = tmp.resolve("plain.iso");
        IsoImageWriter.Result p = new IsoImageWriter(IsoWriteOptions.defaults(Instant.EPOCH).deduplicate(false)).write(t, plain);
        assertThat(p.duplicateFiles()).isZero();
        assertThat(p.sectors()).isEqualTo(r.sectors() + 3);
    }
}
