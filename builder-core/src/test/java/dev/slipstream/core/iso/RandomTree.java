package dev.slipstream.core.iso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A seeded random directory tree of the kind that breaks ISO writers: folders deeper than 8
 * levels, many files, long and Unicode names, duplicate contents, empty files and folders.
 * Names stay valid Joliet names of at most 64 characters, unique ignoring case, so that every
 * judge must give them back unchanged.
 */
final class RandomTree {

    private static final String[] WORDS = {"setup", "I386", "driver", "Résumé", "straße", "Ελληνικά", "中文文件",
        "日本語", "data", "read me", "x-64", "kb914961", "ÆØÅ", "naïve", "ÇÀ", "v1.2", "long", "name", "hotfix", "sp2"};

    private RandomTree() {
    }

    static void create(Path root, long seed, int files) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(root);
        List<Path> dirs = new ArrayList<>();
        dirs.add(root);
        Path deep = root;
        for (int i = 1; i <= 12; i++) {
            deep = deep.resolve("level" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("deepest file.txt"), "twelve levels down\n");
        Files.createDirectories(root.resolve("empty folder"));
        Map<Path, Set<String>> taken = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            Path parent = dirs.get(rnd.nextInt(dirs.size()));
            String n = name(rnd, false);
            if (taken.computeIfAbsent(parent, k -> new HashSet<>()).add(n.toLowerCase(Locale.ROOT))) {
                Path d = parent.resolve(n);
                Files.createDirectories(d);
                dirs.add(d);
            }
        }
        List<byte[]> earlier = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            Path parent = dirs.get(rnd.nextInt(dirs.size()));
            String n = name(rnd, true);
            if (!taken.computeIfAbsent(parent, k -> new HashSet<>()).add(n.toLowerCase(Locale.ROOT))) {
                continue;
            }
            byte[] data;
            int kind = rnd.nextInt(10);
            if (kind == 0) {
                data = new byte[0];
            } else if (kind == 1 && !earlier.isEmpty()) {
                data = earlier.get(rnd.nextInt(earlier.size())); // a duplicate
            } else {
                data = new byte[rnd.nextInt(kind == 2 ? 300_000 : 5000)];
                rnd.nextBytes(data);
                if (data.length > 0) {
                    earlier.add(data);
                }
            }
            Files.write(parent.resolve(n), data);
        }
        // A name of exactly 64 characters and same-size files that differ.
        Files.writeString(root.resolve("x".repeat(60) + ".txt"), "sixty-four\n");
        Files.writeString(root.resolve("same size A.bin"), "AAAA");
        Files.writeString(root.resolve("same size B.bin"), "BBBB");
    }

    private static String name(Random rnd, boolean file) {
        StringBuilder sb = new StringBuilder();
        int words = 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 8 : 3);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(rnd.nextBoolean() ? " " : "_");
            }
            sb.append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        sb.append(rnd.nextInt(1000));
        String base = sb.length() > 56 ? sb.substring(0, 56).trim() : sb.toString();
        if (!file) {
            return base;
        }
        String[] ext = {".txt", ".dll", ".inf", ".sys", ".cab", "", ".tar.gz", ".longextension"};
        return base + ext[rnd.nextInt(ext.length)];
    }

    /** Relative path -> SHA-256 of every regular file, and "dir/" entries for directories. */
    static Map<String, String> digest(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    m.put(rel + "/", "dir");
                } else {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    md.update(Files.readAllBytes(p));
                    m.put(rel, HexFormat.of().formatHex(md.digest()));
                }
            }
        }
        return m;
    }
}
