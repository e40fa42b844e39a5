package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .cab} addon pack through our {@link CabinetReader}, which bounds every header field
 * against the file and verifies every CFDATA checksum. A pack is one cabinet: a set is refused.
 */
final class CabinetAddonArchive extends AddonArchive {

    private final CabinetReader reader;

    private CabinetAddonArchive(Path file, CabinetReader reader) {
        super(file);
        this.reader = reader;
    }

    static CabinetAddonArchive openCabinet(Path file) throws IOException {
        CabinetReader r;
        try {
            r = CabinetReader.open(file, 0, CabReadOptions.DEFAULTS.withFollowSet(false));
        } catch (BadInputException e) {
            throw e.source() != null && e.source().contains(file.getFileName().toString()) ? e : e.within(file.toString());
        }
        return new CabinetAddonArchive(file, r);
    }

    @Override
    public String format() {
        return "cab";
    }

    @Override
    List<AddonMember> list() throws IOException {
        if (reader.cabinets().size() > 1) {
            throw bad(null).hint("repack the addon as one cabinet").problem("is part of a cabinet set; an addon pack is one file");
        }
        List<AddonMember> out = new ArrayList<>();
        for (CabEntry e : reader.entries()) {
            out.add(new AddonMember(e.path(), e.size()));
        }
        return out;
    }

    @Override
    void read(MemberSink sink) throws IOException {
        for (CabEntry e : reader.entries()) {
            try (InputStream in = reader.openStream(e)) {
                sink.accept(new AddonMember(e.path(), e.size()), in);
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
