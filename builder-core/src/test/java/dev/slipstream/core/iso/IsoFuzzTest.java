package dev.slipstream.core.iso;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.slipstream.testing.FuzzOutcome;
import dev.slipstream.testing.CorpusFiles;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Fuzz target: an ISO image. The input is the image from sector 16 on (the volume descriptors);
 * the 32 KiB system area in front, which the reader never interprets, is zeros, so that seeds
 * stay small and every mutated byte lands where it matters. Opens the image, walks every
 * namespace it has (ISO 9660, Joliet, Rock Ridge), reads every regular file to a null sink
 * (zisofs and multi-extent files included), and reads the El Torito catalog and boot images.
 */
class IsoFuzzTest {

    static final int SYSTEM_AREA = 16 * 2048;

    @FuzzTest(maxDuration = "10m")
    void image(byte[] data) throws Exception {
        FuzzOutcome.expectResultOrTyped("iso", () -> {
            Path file = FuzzOutcome.scratchFile("fuzz.iso", SYSTEM_AREA, data);
            walkAndRead(file);
        });
    }

    static void walkAndRead(Path file) throws Exception {
        try (IsoImageReader r = IsoImageReader.open(file)) {
            r.volumeInfo();
            r.warnings();
            r.jolietVolumeId();
            for (IsoNamespace ns : IsoNamespace.values()) {
                try {
                    for (IsoEntry e : r.entries(ns)) {
                        if (e.isRegularFile()) {
                            readFully(r.content(e));
                        }
                    }
                } catch (dev.slipstream.core.error.BadInputException next) {
                    // a namespace the image lacks, or a broken tree: the other trees still count
                }
            }
            var catalog = r.bootCatalog();
            if (catalog.isPresent()) {
                for (ElToritoCatalog.BootImage img : catalog.get().images()) {
                    readFully(r.bootImageContent(img));
                }
            }
        }
    }

    private static void readFully(ContentSource src) throws Exception {
        long declared = src.size();
        long n = src.transferTo(NULL_SINK);
        if (n != declared) {
            throw new AssertionError(src.describe() + ": declared " + declared + " bytes, delivered " + n);
        }
    }

    private static final WritableByteChannel NULL_SINK = new WritableByteChannel() {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    /** The body over every small image of the shared corpus (hostile ones included, e.g. the Rock Ridge CE loop). */
    @Test
    void sharedCorpus() {
        var files = CorpusFiles.under("iso", p -> CorpusFiles.name(p).endsWith(".iso"));
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            FuzzOutcome.expectResultOrTyped("iso " + f, () -> walkAndRead(f));
        }
    }
}
