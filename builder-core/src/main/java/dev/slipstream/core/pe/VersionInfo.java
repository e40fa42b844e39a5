package dev.slipstream.core.pe;

import dev.slipstream.core.error.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed VS_VERSIONINFO resource: the binary VS_FIXEDFILEINFO (file and product versions, which
 * is what Windows setup compares) and the StringFileInfo tables (FileVersion, ProductName, ... as
 * Explorer shows them).
 *
 * <p>The structure is a tree of nodes that each declare their own length. Those lengths are
 * checked against the enclosing node, so a node that claims more than its parent holds is an
 * error rather than a read past the data. wValueLength is not trusted for strings: many real files
 * get it wrong, so a string value runs to its NUL or to the end of its node.
 */
public record VersionInfo(Optional<FixedFileInfo> fixed, List<StringTable> stringTables, List<Integer> translations) {

    /** VS_FIXEDFILEINFO.dwSignature. */
    public static final int FIXED_SIGNATURE = 0xFEEF04BD;
    static final int FIXED_SIZE = 52;
    static final String ROOT_KEY = "VS_VERSION_INFO";

    public VersionInfo {
        stringTables = List.copyOf(stringTables);
        translations = List.copyOf(translations);
    }

    /** The binary file version (dwFileVersionMS/LS), which is what setup compares. */
    public Optional<FileVersion> fileVersion() {
        return fixed.map(FixedFileInfo::fileVersion);
    }

    public Optional<FileVersion> productVersion() {
        return fixed.map(FixedFileInfo::productVersion);
    }

    /** The StringFileInfo FileVersion text, e.g. "5.2.3790.3959 (srv03_sp2_rtm.070216-1710)". */
    public Optional<String> fileVersionString() {
        return string("FileVersion");
    }

    /** A StringFileInfo value from the first table that has it (keys compare exactly). */
    public Optional<String> string(String key) {
        for (StringTable t : stringTables) {
            String v = t.values().get(key);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** VS_FIXEDFILEINFO. */
    public record FixedFileInfo(FileVersion fileVersion, FileVersion productVersion, int fileFlagsMask,
            int fileFlags, int fileOs, int fileType, int fileSubtype, long fileDate) {
        public static final int VFT_APP = 1;
        public static final int VFT_DLL = 2;
        public static final int VFT_DRV = 3;
    }

    /** One StringTable: its key is the language and code page in hex, e.g. "040904B0". */
    public record StringTable(String key, Map<String, String> values) {
        public StringTable {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * Parses a VS_VERSIONINFO blob; {@code source} and {@code fileOffset} (where the blob lies in
     * the file, or -1) only serve error messages.
     */
    public static VersionInfo parse(ByteBuffer data, String source, long fileOffset) throws BadInputException {
        return new Parser(data.duplicate().order(ByteOrder.LITTLE_ENDIAN), source, fileOffset).parse();
    }

    private static final class Parser {
        private final ByteBuffer b;
        private final String source;
        private final long fileOffset;
        private final int start;

        Parser(ByteBuffer b, String source, long fileOffset) {
            this.b = b;
            this.source = source;
            this.fileOffset = fileOffset;
            this.start = b.position();
        }

        /** A node header: its extent, value, and where its children start. */
        private record Node(int at, int end, int valueLength, int type, String key, int valueAt) {
        }

        VersionInfo parse() throws BadInputException {
            Node root = node(start, b.limit(), "VS_VERSIONINFO");
            if (root == null) {
                throw bad(start, "the version resource is empty (wLength 0)");
            }
            if (!ROOT_KEY.equals(root.key)) {
                throw bad(root.at, "the version resource starts with key '%s', not VS_VERSION_INFO", root.key);
            }
            FixedFileInfo fixed = null;
            if (root.valueLength > 0) {
                if (root.valueLength < FIXED_SIZE || root.valueAt + FIXED_SIZE > root.end) {
                    throw bad(root.at, "VS_FIXEDFILEINFO is %d bytes, need %d", root.valueLength, FIXED_SIZE);
                }
                fixed = fixed(root.valueAt);
            }
            List<StringTable> tables = new ArrayList<>();
            List<Integer> translations = new ArrayList<>();
            int childAt = align(root.valueAt + root.valueLength);
            while (childAt + 6 <= root.end) {
                Node child = node(childAt, root.end, "VS_VERSIONINFO child");
                if (child == null) {
                    break;
                }
                if ("StringFileInfo".equals(child.key)) {
                    stringFileInfo(child, tables);
                } else if ("VarFileInfo".equals(child.key)) {
                    varFileInfo(child, translations);
                }
                childAt = align(child.end);
            }
            return new VersionInfo(Optional.ofNullable(fixed), tables, translations);
        }

        private void stringFileInfo(Node sfi, List<StringTable> tables) throws BadInputException {
            int at = align(sfi.valueAt);
            while (at + 6 <= sfi.end) {
                Node table = node(at, sfi.end, "StringTable");
                if (table == null) {
                    break;
                }
                Map<String, String> values = new LinkedHashMap<>();
                int s = align(table.valueAt);
                while (s + 6 <= table.end) {
                    Node str = node(s, table.end, "String");
                    if (str == null) {
                        break;
                    }
                    values.putIfAbsent(str.key, utf16z(str.valueAt, str.end));
                    s = align(str.end);
                }
                tables.add(new StringTable(table.key, values));
                at = align(table.end);
            }
        }

        private void varFileInfo(Node vfi, List<Integer> translations) throws BadInputException {
            int at = align(vfi.valueAt);
            while (at + 6 <= vfi.end) {
                Node v = node(at, vfi.end, "Var");
                if (v == null) {
                    break;
                }
                if ("Translation".equals(v.key)) {
                    int n = Math.min(v.valueLength, v.end - v.valueAt) / 4;
                    for (int i = 0; i < n; i++) {
                        translations.add(b.getInt(v.valueAt + 4 * i));
                    }
                }
                at = align(v.end);
            }
        }

        private FixedFileInfo fixed(int at) throws BadInputException {
            if (b.getInt(at) != FIXED_SIGNATURE) {
                throw bad(at, "VS_FIXEDFILEINFO signature is 0x%08X, not 0xFEEF04BD", b.getInt(at));
            }
            FileVersion file = FileVersion.fromDwords(b.getInt(at + 8), b.getInt(at + 12));
            FileVersion product = FileVersion.fromDwords(b.getInt(at + 16), b.getInt(at + 20));
            long date = (Integer.toUnsignedLong(b.getInt(at + 44)) << 32) | Integer.toUnsignedLong(b.getInt(at + 48));
            return new FixedFileInfo(file, product, b.getInt(at + 24), b.getInt(at + 28), b.getInt(at + 32),
                    b.getInt(at + 36), b.getInt(at + 40), date);
        }

        /**
         * Reads the node header at {@code at}, which must end by {@code parentEnd}; returns null
         * for a zero wLength (padding at the end of a parent, which real files have).
         */
        private Node node(int at, int parentEnd, String what) throws BadInputException {
            if (at + 6 > parentEnd) {
                throw bad(at, "%s header runs past the end of its parent", what);
            }
            int length = Short.toUnsignedInt(b.getShort(at));
            if (length == 0) {
                return null;
            }
            int end = at + length;
            if (length < 6 || end > parentEnd) {
                throw bad(at, "%s declares %d bytes but its parent holds only %d from here", what, length, parentEnd - at);
            }
            int valueLength = Short.toUnsignedInt(b.getShort(at + 2));
            int type = Short.toUnsignedInt(b.getShort(at + 4));
            int keyEnd = at + 6;
            while (true) {
                if (keyEnd + 2 > end) {
                    throw bad(at, "%s key is not terminated within its %d bytes", what, length);
                }
                if (b.getShort(keyEnd) == 0) {
                    break;
                }
                keyEnd += 2;
            }
            String key = new String(bytes(at + 6, keyEnd - at - 6), StandardCharsets.UTF_16LE);
            int valueAt = Math.min(align(keyEnd + 2), end);
            return new Node(at, end, Math.min(valueLength, end - valueAt), type, key, valueAt);
        }

        private String utf16z(int at, int end) {
            int e = at;
            while (e + 2 <= end && b.getShort(e) != 0) {
                e += 2;
            }
            return new String(bytes(at, e - at), StandardCharsets.UTF_16LE);
        }

        private byte[] bytes(int at, int length) {
            byte[] out = new byte[length];
            b.get(at, out);
            return out;
        }

        /** Nodes align to 32 bits relative to the start of the resource. */
        private int align(int at) {
            return start + ((at - start + 3) & ~3);
        }

        private BadInputException bad(int at, String format, Object... args) {
            long off = fileOffset < 0 ? -1 : fileOffset + (at - start);
            return BadInputException.in(source).atOffset(off)
                    .hint("the version resource is damaged; get a fresh copy of the file")
                    .problem(String.format(format, args));
        }
    }
}
