package dev.slipstream.core.hash;

import dev.slipstream.core.error.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Known packages and their published figures, read from catalog files.
 *
 * <p>The format is plain text, one package per line, fields separated by spaces or tabs:
 * <pre>
 * # comment
 * NAME  SIZE  CRC32  CRC64  SHA256  SHA1  BLAKE2sp
 * </pre>
 * NAME is the file name (no spaces, matched case-insensitively), SIZE a decimal byte count, each
 * hash hex (either case) of its full length, or {@code -} when the publisher did not give it; at
 * least one hash is required. Blank lines and lines starting with {@code #} are ignored. The same
 * name may appear on several lines (several releases of one package); a file matches when it
 * agrees with any of them. {@code slipstream hash --catalog-lines} prints lines in this format.
 */
public final class PackageCatalog {

    /** The column order of a catalog line after NAME and SIZE. */
    public static final List<HashAlgorithm> COLUMNS = List.of(HashAlgorithm.values());

    static final String BUILT_IN_RESOURCE = "known-packages.catalog";
    static final String BUILT_IN_ORIGIN = "built-in catalog";

    /** Far above any real catalog; keeps a wrong file (an ISO passed by mistake) from filling memory. */
    static final long MAX_CATALOG_BYTES = 16L << 20;

    private static final String LINE_HINT = "Each line is NAME SIZE CRC32 CRC64 SHA256 SHA1 BLAKE2sp, "
            + "separated by spaces, with '-' for a hash that was not published (see docs/cli.md)";

    private final List<CatalogEntry> entries;

    private PackageCatalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static PackageCatalog of(List<CatalogEntry> entries) {
        return new PackageCatalog(entries);
    }

    /** The catalog shipped inside slipstream: the packages whose figures Microsoft published. */
    public static PackageCatalog builtIn() {
        try (InputStream in = PackageCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in catalog resource " + BUILT_IN_RESOURCE + " is missing from the jar");
            }
            return parse(BUILT_IN_ORIGIN, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in catalog is unreadable: " + e.getMessage(), e);
        }
    }

    /** Reads a catalog file (UTF-8). */
    public static PackageCatalog load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_CATALOG_BYTES) {
            throw BadInputException.in(file).hint("Pass a catalog text file. " + LINE_HINT)
                    .problem("%d bytes is too large for a package catalog (limit %d MiB)", size, MAX_CATALOG_BYTES >> 20);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw BadInputException.in(file).hint("Save the catalog as UTF-8 text. " + LINE_HINT)
                    .problem(e, "not a UTF-8 text file");
        }
        return parse(file.toString(), new java.io.StringReader(text));
    }

    /** Parses catalog text; {@code source} names it in errors and in each entry's origin. */
    public static PackageCatalog parse(String source, Reader text) throws IOException {
        List<CatalogEntry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(text);
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            out.add(parseLine(source, lineNo, t));
        }
        return new PackageCatalog(out);
    }

    private static CatalogEntry parseLine(String source, int lineNo, String line) throws BadInputException {
        String[] f = line.split("[ \t]+");
        if (f.length != 2 + COLUMNS.size()) {
            throw bad(source, lineNo, "expected 7 fields, found %d", f.length);
        }
        String name = f[0];
        long size;
        try {
            size = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            throw bad(source, lineNo, "size '%s' of %s is not a decimal number of bytes", f[1], name);
        }
        if (size < 0) {
            throw bad(source, lineNo, "size %d of %s is negative", size, name);
        }
        Map<HashAlgorithm, String> hashes = new EnumMap<>(HashAlgorithm.class);
        for (int i = 0; i < COLUMNS.size(); i++) {
            HashAlgorithm a = COLUMNS.get(i);
            String v = f[2 + i];
            if (v.equals("-")) {
                continue;
            }
            if (v.length() != a.hexLength() || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw bad(source, lineNo, "%s of %s must be %d hex digits or '-', found '%s'",
                        a.displayName(), name, a.hexLength(), v);
            }
            hashes.put(a, v.toUpperCase(Locale.ROOT));
        }
        if (hashes.isEmpty()) {
            throw bad(source, lineNo, "%s has no hash at all; give at least one", name);
        }
        return new CatalogEntry(name, size, hashes, source + ":" + lineNo);
    }

    private static BadInputException bad(String source, int line, String format, Object... args) {
        return BadInputException.in(source).atLine(line).hint(LINE_HINT).problem(format, args);
    }

    /** This catalog followed by {@code other}. */
    public PackageCatalog plus(PackageCatalog other) {
        List<CatalogEntry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new PackageCatalog(all);
    }

    public List<CatalogEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The entries for a file name, compared case-insensitively as Windows does. */
    public List<CatalogEntry> byName(String fileName) {
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (e.name().equalsIgnoreCase(fileName)) {
                out.add(e);
            }
        }
        return out;
    }

    public List<CatalogEntry> bySize(long size) {
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (e.size() == size) {
                out.add(e);
            }
        }
        return out;
    }
}
