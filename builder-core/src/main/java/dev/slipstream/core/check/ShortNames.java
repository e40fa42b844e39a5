package dev.slipstream.core.check;

/** The 8.3 name rule that text-mode setup and ISO-9660 level 1 apply to files under I386. */
final class ShortNames {

    private static final String ALLOWED_PUNCTUATION = "!#$%&'()-@^_`{}~";

    private ShortNames() {
    }

    static boolean isShortName(String name) {
        int dot = name.indexOf('.');
        if (dot != name.lastIndexOf('.')) {
            return false;
        }
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (base.isEmpty() || base.length() > 8 || ext.length() > 3) {
            return false;
        }
        return allowed(base) && allowed(ext);
    }

    private static boolean allowed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
