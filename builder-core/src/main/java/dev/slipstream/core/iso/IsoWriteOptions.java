package dev.slipstream.core.iso;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link IsoImageWriter} masters an image. The defaults are those NT5 setup media need:
 * level-2 ISO names without {@code ;1}, Joliet with up to 64 characters, duplicates stored once.
 */
public final class IsoWriteOptions {

    public static final int JOLIET_MAX_STANDARD = 64;
    /** The longest Joliet name that still fits a directory record with room to spare (xorriso -joliet-long). */
    public static final int JOLIET_MAX_LONG = 103;

    private IsoNameLevel nameLevel = IsoNameLevel.LEVEL2;
    private boolean versionSuffix;
    private boolean joliet = true;
    private int jolietMaxLength = JOLIET_MAX_STANDARD;
    private boolean deduplicate = true;
    private IsoVolumeInfo volume;
    private Instant fileDate;
    private final List<BootEntry> bootEntries = new ArrayList<>();
    private String bootCatalogPath;
    private String bootCatalogId = "";

    /** Options with every date at {@code date} (pass SOURCE_DATE_EPOCH or the clock). */
    public static IsoWriteOptions defaults(Instant date) {
        IsoWriteOptions o = new IsoWriteOptions();
        o.fileDate = Objects.requireNonNull(date);
        o.volume = IsoVolumeInfo.defaults(date);
        return o;
    }

    public IsoWriteOptions nameLevel(IsoNameLevel level) {
        this.nameLevel = Objects.requireNonNull(level);
        return this;
    }

    /** Appends {@code ;1} to every file name (in both namespaces). NT5's CD boot sector fails with it. */
    public IsoWriteOptions versionSuffix(boolean on) {
        this.versionSuffix = on;
        return this;
    }

    public IsoWriteOptions joliet(boolean on) {
        this.joliet = on;
        return this;
    }

    public IsoWriteOptions jolietMaxLength(int chars) {
        if (chars < 1 || chars > JOLIET_MAX_LONG) {
            throw new IllegalArgumentException("Joliet name length " + chars + " is outside 1-" + JOLIET_MAX_LONG);
        }
        this.jolietMaxLength = chars;
        return this;
    }

    public IsoWriteOptions deduplicate(boolean on) {
        this.deduplicate = on;
        return this;
    }

    public IsoWriteOptions volume(IsoVolumeInfo info) {
        this.volume = Objects.requireNonNull(info);
        return this;
    }

    /** The recording date of every directory record. */
    public IsoWriteOptions fileDate(Instant date) {
        this.fileDate = Objects.requireNonNull(date);
        return this;
    }

    /** Adds a boot image; the first one is the default entry of the El Torito catalog. */
    public IsoWriteOptions addBootEntry(BootEntry entry) {
        bootEntries.add(Objects.requireNonNull(entry));
        return this;
    }

    /**
     * Shows the boot catalog as a file at {@code mediaPath} in both namespaces; {@code null} (the
     * default, as CDIMAGE does) keeps it hidden.
     */
    public IsoWriteOptions bootCatalogPath(String mediaPath) {
        this.bootCatalogPath = mediaPath == null ? null : IsoTree.normalize(mediaPath);
        return this;
    }

    /** The manufacturer id in the catalog's validation entry (up to 24 ASCII characters). */
    public IsoWriteOptions bootCatalogId(String id) {
        String s = id == null ? "" : id;
        if (s.length() > 24 || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("boot catalog id '" + s + "' must be at most 24 printable ASCII characters");
        }
        this.bootCatalogId = s;
        return this;
    }

    public IsoNameLevel nameLevel() {
        return nameLevel;
    }

    public boolean versionSuffix() {
        return versionSuffix;
    }

    public boolean joliet() {
        return joliet;
    }

    public int jolietMaxLength() {
        return jolietMaxLength;
    }

    public boolean deduplicate() {
        return deduplicate;
    }

    public IsoVolumeInfo volume() {
        return volume;
    }

    public Instant fileDate() {
        return fileDate;
    }

    public List<BootEntry> bootEntries() {
        return List.copyOf(bootEntries);
    }

    public String bootCatalogPath() {
        return bootCatalogPath;
    }

    public String bootCatalogId() {
        return bootCatalogId;
    }
}
