package dev.slipstream.core.media;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabExtractor;
import dev.slipstream.core.cab.CabinetChecksumVerifier;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** {@link CabinetAccess} through slipstream's own {@link CabinetReader}. */
public final class ReaderCabinetAccess implements CabinetAccess {

    @Override
    public boolean available() {
        return true;
    }

    /** The single file of a compressed copy ({@code NTDLL.DL_}), streamed; closing it closes the cabinet. */
    @Override
    public InputStream openCompressed(Path compressed) throws IOException {
        CabinetReader r = CabinetReader.open(compressed);
        try {
            List<CabEntry> entries = r.entries();
            if (entries.size() != 1) {
                throw BadInputException.in(compressed)
                        .hint("a compressed copy such as NTDLL.DL_ holds one file; use 'slipstream cab extract' for a cabinet")
                        .problem("the cabinet holds %d files", entries.size());
            }
            InputStream in = r.openStream(entries.get(0));
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        r.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Member paths ({@code /} separators), in cabinet order, as {@code cabextract -l} shows them. */
    @Override
    public List<String> members(Path cabinet) throws IOException {
        try (CabinetReader r = CabinetReader.open(cabinet)) {
            return r.entries().stream().map(CabEntry::path).toList();
        }
    }

    @Override
    public boolean verifyWithoutDecoding(Path cabinet) throws IOException {
        return CabinetChecksumVerifier.verify(cabinet).verified();
    }

    @Override
    public void test(Path cabinet) throws IOException {
        try (CabinetReader r = CabinetReader.open(cabinet)) {
            CabExtractor.test(r, CabExtractor.Options.all());
        }
    }
}
