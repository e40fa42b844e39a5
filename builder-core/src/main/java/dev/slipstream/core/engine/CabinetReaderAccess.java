package dev.slipstream.core.engine;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.media.CabinetAccess;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The media linter's cabinet seam, served by our own cabinet reader. */
public final class CabinetReaderAccess implements CabinetAccess {

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public InputStream openCompressed(Path compressed) throws IOException {
        CabinetReader r = CabinetReader.open(compressed, 0, CabReadOptions.DEFAULTS.withFollowSet(false));
        try {
            List<CabEntry> entries = r.entries();
            if (entries.size() != 1) {
                throw BadInputException.in(compressed).hint("a compressed setup file holds exactly one file")
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

    @Override
    public List<String> members(Path cabinet) throws IOException {
        try (CabinetReader r = CabinetReader.open(cabinet, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            List<String> out = new ArrayList<>();
            for (CabEntry e : r.entries()) {
                out.add(e.name());
            }
            return out;
        }
    }

    @Override
    public void test(Path cabinet) throws IOException {
        try (CabinetReader r = CabinetReader.open(cabinet, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            r.readAll(e -> true, 1, (e, in) -> in.transferTo(OutputStream.nullOutputStream()));
        }
    }
}
