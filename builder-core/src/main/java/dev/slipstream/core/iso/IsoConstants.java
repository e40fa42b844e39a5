package dev.slipstream.core.iso;

import java.nio.charset.StandardCharsets;

/** Layout facts of ISO-9660 (ECMA-119), Joliet and El Torito shared by the reader and the writer. */
public final class IsoConstants {

    private IsoConstants() {
    }

    public static final int SECTOR = 2048;
    /** Sectors 0-15 are the system area; volume descriptors start at sector 16. */
    public static final int FIRST_DESCRIPTOR_SECTOR = 16;
    public static final byte[] STANDARD_ID = "CD001".getBytes(StandardCharsets.US_ASCII);

    public static final int VD_BOOT_RECORD = 0;
    public static final int VD_PRIMARY = 1;
    public static final int VD_SUPPLEMENTARY = 2;
    public static final int VD_PARTITION = 3;
    public static final int VD_TERMINATOR = 255;

    /** Joliet escape sequences (in the SVD at offset 88) for UCS-2 levels 1, 2 and 3. */
    public static final byte[][] JOLIET_ESCAPES = {{0x25, 0x2F, 0x40}, {0x25, 0x2F, 0x43}, {0x25, 0x2F, 0x45}};

    public static final int FLAG_HIDDEN = 0x01;
    public static final int FLAG_DIRECTORY = 0x02;
    /** Set on every extent record of a multi-extent file but the last. */
    public static final int FLAG_NOT_FINAL = 0x80;

    /** Directory record: fixed part before the identifier. */
    public static final int DIR_RECORD_FIXED = 33;

    /**
     * Largest extent we write for one directory record: the largest multiple of the sector size that
     * fits the 32-bit data length, so the next extent starts on a sector boundary.
     */
    public static final long MAX_EXTENT = 0xFFFF_F800L;

    public static final String EL_TORITO_ID = "EL TORITO SPECIFICATION";
    /** Offset of the boot catalog's LBA inside the boot record volume descriptor. */
    public static final int BOOT_RECORD_CATALOG_OFFSET = 0x47;

    public static final int PLATFORM_X86 = 0x00;
    public static final int PLATFORM_POWERPC = 0x01;
    public static final int PLATFORM_MAC = 0x02;
    public static final int PLATFORM_EFI = 0xEF;

    public static final int EMULATION_NONE = 0;
    public static final int EMULATION_FLOPPY_1_2 = 1;
    public static final int EMULATION_FLOPPY_1_44 = 2;
    public static final int EMULATION_FLOPPY_2_88 = 3;
    public static final int EMULATION_HARD_DISK = 4;

    public static final int CATALOG_VALIDATION = 0x01;
    public static final int CATALOG_BOOTABLE = 0x88;
    public static final int CATALOG_NOT_BOOTABLE = 0x00;
    public static final int CATALOG_SECTION_MORE = 0x90;
    public static final int CATALOG_SECTION_LAST = 0x91;

    /** The boot info table (ISOLINUX, mkisofs -boot-info-table): 56 bytes at offset 8 of the image. */
    public static final int BOOT_INFO_TABLE_OFFSET = 8;
    public static final int BOOT_INFO_TABLE_CHECKSUM_START = 64;

    /** A no-emulation load segment of 0 means the BIOS default 0x07C0. */
    public static final int DEFAULT_LOAD_SEGMENT = 0x07C0;

    public static String platformName(int platform) {
        return switch (platform) {
            case PLATFORM_X86 -> "x86";
            case PLATFORM_POWERPC -> "PowerPC";
            case PLATFORM_MAC -> "Mac";
            case PLATFORM_EFI -> "EFI";
            default -> String.format("0x%02X", platform);
        };
    }

    public static String emulationName(int emulation) {
        return switch (emulation) {
            case EMULATION_NONE -> "no emulation";
            case EMULATION_FLOPPY_1_2 -> "1.2M floppy";
            case EMULATION_FLOPPY_1_44 -> "1.44M floppy";
            case EMULATION_FLOPPY_2_88 -> "2.88M floppy";
            case EMULATION_HARD_DISK -> "hard disk";
            default -> String.format("unknown (%d)", emulation);
        };
    }
}
