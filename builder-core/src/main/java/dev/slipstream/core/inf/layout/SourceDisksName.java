package dev.slipstream.core.inf.layout;

import java.util.List;

/**
 * One {@code [SourceDisksNames(.arch)]} record: {@code id = description,tagfile,unused,path}.
 * On x64 media, {@code [SourceDisksNames.amd64]} has an entry whose path is {@code \i386}: files
 * on that disk id are the 32-bit WOW files stored in I386.
 *
 * @param id the disk id (the key)
 * @param description field 1, with {@code %strings%} substituted
 * @param tagFile field 2, substituted
 * @param path field 4: the folder on the media, e.g. {@code \i386}
 */
public record SourceDisksName(String id, String description, String tagFile, String path) {

    static SourceDisksName fromFields(String id, List<String> f) {
        return new SourceDisksName(id, f.size() > 0 ? f.get(0) : "", f.size() > 1 ? f.get(1) : "",
                f.size() > 3 ? f.get(3) : "");
    }

    /** The folder name without slashes, upper-cased (e.g. {@code I386}), or "" for the media root. */
    public String folder() {
        String p = path.replace('/', '\\');
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        while (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.toUpperCase(java.util.Locale.ROOT);
    }
}
