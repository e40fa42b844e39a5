package dev.slipstream.core.iso;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Derives ISO-9660 and Joliet names from long names, one directory at a time. The rules
 * (docs/iso-names.md):
 * <ul>
 *   <li>ISO: accents dropped, lower case raised, other characters outside the level's set become
 *       {@code _}; the extension is what follows the last dot (not a leading one) and keeps at most
 *       3 (level 1) or 12 characters; the name part is cut to fit; directories have no dot.</li>
 *   <li>Joliet: {@code * / : ; ? \} and control characters become {@code _}; longer names are cut
 *       to the limit, keeping an extension of up to 16 characters; surrogate pairs are never split.</li>
 *   <li>Collisions (ISO: identical; Joliet: equal ignoring case, as Windows compares them): siblings
 *       are taken in code-point order of their long names; each keeps its plain name if still free,
 *       the rest get the smallest number {@code n} such that the name part cut to make room and
 *       followed by {@code n} is free. Same siblings, same names, on every run.</li>
 * </ul>
 */
final class IsoNaming {

    private IsoNaming() {
    }

    /** A sibling's plain candidate split into a name part and an extension ("" when none). */
    record Candidate(String base, String ext, int baseLimit) {
        String join() {
            return ext.isEmpty() ? base : base + "." + ext;
        }

        String numbered(int n) {
            String digits = Integer.toString(n);
            int keep = Math.max(0, baseLimit - digits.length());
            if (digits.length() > baseLimit) {
                return null;
            }
            String cut = base.length() > keep ? cutChars(base, keep) : base;
            return ext.isEmpty() ? cut + digits : cut + digits + "." + ext;
        }
    }

    static List<String> isoNames(List<String> names, List<Boolean> dirs, IsoNameLevel level) {
        return assign(names, i -> isoCandidate(names.get(i), dirs.get(i), level), false);
    }

    static List<String> jolietNames(List<String> names, List<Boolean> dirs, int maxLength) {
        return assign(names, i -> jolietCandidate(names.get(i), dirs.get(i), maxLength), true);
    }

    private static List<String> assign(List<String> names, IntFunction<Candidate> candidate, boolean foldCase) {
        int n = names.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> compareCodePoints(names.get(a), names.get(b)));
        String[] result = new String[n];
        Candidate[] cands = new Candidate[n];
        Set<String> used = new HashSet<>();
        for (int i : order) {
            cands[i] = candidate.apply(i);
            String plain = cands[i].join();
            if (used.add(key(plain, foldCase))) {
                result[i] = plain;
            }
        }
        for (int i : order) {
            if (result[i] != null) {
                continue;
            }
            for (int k = 1; ; k++) {
                String name = cands[i].numbered(k);
                if (name == null) {
                    throw new IllegalStateException("cannot make a unique name for '" + names.get(i) + "'");
                }
                if (used.add(key(name, foldCase))) {
                    result[i] = name;
                    break;
                }
            }
        }
        return List.of(result);
    }

    private static String key(String s, boolean foldCase) {
        return foldCase ? s.toUpperCase(Locale.ROOT) : s;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static Candidate isoCandidate(String name, boolean dir, IsoNameLevel level) {
        if (dir) {
            String d = isoChars(name, level, false);
            return new Candidate(cutChars(d.isEmpty() ? "_" : d, level.maxDir), "", level.maxDir);
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        String b = isoChars(base, level, false);
        String e = cutChars(isoChars(ext, level, false), level.maxExt);
        if (b.isEmpty()) {
            b = "_";
        }
        int baseLimit = level == IsoNameLevel.LEVEL1 ? level.maxBase : level.maxBase - e.length();
        return new Candidate(cutChars(b, baseLimit), e, baseLimit);
    }

    /** Maps a name to the level's character set; dots become {@code _} (only the separator may be a dot). */
    static String isoChars(String s, IsoNameLevel level, boolean keepDots) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (cp >= 'a' && cp <= 'z') {
                cp -= 32;
            }
            boolean ok = (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
            if (level == IsoNameLevel.RELAXED && cp > 0x20 && cp < 0x7F && "/\\;*?:\"<>|.".indexOf(cp) < 0) {
                ok = true;
            }
            if (keepDots && cp == '.') {
                ok = true;
            }
            sb.append(ok ? (char) cp : '_');
        }
        return sb.toString();
    }

    static Candidate jolietCandidate(String name, boolean dir, int max) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || "*/:;?\\".indexOf(c) >= 0 ? '_' : c);
        }
        String s = sb.toString();
        int dot = dir ? -1 : s.lastIndexOf('.');
        String base = dot > 0 ? s.substring(0, dot) : s;
        String ext = dot > 0 ? s.substring(dot + 1) : "";
        if (ext.length() > 16 || ext.length() + 2 > max) {
            base = s;
            ext = "";
        }
        int baseLimit = ext.isEmpty() ? max : max - ext.length() - 1;
        return new Candidate(cutChars(base, baseLimit), ext, baseLimit);
    }

    /** The first {@code max} UTF-16 units of {@code s}, one fewer when the cut would split a surrogate pair. */
    static String cutChars(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * The ECMA-119 9.3 order of ISO-9660 identifiers: by name part, then extension, each compared
     * as if padded with spaces.
     */
    static int compareIso(String a, String b) {
        int da = a.indexOf('.');
        int db = b.indexOf('.');
        String na = da < 0 ? a : a.substring(0, da);
        String nb = db < 0 ? b : b.substring(0, db);
        int c = comparePadded(na, nb);
        if (c != 0) {
            return c;
        }
        return comparePadded(da < 0 ? "" : a.substring(da + 1), db < 0 ? "" : b.substring(db + 1));
    }

    private static int comparePadded(String a, String b) {
        int n = Math.max(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = i < a.length() ? a.charAt(i) : ' ';
            char cb = i < b.length() ? b.charAt(i) : ' ';
            if (ca != cb) {
                return Character.compare(ca, cb);
            }
        }
        return 0;
    }

    static List<Integer> sortedIndices(List<String> names, java.util.Comparator<String> cmp) {
        List<Integer> idx = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            idx.add(i);
        }
        idx.sort((x, y) -> cmp.compare(names.get(x), names.get(y)));
        return idx;
    }
}
