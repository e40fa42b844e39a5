package dev.slipstream.core.inf.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code [SourceDisksFiles]} record of TXTSETUP.SIF or LAYOUT.INF:
 * {@code name = f1,...,f13}. Fields are kept as text, exactly as setup reads them.
 *
 * @param name the source file name (the key)
 * @param diskId field 1: a disk id from {@code [SourceDisksNames(.arch)]} (1 = RTM, 100 = SP)
 * @param subdir field 2: source subdirectory
 * @param size field 3: size (LAYOUT.INF: the uncompressed size)
 * @param checksum field 4
 * @param unused5 field 5
 * @param unused6 field 6
 * @param bootMedia field 7: blank = GUI mode only, {@code _x} = text mode, {@code N_} = boot floppy N
 * @param targetDirId field 8: a directory id from {@code [WinntDirectories]}
 * @param upgradeDisposition field 9: 0 always copy, 1 if present, 2 if absent, 3 never
 * @param installDisposition field 10: same codes, for a clean install
 * @param targetName field 11: the destination name (for long names), or blank
 * @param winpeDiskId field 12: WinPE source disk
 * @param winpeDirId field 13: WinPE directory
 */
public record SourceDisksFile(String name, String diskId, String subdir, String size, String checksum,
        String unused5, String unused6, String bootMedia, String targetDirId, String upgradeDisposition,
        String installDisposition, String targetName, String winpeDiskId, String winpeDirId) {

    /** Setup's meaning of a missing field 10 differs between sources, so we always write 10 fields. */
    private static final int MIN_FIELDS = 10;

    public SourceDisksFile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a [SourceDisksFiles] entry needs a file name");
        }
    }

    /** An ordinary GUI-mode file: {@code name = disk,,,,,,,dir,0,0}. */
    public static SourceDisksFile of(String name, String diskId, String targetDirId) {
        return new SourceDisksFile(name, diskId, "", "", "", "", "", "", targetDirId, "0", "0", "", "", "");
    }

    /** Reads a record from an entry's key and (unquoted) fields; missing fields are blank. */
    public static SourceDisksFile fromFields(String name, List<String> f) {
        String[] v = new String[13];
        for (int i = 0; i < 13; i++) {
            v[i] = i < f.size() ? f.get(i) : "";
        }
        return new SourceDisksFile(name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
    }

    /** The 13 fields in order. */
    public List<String> fields() {
        return List.of(diskId, subdir, size, checksum, unused5, unused6, bootMedia, targetDirId,
                upgradeDisposition, installDisposition, targetName, winpeDiskId, winpeDirId);
    }

    /** The value text as written after {@code =}: at least 10 fields, trailing blanks beyond dropped. */
    public String toValue() {
        List<String> f = new ArrayList<>(fields());
        int last = f.size();
        while (last > MIN_FIELDS && f.get(last - 1).isEmpty()) {
            last--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(InfText.quoteIfNeeded(f.get(i)));
        }
        return sb.toString();
    }

    /** True when text-mode setup copies the file (field 7 set): it then must be on the boot path. */
    public boolean isTextMode() {
        return !bootMedia.isBlank();
    }

    /** The name the file gets on the target: field 11 if set, else the source name. */
    public String installedName() {
        return targetName.isBlank() ? name : targetName;
    }

    public SourceDisksFile withDiskId(String id) {
        return new SourceDisksFile(name, id, subdir, size, checksum, unused5, unused6, bootMedia, targetDirId,
                upgradeDisposition, installDisposition, targetName, winpeDiskId, winpeDirId);
    }

    public SourceDisksFile withSize(String newSize) {
        return new SourceDisksFile(name, diskId, subdir, newSize, checksum, unused5, unused6, bootMedia, targetDirId,
                upgradeDisposition, installDisposition, targetName, winpeDiskId, winpeDirId);
    }
}
