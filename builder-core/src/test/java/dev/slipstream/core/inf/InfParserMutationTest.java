package dev.slipstream.core.inf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of real files: the parser either reads them (and then writes them back
 * byte-identical) or rejects them with a BadInputException naming a line; never anything else.
 */
class InfParserMutationTest {

    private static final List<String> SEEDS = List.of(
            "inf/reactos-0.4.13/boot__bootdata__txtsetup.sif",
            "inf/reactos-0.4.13/boot__bootdata__hivesys.inf",
            "inf/windows-driver-samples/network__netadaptercx__netvadapter__km__netvadapter.inf",
            "inf/vmcloak/winnt.sif");

    @Test
    void mutatedFilesRoundTripOrFailCleanly() throws IOException {
        Random random = new Random(20261121L);
        int parsed = 0;
        int rejected = 0;
        for (String seed : SEEDS) {
            byte[] original = Files.readAllBytes(SharedCorpus.corpus(seed));
            for (int round = 0; round < 150; round++) {
                byte[] b = original.clone();
                int edits = 1 + random.nextInt(8);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(b.length);
                    b[at] = switch (random.nextInt(6)) {
                        case 0 -> (byte) '"';
                        case 1 -> (byte) '\\';
                        case 2 -> (byte) '\n';
                        case 3 -> (byte) '[';
                        case 4 -> (byte) 0;
                        default -> (byte) random.nextInt(256);
                    };
                }
                try {
                    InfDocument d = InfParser.parse(b, seed, InfReadOptions.defaults());
                    assertThat(d.toBytes()).isEqualTo(b);
                    for (String s : d.sectionNames()) {
                        for (InfLine l : d.entries(s)) {
                            l.fields();
                        }
                    }
                    parsed++;
                } catch (BadInputException ex) {
                    assertThat(ex.line()).isPositive();
                    assertThat(ex.getMessage()).startsWith(seed + ":");
                    rejected++;
                }
            }
        }
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }
}
