package dev.slipstream.core.cab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared corpus's ORACLE.tsv and FILES.tsv: what cabextract 1.9 made of every cabinet. */
final class CabOracle {

    record Row(String file, String compression, boolean ok, byte[] path, long size, String sha256, String status,
            String messages, String setInfo) {
    }

    record FileInfo(String file, String offsets, boolean ok) {
        /** True when cabextract found the cabinet(s) by scanning, not at offset 0 alone. */
        boolean needsLocator() {
            return !offsets.equals("0");
        }
    }

    final Map<String, List<Row>> rowsByFile = new LinkedHashMap<>();
    final Map<String, FileInfo> files = new LinkedHashMap<>();

    static CabOracle load(Path cabDir) throws IOException {
        CabOracle o = new CabOracle();
        List<String> lines = Files.readAllLines(cabDir.resolve("ORACLE.tsv"), StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            byte[] path = unescape(f[4].getBytes(StandardCharsets.ISO_8859_1));
            long size = f[5].equals("-") ? -1 : Long.parseLong(f[5]);
            Row r = new Row(f[0], f[2], f[3].equals("ok"), path, size, f[6], f[7], f[13], f[14]);
            o.rowsByFile.computeIfAbsent(f[0], k -> new ArrayList<>()).add(r);
        }
        List<String> fl = Files.readAllLines(cabDir.resolve("FILES.tsv"), StandardCharsets.ISO_8859_1);
        for (String line : fl.subList(1, fl.size())) {
            String[] f = line.split("\t", -1);
            o.files.put(f[0], new FileInfo(f[0], f[5], f[6].equals("ok")));
        }
        return o;
    }

    /** The TSV writes bytes that are not UTF-8 as the four characters {@code \xNN}; the rest is UTF-8. */
    static byte[] unescape(byte[] s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == '\\' && i + 3 < s.length && s[i + 1] == 'x' && isHex(s[i + 2]) && isHex(s[i + 3])) {
                out.write(Integer.parseInt(new String(s, i + 2, 2, StandardCharsets.ISO_8859_1), 16));
                i += 3;
            } else {
                out.write(s[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
