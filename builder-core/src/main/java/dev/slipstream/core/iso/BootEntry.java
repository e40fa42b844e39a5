package dev.slipstream.core.iso;

/**
 * One El Torito boot image. The first entry of {@link IsoWriteOptions#bootEntries()} is the
 * catalog's default entry; the others go into section entries (e.g. platform 0xEF, an EFI floppy
 * image for Itanium media).
 *
 * @param platform {@link IsoConstants#PLATFORM_X86}, {@link IsoConstants#PLATFORM_EFI}, ...
 * @param emulation {@link IsoConstants#EMULATION_NONE} for NT5 and ISOLINUX boot sectors
 * @param loadSegment real-mode segment to load to; 0 means the BIOS default 0x07C0
 * @param sectorCount 512-byte sectors the BIOS loads; -1 for the default: 4 for an x86
 *     no-emulation image (what CDIMAGE and NT5 use), the image size in sectors otherwise
 * @param imagePath the image as a file of the tree (visible on the medium), or {@code null}
 * @param hiddenImage the image when it is not a file of the tree (e.g. taken from another ISO
 *     with --boot-from), or {@code null}
 * @param patchBootInfoTable write the 56-byte boot info table at offset 8 (ISOLINUX needs it)
 */
public record BootEntry(
        int platform,
        int emulation,
        int loadSegment,
        int sectorCount,
        String imagePath,
        ContentSource hiddenImage,
        boolean patchBootInfoTable) {

    public BootEntry {
        if ((imagePath == null) == (hiddenImage == null)) {
            throw new IllegalArgumentException("a boot entry needs exactly one of an image path in the tree or a hidden image");
        }
        if (platform < 0 || platform > 0xFF) {
            throw new IllegalArgumentException("El Torito platform id " + platform + " is not a byte");
        }
        if (emulation < 0 || emulation > 4) {
            throw new IllegalArgumentException("El Torito emulation " + emulation + " is not 0-4");
        }
        if (loadSegment < 0 || loadSegment > 0xFFFF) {
            throw new IllegalArgumentException("load segment " + loadSegment + " is not a 16-bit value");
        }
        if (sectorCount < -1 || sectorCount > 0xFFFF) {
            throw new IllegalArgumentException("boot load size " + sectorCount + " is not 0-65535 sectors");
        }
        if (imagePath != null) {
            imagePath = IsoTree.normalize(imagePath);
        }
    }

    /** An x86 no-emulation entry for a file of the tree, with the NT5 defaults (segment 0, 4 sectors). */
    public static BootEntry x86NoEmulation(String imagePath) {
        return new BootEntry(IsoConstants.PLATFORM_X86, IsoConstants.EMULATION_NONE, 0, -1, imagePath, null, false);
    }

    /**
     * The default boot entry of an existing image (what 7-Zip shows as [BOOT]/Boot-NoEmul.img),
     * as a hidden image with the same platform, emulation, load segment and sector count.
     */
    public static BootEntry fromImage(IsoImageReader source) throws java.io.IOException {
        ElToritoCatalog cat = source.bootCatalog().orElseThrow(() -> dev.slipstream.core.error.BadInputException
                .in(source.image()).hint("take the boot image from a bootable CD, or give it with --boot")
                .problem("the image has no El Torito boot catalog"));
        if (cat.images().isEmpty()) {
            throw dev.slipstream.core.error.BadInputException.in(source.image()).atOffset(cat.lba() * IsoConstants.SECTOR)
                    .problem("the El Torito boot catalog has no default entry");
        }
        ElToritoCatalog.BootImage img = cat.images().get(0);
        return new BootEntry(img.platform(), img.emulation(), img.loadSegment(), img.sectorCount(), null,
                source.bootImageContent(img), false);
    }

    public BootEntry withBootInfoTable(boolean patch) {
        return new BootEntry(platform, emulation, loadSegment, sectorCount, imagePath, hiddenImage, patch);
    }

    public BootEntry withSectorCount(int count) {
        return new BootEntry(platform, emulation, loadSegment, count, imagePath, hiddenImage, patchBootInfoTable);
    }

    public BootEntry withLoadSegment(int segment) {
        return new BootEntry(platform, emulation, segment, sectorCount, imagePath, hiddenImage, patchBootInfoTable);
    }

    /** The sector count written to the catalog for an image of {@code imageSize} bytes. */
    int effectiveSectorCount(long imageSize) {
        if (sectorCount >= 0) {
            return sectorCount;
        }
        if (emulation != IsoConstants.EMULATION_NONE) {
            return 1; // emulated floppies and disks: the BIOS loads the first sector of the image
        }
        if (platform == IsoConstants.PLATFORM_X86) {
            return 4;
        }
        return (int) Math.min(0xFFFF, (imageSize + 511) / 512);
    }
}
