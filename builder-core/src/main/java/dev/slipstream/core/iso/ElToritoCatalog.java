package dev.slipstream.core.iso;

import java.util.List;

/**
 * The El Torito boot catalog of an image.
 *
 * @param lba the catalog's sector
 * @param platform the validation entry's platform id
 * @param id the validation entry's manufacturer id
 * @param checksumValid whether the validation entry's words sum to zero and its key is 55 AA
 * @param images the default entry first, then the section entries
 */
public record ElToritoCatalog(long lba, int platform, String id, boolean checksumValid, List<BootImage> images) {

    /**
     * One entry of the catalog.
     *
     * @param sectionId the section header's id string; empty for the default entry
     */
    public record BootImage(int index, boolean bootable, int platform, int emulation, int loadSegment,
                            int systemType, int sectorCount, long lba, String sectionId) {

        /** The segment the BIOS really loads to: 0 means 0x07C0. */
        public int effectiveLoadSegment() {
            return loadSegment == 0 ? IsoConstants.DEFAULT_LOAD_SEGMENT : loadSegment;
        }

        /**
         * The bytes 7-Zip extracts for it: the sectors the BIOS loads for no emulation, the whole
         * floppy for floppy emulation.
         */
        public long nominalSize() {
            return switch (emulation) {
                case IsoConstants.EMULATION_FLOPPY_1_2 -> 1200 * 1024L;
                case IsoConstants.EMULATION_FLOPPY_1_44 -> 1440 * 1024L;
                case IsoConstants.EMULATION_FLOPPY_2_88 -> 2880 * 1024L;
                default -> sectorCount * 512L;
            };
        }

        /** The file name 7-Zip gives the image under {@code [BOOT]/}. */
        public String fileName(int imagesInCatalog) {
            String media = switch (emulation) {
                case IsoConstants.EMULATION_NONE -> "NoEmul";
                case IsoConstants.EMULATION_FLOPPY_1_2 -> "1.2M";
                case IsoConstants.EMULATION_FLOPPY_1_44 -> "1.44M";
                case IsoConstants.EMULATION_FLOPPY_2_88 -> "2.88M";
                case IsoConstants.EMULATION_HARD_DISK -> "HardDisk";
                default -> "Unknown";
            };
            return (imagesInCatalog > 1 ? (index + 1) + "-" : "") + "Boot-" + media + ".img";
        }
    }
}
