package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CabChecksumTest {

    @Test
    void matchesTheChecksumsMakecabStoredInARealCabinet() throws IOException {
        byte[] cab = Files.readAllBytes(SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/simple.cab"));
        ByteBuffer b = ByteBuffer.wrap(cab).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(CabConstants.SIGNATURE);
        int folders = b.getShort(CabConstants.CFHEADER_C_FOLDERS) & 0xFFFF;
        int checked = 0;
        for (int f = 0; f < folders; f++) {
            int folder = CabConstants.CFHEADER_SIZE + f * CabConstants.CFFOLDER_SIZE;
            int pos = b.getInt(folder);
            int blocks = b.getShort(folder + 4) & 0xFFFF;
            for (int i = 0; i < blocks; i++) {
                int stored = b.getInt(pos);
                int cbData = b.getShort(pos + 4) & 0xFFFF;
                int cbUncomp = b.getShort(pos + 6) & 0xFFFF;
                if (stored != 0) {
                    assertThat(CabChecksum.forBlock(cab, pos + CabConstants.CFDATA_SIZE, cbData, cbUncomp))
                            .as("block %d of folder %d", i, f).isEqualTo(stored);
                    checked++;
                }
                pos += CabConstants.CFDATA_SIZE + cbData;
            }
        }
        assertThat(checked).isPositive();
    }
}
