package dev.slipstream.core.inf;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads INF and SIF files into an {@link InfDocument}, or streams their logical lines to a
 * consumer without keeping them ({@link #scan}). One pass over the input, in bounded chunks: the
 * only memory that grows with the file is the document being built.
 *
 * <p>What is rejected, with the line number: NUL and other control bytes (binary data), a quote
 * left open at the end of a line, a section header without {@code ]}, UTF-16 without BOM or
 * big-endian, and a file whose lines are in different encodings. SetupAPI rejects broken section
 * headers too; for open quotes it is lenient, but in a file we are asked to edit, an open quote
 * almost always means a damaged line, so we stop rather than guess.
 */
public final class InfParser {

    /** A physical line longer than this is not INF text. */
    static final int MAX_PHYSICAL_LINE = 1 << 20;
    /** A logical line (with continuations) longer than this is not INF text either. */
    static final int MAX_LOGICAL_LINE = 64 << 20;

    private static final int CHUNK = 1 << 16;

    private final String source;
    private final InfReadOptions options;
    private final InputStream in;

    private byte[] buf = new byte[CHUNK];
    private int pos;
    private int limit;
    private boolean eof;
    private long consumed;

    private InfEncoding encoding;
    /** The user named the encoding: decode without validation. */
    private boolean trusted;
    private boolean autoAnsi;
    private int decidedAtLine;
    private String newline;
    private int lineNumber;

    private InfParser(InputStream in, String source, InfReadOptions options) {
        this.in = in;
        this.source = source;
        this.options = options;
    }

    public static InfDocument parse(Path file) throws IOException {
        return parse(file, InfReadOptions.defaults());
    }

    public static InfDocument parse(Path file, InfReadOptions options) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), options);
        }
    }

    public static InfDocument parse(byte[] bytes, String source, InfReadOptions options) throws IOException {
        return parse(new java.io.ByteArrayInputStream(bytes), source, options);
    }

    /** Reads a whole document from {@code in}; {@code source} names it in error messages. */
    public static InfDocument parse(InputStream in, String source, InfReadOptions options) throws IOException {
        InfDocument.Builder builder = new InfDocument.Builder(source);
        InfParser p = new InfParser(in, source, options);
        p.run(builder::add, builder::warn);
        return builder.build(p.encoding, p.newline == null ? "\r\n" : p.newline);
    }

    /**
     * Streams the logical lines of {@code in} to {@code sink} without building a document, for
     * reading files too large to hold. Returns the encoding found.
     */
    public static InfEncoding scan(InputStream in, String source, InfReadOptions options, Consumer<InfLine> sink,
            Consumer<InfDiagnostic> warnings) throws IOException {
        InfParser p = new InfParser(in, source, options);
        p.run(sink, warnings);
        return p.encoding;
    }

    private void run(Consumer<InfLine> sink, Consumer<InfDiagnostic> warnings) throws IOException {
        readBom();
        Pending pending = null;
        int unit = encoding != null && encoding.isUtf16le() ? 2 : 1;
        while (true) {
            int end = nextLineEnd(unit);
            if (end < 0) {
                break;
            }
            lineNumber++;
            int len = end - pos;
            String text = decode(buf, pos, len);
            if (newline == null) {
                if (text.endsWith("\r\n")) {
                    newline = "\r\n";
                } else if (text.endsWith("\n")) {
                    newline = "\n";
                }
            }
            int contentEnd = text.length() - (text.endsWith("\r\n") ? 2 : text.endsWith("\n") ? 1 : 0);
            if (pending != null) {
                pending.append(buf, pos, len, text);
                int s = InfLexer.scanPhysical(text, 0, contentEnd);
                if (s == InfLexer.UNTERMINATED_QUOTE) {
                    openQuote(text, contentEnd, warnings);
                }
                if (s != InfLexer.CONTINUES) {
                    sink.accept(pending.toLine());
                    pending = null;
                }
            } else {
                int first = InfLexer.skipSpace(text, 0, contentEnd);
                byte[] raw = Arrays.copyOfRange(buf, pos, end);
                if (first == contentEnd) {
                    sink.accept(new InfLine(InfLine.Kind.BLANK, text, raw, lineNumber, 1));
                } else if (text.charAt(first) == ';') {
                    sink.accept(new InfLine(InfLine.Kind.COMMENT, text, raw, lineNumber, 1));
                } else if (text.charAt(first) == '[') {
                    if (text.indexOf(']', first) < 0 || text.indexOf(']', first) >= contentEnd) {
                        throw BadInputException.in(source).atLine(lineNumber)
                                .hint("Close the section name with ']', e.g. [SourceDisksFiles]")
                                .problem("section header without closing ']': %s", abbreviate(text, contentEnd));
                    }
                    sink.accept(new InfLine(InfLine.Kind.SECTION_HEADER, text, raw, lineNumber, 1));
                } else {
                    int s = InfLexer.scanPhysical(text, 0, contentEnd);
                    if (s == InfLexer.UNTERMINATED_QUOTE) {
                        openQuote(text, contentEnd, warnings);
                    }
                    if (s == InfLexer.CONTINUES) {
                        pending = new Pending(lineNumber);
                        pending.append(buf, pos, len, text);
                    } else {
                        sink.accept(new InfLine(InfLine.Kind.ENTRY, text, raw, lineNumber, 1));
                    }
                }
            }
            pos = end;
        }
        if (pending != null) {
            // A continuation on the last line of the file: setup ends the line there too.
            sink.accept(pending.toLine());
        }
        if (encoding == null) {
            encoding = new InfEncoding(options.ansi(), false);
        }
    }

    private void openQuote(String text, int contentEnd, Consumer<InfDiagnostic> warnings) throws BadInputException {
        int col = InfLexer.openQuoteColumn(text, 0, contentEnd) + 1;
        if (options.strict()) {
            throw BadInputException.in(source).atLine(lineNumber)
                    .hint("Close the quote on the same line (a quote inside a quoted value is written \"\")")
                    .problem("unterminated quote starting at column %d: %s", col, abbreviate(text, contentEnd));
        }
        warnings.accept(new InfDiagnostic(lineNumber, String.format(
                "unterminated quote starting at column %d (setup closes it at the end of the line): %s",
                col, abbreviate(text, contentEnd))));
    }

    private static String abbreviate(String text, int contentEnd) {
        String s = text.substring(0, contentEnd).strip();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /** A logical line being assembled from continued physical lines. */
    private final class Pending {
        private final int firstLine;
        private byte[] raw = new byte[256];
        private int rawLen;
        private final StringBuilder text = new StringBuilder();
        private int physical;

        Pending(int firstLine) {
            this.firstLine = firstLine;
        }

        void append(byte[] b, int off, int len, String t) throws BadInputException {
            if (rawLen + len > MAX_LOGICAL_LINE) {
                throw BadInputException.in(source).atLine(firstLine)
                        .hint("Check for a stray '\\' at the end of a line")
                        .problem("a line continued with '\\' grows beyond %d MiB", MAX_LOGICAL_LINE >> 20);
            }
            if (rawLen + len > raw.length) {
                raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLen + len));
            }
            System.arraycopy(b, off, raw, rawLen, len);
            rawLen += len;
            text.append(t);
            physical++;
        }

        InfLine toLine() {
            return new InfLine(InfLine.Kind.ENTRY, text.toString(), Arrays.copyOf(raw, rawLen), firstLine, physical);
        }
    }

    // ---- bytes to physical lines -------------------------------------------------------------

    private void readBom() throws IOException {
        fillAtLeast(4);
        int avail = limit - pos;
        if (avail >= 2 && (buf[pos] & 0xFF) == 0xFF && (buf[pos + 1] & 0xFF) == 0xFE) {
            encoding = InfEncoding.UTF16LE_BOM;
            pos += 2;
        } else if (avail >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB
                && (buf[pos + 2] & 0xFF) == 0xBF) {
            encoding = InfEncoding.UTF8_BOM;
            pos += 3;
        } else if (avail >= 2 && (buf[pos] & 0xFF) == 0xFE && (buf[pos + 1] & 0xFF) == 0xFF) {
            throw BadInputException.in(source).atLine(1)
                    .hint("Windows setup reads UTF-16 little-endian only; convert the file to UTF-16LE with BOM")
                    .problem("the file is UTF-16 big-endian");
        } else if (options.forced() != null) {
            // the file has no BOM, so none is written back either
            encoding = new InfEncoding(options.forced().charset(), false);
            trusted = true;
        } else if (avail >= 4 && buf[pos] != 0 && buf[pos + 1] == 0 && buf[pos + 2] != 0 && buf[pos + 3] == 0) {
            throw BadInputException.in(source).atLine(1)
                    .hint("Add the byte-order mark FF FE, or pass --encoding utf-16le")
                    .problem("the file looks like UTF-16LE text without a byte-order mark");
        }
    }

    /** The end (exclusive, after the terminator) of the next physical line, or -1 at the end of input. */
    private int nextLineEnd(int unit) throws IOException {
        int scanFrom = pos;
        while (true) {
            if (unit == 1) {
                for (int i = scanFrom; i < limit; i++) {
                    if (buf[i] == '\n') {
                        return i + 1;
                    }
                }
            } else {
                int i = scanFrom;
                for (; i + 1 < limit; i += 2) {
                    if (buf[i] == '\n' && buf[i + 1] == 0) {
                        return i + 2;
                    }
                }
            }
            if (eof) {
                if (pos == limit) {
                    return -1;
                }
                if (unit == 2 && ((limit - pos) & 1) != 0) {
                    throw BadInputException.in(source).atLine(lineNumber + 1).atOffset(consumed + limit - 1)
                            .hint("The file is truncated or not UTF-16LE throughout")
                            .problem("UTF-16LE text ends in the middle of a character");
                }
                return limit;
            }
            int scanned = limit - pos;
            if (scanned > MAX_PHYSICAL_LINE * unit) {
                throw BadInputException.in(source).atLine(lineNumber + 1)
                        .hint("INF lines are short text; check that this is an INF or SIF file")
                        .problem("a line longer than %d KiB without a line break: this is not INF text",
                                MAX_PHYSICAL_LINE >> 10);
            }
            // keep scanning from where we stopped (aligned to the code unit for UTF-16)
            refill();
            scanFrom = pos + scanned - scanned % unit;
        }
    }

    private void fillAtLeast(int n) throws IOException {
        while (!eof && limit - pos < n) {
            refill();
        }
    }

    /** Moves the unread bytes to the front and reads more; grows the buffer for a long line. */
    private void refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    // ---- bytes to text -----------------------------------------------------------------------

    private String decode(byte[] b, int off, int len) throws BadInputException {
        if (encoding != null && encoding.isUtf16le()) {
            return new String(b, off, len, StandardCharsets.UTF_16LE);
        }
        boolean high = false;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c < 0) {
                high = true;
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B && c != 0x1A) {
                throw BadInputException.in(source).atLine(lineNumber).atOffset(consumed + i)
                        .hint("This is binary data, not an INF or SIF text file")
                        .problem("control byte 0x%02X in the text", c);
            }
        }
        if (!high) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        if (encoding == null) {
            // The first line with non-ASCII bytes decides between UTF-8 and the ANSI code page.
            if (Utf8.isValid(b, off, len)) {
                encoding = InfEncoding.UTF8;
            } else {
                encoding = new InfEncoding(options.ansi(), false);
                autoAnsi = true;
            }
            decidedAtLine = lineNumber;
        } else if (encoding.isUtf8() && !trusted) {
            if (!Utf8.isValid(b, off, len)) {
                int bad = Utf8.firstInvalid(b, off, len);
                String why = encoding.bom() ? "the file starts with a UTF-8 byte-order mark"
                        : "line " + decidedAtLine + " is UTF-8";
                throw BadInputException.in(source).atLine(lineNumber).atOffset(consumed + bad)
                        .hint("Re-save the file in one encoding, or pass --encoding cp1252 (or cp936) to read it as ANSI")
                        .problem("mixed encodings: this line is not valid UTF-8, but " + why);
            }
        } else if (autoAnsi && isSingleByte(options.ansi()) && Utf8.isValid(b, off, len)) {
            throw BadInputException.in(source).atLine(lineNumber)
                    .hint("Re-save the file in one encoding, or pass --encoding to say which one it is")
                    .problem("mixed encodings: this line is UTF-8, but line %d is %s text", decidedAtLine,
                            InfEncoding.ANSI_1252.charset().equals(options.ansi()) ? "CP1252" : options.ansi().name());
        }
        return new String(b, off, len, encoding.charset());
    }

    private static boolean isSingleByte(Charset cs) {
        return cs.newEncoder().maxBytesPerChar() <= 1.0f;
    }
}
