package dev.slipstream.core.engine;

import dev.slipstream.core.media.MediaTree;
import java.util.Locale;

/**
 * File-name conventions of Windows setup media: a file compressed with makecab is stored under
 * its name with the last extension letter replaced by {@code _} (NTDLL.DLL as NTDLL.DL_).
 */
public final class SetupNames {

    private SetupNames() {
    }

    /** NTDLL.DLL to NTDLL.DL_, A.B to A.B_, README to README._ (the media package's rule). */
    public static String compressed(String name) {
        return MediaTree.compressedName(name);
    }

    /** True for names in the compressed form: NTDLL.DL_, A.B_, README._ */
    public static boolean isCompressed(String name) {
        return MediaTree.isCompressedName(name);
    }

    /** The upper-case key names are compared by (setup compares them case-insensitively). */
    public static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /**
     * The {@code [WinntDirectories]} id a new file installs to when nothing says otherwise, by its
     * extension, as HFSLIP chooses (format-notes §2.1): drivers to 4, INFs to 20, help to 21,
     * fonts to 22, WMI to 35, everything else to system32 (2).
     */
    public static int defaultDirectoryId(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".sys")) {
            return 4;
        }
        if (n.endsWith(".inf")) {
            return 20;
        }
        if (n.endsWith(".chm") || n.endsWith(".hlp") || n.endsWith(".htm") || n.endsWith(".cnt")) {
            return 21;
        }
        if (n.endsWith(".ttf") || n.endsWith(".fon")) {
            return 22;
        }
        if (n.endsWith(".mof") || n.endsWith(".mfl")) {
            return 35;
        }
        if (n.endsWith(".cab")) {
            return 39;
        }
        return 2;
    }
}
