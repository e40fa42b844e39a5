package dev.slipstream.core.inf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A lossless INF/SIF document: every line as read, in order, with the exact bytes behind it.
 * Written back unedited it reproduces the input byte for byte; an edit rewrites only the lines it
 * must, and new lines use the file's encoding and line ending.
 *
 * <p>Section names and keys are compared case-insensitively, and sections of the same name are
 * merged for lookups, as setup does. Read values through {@link #fields(String, String)} to get
 * {@code %strkey%} substituted from {@code [Strings]}.
 */
public final class InfDocument {

    private final String source;
    private final InfEncoding encoding;
    /** Whether ASCII lines are encoded as their chars' low bytes (every encoding but UTF-16). */
    private final boolean asciiBytes;
    private final String newline;
    private final List<InfSection> sections;
    private Map<String, List<InfSection>> byName;
    private String stringsLanguage;
    private boolean modified;
    private long revision;
    private final List<InfDiagnostic> warnings = new ArrayList<>();

    private InfDocument(String source, InfEncoding encoding, String newline, List<InfSection> sections) {
        this.source = source;
        this.encoding = encoding;
        this.asciiBytes = encoding.asciiCompatible();
        this.newline = newline;
        this.sections = sections;
    }

    /** An empty document that will be written in {@code encoding} with {@code newline} line ends. */
    public static InfDocument empty(String source, InfEncoding encoding, String newline) {
        List<InfSection> s = new ArrayList<>();
        s.add(new InfSection(null));
        return new InfDocument(source, encoding, newline, s);
    }

    /** The file name the document was read from, for messages. */
    public String source() {
        return source;
    }

    public InfEncoding encoding() {
        return encoding;
    }

    /** The line ending new lines get: the file's first one, CRLF if it has none. */
    public String newline() {
        return newline;
    }

    /** What the parser accepted but found odd (e.g. open quotes), in line order. */
    public List<InfDiagnostic> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** True once an edit changed something. */
    public boolean isModified() {
        return modified;
    }

    /**
     * A number that changes with every edit (and with the strings language), so that a view can
     * keep an index built from the document until the document changes.
     */
    public long revision() {
        return revision;
    }

    private void touch() {
        modified = true;
        revision++;
    }

    // ---- reading ----------------------------------------------------------------------------

    /** Every section occurrence in file order; the first one holds the lines before the first header. */
    public List<InfSection> sections() {
        return Collections.unmodifiableList(sections);
    }

    /** The occurrences of a section, case-insensitively, in file order. */
    public List<InfSection> sections(String name) {
        return Collections.unmodifiableList(index().getOrDefault(InfSection.normalize(name), List.of()));
    }

    public boolean hasSection(String name) {
        return !sections(name).isEmpty();
    }

    /** The distinct section names, as first written, in file order. */
    public List<String> sectionNames() {
        List<String> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (InfSection s : sections) {
            if (s.name() != null && seen.add(InfSection.normalize(s.name()))) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** The entry lines of a section, all occurrences merged, in file order. */
    public List<InfLine> entries(String section) {
        List<InfLine> out = new ArrayList<>();
        for (InfSection s : sections(section)) {
            out.addAll(s.entries());
        }
        return out;
    }

    /** Every entry of the section with this key, case-insensitively. */
    public List<InfLine> entries(String section, String key) {
        String id = "k:" + key.strip().toLowerCase(Locale.ROOT);
        List<InfLine> out = new ArrayList<>();
        for (InfSection s : sections(section)) {
            out.addAll(s.byIdentity(id));
        }
        return out;
    }

    /** The first entry of the section with this key (setup uses the first). */
    public Optional<InfLine> entry(String section, String key) {
        String id = "k:" + key.strip().toLowerCase(Locale.ROOT);
        for (InfSection s : sections(section)) {
            List<InfLine> l = s.byIdentity(id);
            if (!l.isEmpty()) {
                return Optional.of(l.get(0));
            }
        }
        return Optional.empty();
    }

    /** The value text of the first entry with this key, exactly as written (quotes kept). */
    public Optional<String> rawValue(String section, String key) {
        return entry(section, key).map(InfLine::rawValue);
    }

    /** The fields of the first entry with this key, unquoted and with {@code %strkey%} substituted. */
    public Optional<List<String>> fields(String section, String key) {
        return entry(section, key).map(this::resolvedFields);
    }

    /** The first field of the first entry with this key, resolved; the usual way to read a setting. */
    public Optional<String> value(String section, String key) {
        return fields(section, key).map(f -> f.isEmpty() ? "" : f.get(0));
    }

    /** True if the section has a keyless line with these fields (compared case-insensitively). */
    public boolean hasLine(String section, String line) {
        return !keylessMatches(section, line).isEmpty();
    }

    /** An entry's fields with {@code %strkey%} substituted. */
    public List<String> resolvedFields(InfLine line) {
        List<String> f = line.fields();
        List<String> out = new ArrayList<>(f.size());
        for (String s : f) {
            out.add(resolve(s));
        }
        return out;
    }

    /**
     * Uses {@code [Strings.<language>]} before {@code [Strings]} for substitution, e.g.
     * {@code "0407"} for German; {@code null} uses {@code [Strings]} only.
     */
    public void useStringsLanguage(String language) {
        this.stringsLanguage = language;
        revision++;
    }

    /** Looks a string key up in the localized, then the plain {@code [Strings]} section. */
    public Optional<String> string(String key) {
        if (stringsLanguage != null) {
            Optional<InfLine> l = entry("Strings." + stringsLanguage, key);
            if (l.isPresent()) {
                return Optional.of(firstField(l.get()));
            }
        }
        return entry("Strings", key).map(InfDocument::firstField);
    }

    private static String firstField(InfLine l) {
        List<String> f = l.fields();
        return f.isEmpty() ? "" : String.join(",", f);
    }

    /**
     * Substitutes {@code %strkey%} from the strings sections; {@code %%} is a literal percent
     * sign; an unknown key is left as written, as setup does.
     */
    public String resolve(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            int close = value.indexOf('%', i + 1);
            if (close < 0) {
                sb.append(value, i, value.length());
                break;
            }
            if (close == i + 1) {
                sb.append('%');
            } else {
                String k = value.substring(i + 1, close);
                Optional<String> s = string(k);
                sb.append(s.orElse(value.substring(i, close + 1)));
            }
            i = close + 1;
        }
        return sb.toString();
    }

    // ---- editing ----------------------------------------------------------------------------

    /**
     * Sets {@code key = value} in the section: replaces the value of the first entry with that key
     * (keeping its key spelling, spacing and comment), or appends a new entry, creating the
     * section at the end of the file if needed. {@code value} is raw INF text: quote it yourself
     * where it needs quotes. Setting an entry to the value it has changes nothing.
     *
     * @return true if the document changed
     */
    public boolean set(String section, String key, String value) {
        checkNewText(key, "key");
        checkNewText(value, "value");
        InfLexer.Tokens probe = InfLexer.tokenize(key + " = " + value);
        if (probe.key() == null || !probe.key().equals(key.strip())) {
            throw new IllegalArgumentException("not usable as a key: '" + key + "' (it contains '=', ',', ';' or quotes)");
        }
        Optional<InfLine> existing = entry(section, key);
        if (existing.isPresent()) {
            InfLine line = existing.get();
            InfLexer.Tokens t = line.tokens();
            String oldText = line.text();
            if (oldText.substring(t.valueStart(), t.valueEnd()).equals(value)) {
                return false;
            }
            String content = line.content();
            // a value continued over several lines collapses into one; a trailing comment stays
            String newContent = content.substring(0, t.valueStart()) + value + content.substring(t.valueEnd());
            if (InfLexer.tokenize(newContent).fields().equals(t.fields())) {
                return false;
            }
            String newText = newContent + line.terminator();
            checkOneLine(newContent);
            line.replace(newText, encode(newText));
            touch();
            return true;
        }
        InfSection target = ensureSection(section);
        String sep = separatorStyle(target);
        addLineTo(target, key + sep + value);
        return true;
    }

    /**
     * Appends a keyless line (e.g. {@code d1,foo.dll} to DOSNET's {@code [Files]}) unless the section
     * already has a line with the same fields, compared case-insensitively.
     *
     * @return true if the document changed
     */
    public boolean addLine(String section, String line) {
        checkNewText(line, "line");
        if (hasLine(section, line)) {
            return false;
        }
        addLineTo(ensureSection(section), line);
        return true;
    }

    /** Appends an entry line as given, even if an equal one exists (for callers that manage duplicates). */
    public void appendLine(String section, String line) {
        checkNewText(line, "line");
        addLineTo(ensureSection(section), line);
    }

    /** Removes every entry with this key from every occurrence of the section; returns how many. */
    public int delete(String section, String key) {
        String id = "k:" + key.strip().toLowerCase(Locale.ROOT);
        int n = 0;
        for (InfSection s : sections(section)) {
            for (InfLine l : new ArrayList<>(s.byIdentity(id))) {
                if (s.remove(l)) {
                    n++;
                }
            }
        }
        if (n > 0) {
            touch();
        }
        return n;
    }

    /** Removes every keyless line with these fields (compared case-insensitively); returns how many. */
    public int removeLine(String section, String line) {
        int n = 0;
        for (InfSection s : sections(section)) {
            for (InfLine l : new ArrayList<>(s.byIdentity(keylessIdentity(line)))) {
                if (s.remove(l)) {
                    n++;
                }
            }
        }
        if (n > 0) {
            touch();
        }
        return n;
    }

    /** Removes an entry line object (from {@link #entries}); returns false if it is not in the document. */
    public boolean remove(InfLine line) {
        for (InfSection s : sections) {
            if (s.remove(line)) {
                touch();
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces a whole entry line's content (for typed views that rewrite a record). The line keeps
     * its terminator. No change if the content is the same.
     */
    public boolean replaceLine(InfLine line, String newContent) {
        checkNewText(newContent, "line");
        if (line.content().equals(newContent)) {
            return false;
        }
        String newText = newContent + line.terminator();
        for (InfSection s : sections) {
            if (s.mutableLines().stream().anyMatch(l -> l == line)) {
                line.replace(newText, encode(newText));
                s.reindex();
                touch();
                return true;
            }
        }
        throw new IllegalArgumentException("the line is not in this document: " + line);
    }

    /** Removes every occurrence of a section with its lines; returns how many occurrences. */
    public int deleteSection(String name) {
        List<InfSection> occ = new ArrayList<>(sections(name));
        for (InfSection s : occ) {
            sections.removeIf(x -> x == s);
        }
        if (!occ.isEmpty()) {
            byName = null;
            touch();
        }
        return occ.size();
    }

    /** The first occurrence of the section, created at the end of the file when missing. */
    public InfSection ensureSection(String name) {
        checkNewText(name, "section name");
        if (name.indexOf(']') >= 0 || name.indexOf('[') >= 0) {
            throw new IllegalArgumentException("a section name cannot contain brackets: " + name);
        }
        List<InfSection> occ = sections(name);
        if (!occ.isEmpty()) {
            return occ.get(0);
        }
        InfSection last = sections.get(sections.size() - 1);
        InfLine lastLine = lastLineOf(last);
        if (lastLine != null) {
            terminate(lastLine);
            if (lastLine.kind() != InfLine.Kind.BLANK) {
                last.mutableLines().add(newLine(InfLine.Kind.BLANK, newline));
            }
        }
        String text = "[" + name + "]" + newline;
        InfSection s = new InfSection(newLine(InfLine.Kind.SECTION_HEADER, text));
        sections.add(s);
        byName = null;
        touch();
        return s;
    }

    private static InfLine lastLineOf(InfSection s) {
        if (!s.mutableLines().isEmpty()) {
            return s.mutableLines().get(s.mutableLines().size() - 1);
        }
        return s.header();
    }

    private void addLineTo(InfSection target, String content) {
        int at = target.insertionPoint();
        InfLine before = at > 0 ? target.mutableLines().get(at - 1) : target.header();
        if (before != null) {
            terminate(before);
        }
        // The last line of the file keeps having no terminator if it had none.
        boolean atEnd = at == target.mutableLines().size() && target == sections.get(sections.size() - 1);
        String text = content + (atEnd && before != null && wasUnterminated(before) ? "" : newline);
        checkOneLine(content);
        InfLine line = newLine(InfLine.Kind.ENTRY, text);
        target.insert(at, line);
        touch();
    }

    private final java.util.Set<InfLine> terminatedByUs = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private boolean wasUnterminated(InfLine line) {
        return terminatedByUs.contains(line);
    }

    /** Gives the last line of the file a line ending so that a line can follow it. */
    private void terminate(InfLine line) {
        if (line.terminator().isEmpty()) {
            String t = line.text() + newline;
            line.replace(t, encode(t));
            terminatedByUs.add(line);
        }
    }

    private InfLine newLine(InfLine.Kind kind, String text) {
        InfLine l = new InfLine(kind, text, encode(text), 0, 1);
        l.markEdited();
        return l;
    }

    /** The spacing around '=' of the section's last entry (" = ", "=", "= "), so new lines look alike. */
    private static String separatorStyle(InfSection s) {
        for (int i = s.mutableLines().size() - 1; i >= 0; i--) {
            InfLine l = s.mutableLines().get(i);
            if (l.isEntry() && l.key() != null) {
                InfLexer.Tokens t = l.tokens();
                String c = l.content();
                int from = t.equalsAt();
                while (from > 0 && InfLexer.isSpace(c.charAt(from - 1))) {
                    from--;
                }
                String sep = c.substring(from, t.valueStart());
                if (sep.indexOf('\n') < 0 && sep.indexOf('\\') < 0) {
                    return sep;
                }
            }
        }
        return " = ";
    }

    private List<InfLine> keylessMatches(String section, String line) {
        List<InfLine> out = new ArrayList<>();
        String id = keylessIdentity(line);
        for (InfSection s : sections(section)) {
            out.addAll(s.byIdentity(id));
        }
        return out;
    }

    private static String keylessIdentity(String line) {
        InfLexer.Tokens t = InfLexer.tokenize(line);
        if (t.key() != null) {
            return "k:" + t.key().toLowerCase(Locale.ROOT);
        }
        return "l:" + String.join(",", t.fields()).toLowerCase(Locale.ROOT);
    }

    /** New entry text must be one complete line: no open quote, no trailing continuation. */
    private static void checkOneLine(String content) {
        int s = InfLexer.scanPhysical(content, 0, content.length());
        if (s == InfLexer.UNTERMINATED_QUOTE) {
            throw new IllegalArgumentException("unterminated quote in: " + content.strip());
        }
        if (s == InfLexer.CONTINUES) {
            throw new IllegalArgumentException("'" + content.strip()
                    + "' ends with '\\', which setup reads as a line continuation; quote the value");
        }
        if (content.strip().startsWith("[") || content.strip().startsWith(";")) {
            throw new IllegalArgumentException("'" + content.strip() + "' would be read as a section header or comment");
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void checkNewText(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a " + what + " cannot contain a line break: " + s.strip());
        }
    }

    byte[] encode(String text) {
        if (asciiBytes && isAscii(text)) {
            // What the encoder gives for ASCII in these charsets, without building an encoder per line.
            return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        CharsetEncoder enc = encoding.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bb = enc.encode(CharBuffer.wrap(text));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' cannot be written in " + encoding.displayName()
                    + ", the encoding of " + source);
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    /** Writes the document: the byte-order mark if the file had one, then every line's bytes. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(encoding.bomBytes());
        for (InfSection s : sections) {
            if (s.header() != null) {
                out.write(s.header().raw());
            }
            for (InfLine l : s.mutableLines()) {
                out.write(l.raw());
            }
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            writeTo(bos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** The whole document as text (lines joined as they are, terminators included). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (InfSection s : sections) {
            if (s.header() != null) {
                sb.append(s.header().text());
            }
            for (InfLine l : s.mutableLines()) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    private Map<String, List<InfSection>> index() {
        Map<String, List<InfSection>> idx = byName;
        if (idx == null) {
            idx = new HashMap<>();
            for (InfSection s : sections) {
                if (s.name() != null) {
                    idx.computeIfAbsent(InfSection.normalize(s.name()), k -> new ArrayList<>(1)).add(s);
                }
            }
            byName = idx;
        }
        return idx;
    }

    /** Collects parsed lines into sections. */
    static final class Builder {
        private final String source;
        private final List<InfSection> sections = new ArrayList<>();
        private InfSection current = new InfSection(null);

        Builder(String source) {
            this.source = source;
            sections.add(current);
        }

        private final List<InfDiagnostic> warnings = new ArrayList<>();

        void warn(InfDiagnostic d) {
            warnings.add(d);
        }

        void add(InfLine line) {
            if (line.kind() == InfLine.Kind.SECTION_HEADER) {
                current = new InfSection(line);
                sections.add(current);
            } else {
                current.appendParsed(line);
            }
        }

        InfDocument build(InfEncoding encoding, String newline) {
            InfDocument d = new InfDocument(source, encoding, newline, sections);
            d.warnings.addAll(warnings);
            return d;
        }
    }
}
