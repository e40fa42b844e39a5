package dev.slipstream.cli.build;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.iso.IsoEntry;
import dev.slipstream.core.iso.IsoImageReader;
import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pe.PeReader;
import dev.slipstream.core.pe.VersionInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A built ISO read back through our own readers only (ISO, cabinet, PE, INF), as the oracle side
 * of the end-to-end tests: nothing here uses the engine.
 */
final class BuiltMedia implements AutoCloseable {

    private final IsoImageReader iso;
    private final Map<String, IsoEntry> files = new HashMap<>();
    private final Path scratch;

    BuiltMedia(Path image, Path scratch) throws IOException {
        this.iso = IsoImageReader.open(image);
        this.scratch = scratch;
        for (IsoEntry e : iso.entries()) {
            if (e.isRegularFile()) {
                files.put(e.path().toUpperCase(Locale.ROOT), e);
            }
        }
    }

    IsoImageReader reader() {
        return iso;
    }

    boolean has(String path) {
        return files.containsKey(path.toUpperCase(Locale.ROOT));
    }

    int fileCount() {
        return files.size();
    }

    byte[] bytes(String path) throws IOException {
        IsoEntry e = files.get(path.toUpperCase(Locale.ROOT));
        if (e == null) {
            throw new java.nio.file.NoSuchFileException(path);
        }
        ContentSource c = iso.content(e);
        try (InputStream in = Channels.newInputStream(c.open())) {
            return in.readAllBytes();
        }
    }

    /** The file's own bytes: the plain copy, or the member of its compressed copy. */
    byte[] expanded(String path) throws IOException {
        if (has(path)) {
            return bytes(path);
        }
        String packed = compressedName(path);
        Path tmp = Files.createTempFile(scratch, "packed", "");
        Files.write(tmp, bytes(packed));
        return single(tmp);
    }

    /** The only member of a one-file cabinet. */
    static byte[] single(Path cab) throws IOException {
        try (CabinetReader r = CabinetReader.open(cab, 0, CabReadOptions.DEFAULTS)) {
            List<CabEntry> es = r.entries();
            if (es.size() != 1) {
                throw new IOException(cab + " holds " + es.size() + " files");
            }
            return r.openStream(es.get(0)).readAllBytes();
        }
    }

    /** A member of a cabinet of the media (SP2.CAB, DRIVER.CAB), by file name. */
    byte[] cabinetMember(String cabPath, String name) throws IOException {
        Path tmp = Files.createTempFile(scratch, "cab", "");
        Files.write(tmp, bytes(cabPath));
        try (CabinetReader r = CabinetReader.open(tmp, 0, CabReadOptions.DEFAULTS)) {
            for (CabEntry e : r.entries()) {
                if (e.name().equalsIgnoreCase(name)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    r.openStream(e).transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new java.nio.file.NoSuchFileException(cabPath + ":" + name);
    }

    static Optional<FileVersion> version(byte[] image, String name) throws IOException {
        try (SeekableInMemoryByteChannel ch = new SeekableInMemoryByteChannel(image)) {
            if (!PeReader.looksLikePe(ch)) {
                return Optional.empty();
            }
            try (PeReader r = PeReader.of(ch, name)) {
                return r.versionInfo().flatMap(VersionInfo::fileVersion);
            }
        }
    }

    InfDocument inf(String path, Charset ansi) throws IOException {
        return InfParser.parse(expanded(path), path, InfReadOptions.withAnsi(ansi));
    }

    static String compressedName(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot < slash) {
            return path + "._";
        }
        return path.length() - dot - 1 < 3 ? path + "_" : path.substring(0, path.length() - 1) + "_";
    }

    @Override
    public void close() throws IOException {
        iso.close();
    }
}
