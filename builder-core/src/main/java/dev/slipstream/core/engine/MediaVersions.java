package dev.slipstream.core.engine;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.engine.hotfix.VersionCatalog;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.iso.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the file versions of named files of a setup folder, wherever the media keep them: loose,
 * compressed ({@code _}), or inside a driver cabinet listed in DRVINDEX.INF. Only the named files
 * are read, so a hotfix decision costs a few files, not the whole CD.
 */
public final class MediaVersions {

    private final SetupFileCodec codec;
    private final Workspace workspace;

    public MediaVersions(SetupFileCodec codec, Workspace workspace) {
        this.codec = codec;
        this.workspace = workspace;
    }

    /** @param names upper-case file names */
    public VersionCatalog of(StagedTree tree, String setup, DrvindexInf drvindex, Set<String> names, String label)
            throws IOException {
        return into(new VersionCatalog(label), tree, setup, drvindex, names);
    }

    /** Adds the versions of {@code names} in {@code setup} (and its driver cabinets) to {@code cat}. */
    public VersionCatalog into(VersionCatalog cat, StagedTree tree, String setup, DrvindexInf drvindex, Set<String> names)
            throws IOException {
        Map<String, Set<String>> byCabinet = new TreeMap<>();
        for (String n : names) {
            Optional<StagedFile> plain = tree.get(MediaPath.of(setup, n));
            Optional<StagedFile> packed = tree.get(MediaPath.of(setup, SetupNames.compressed(n)));
            if (plain.isPresent()) {
                cat.put(n, FileVersions.of(local(plain.get().source()), plain.get().source().describe()));
            } else if (packed.isPresent()) {
                cat.put(n, codec.versionOf(packed.get().source(), packed.get().source().describe()));
            } else if (drvindex != null) {
                drvindex.cabinetFor(n).ifPresent(c -> byCabinet.computeIfAbsent(c.cabinet(), k -> new TreeSet<>()).add(n));
            }
        }
        for (Map.Entry<String, Set<String>> e : byCabinet.entrySet()) {
            Optional<StagedFile> cab = tree.get(MediaPath.of(setup, e.getKey()));
            if (cab.isPresent()) {
                readFromCabinet(local(cab.get().source()), cab.get().source().describe(), e.getValue(), cat);
            }
        }
        return cat;
    }

    /** Adds the versions of the {@code names} (upper case) that the cabinet holds. */
    public void readFromCabinet(Path cab, String describe, Set<String> names, VersionCatalog cat) throws IOException {
        try (CabinetReader r = CabinetReader.open(cab, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            for (CabEntry e : r.entries()) {
                String n = SetupNames.key(e.name().substring(e.name().lastIndexOf('\\') + 1));
                if (!names.contains(n)) {
                    continue;
                }
                Path tmp = workspace.file("member");
                try (InputStream in = r.openStream(e);
                        OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                    in.transferTo(os);
                }
                cat.put(n, FileVersions.of(tmp, describe + ": " + e.name()));
                Files.delete(tmp);
            }
        }
    }

    /** The source as a whole file on disk: itself when it is one, else a copy in the workspace. */
    private Path local(ContentSource src) throws IOException {
        if (src instanceof ContentSource.FileRegion r && r.offset() == 0 && r.size() == Files.size(r.file())) {
            return r.file();
        }
        Path tmp = workspace.file("copy");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            src.transferTo(out);
        }
        return tmp;
    }
}
