package dev.slipstream.core.cab;

/**
 * The constants of the Microsoft Cabinet container ([MS-CAB] 2.x), shared by the reader and the
 * writer. All multi-byte fields are little-endian.
 */
public final class CabConstants {

    private CabConstants() {
    }

    /** "MSCF" read as a little-endian u32. */
    public static final int SIGNATURE = 0x4643534D;
    public static final byte[] SIGNATURE_BYTES = {'M', 'S', 'C', 'F'};

    // CFHEADER field offsets
    public static final int CFHEADER_SIGNATURE = 0;
    public static final int CFHEADER_CB_CABINET = 8;
    public static final int CFHEADER_COFF_FILES = 16;
    public static final int CFHEADER_VERSION_MINOR = 24;
    public static final int CFHEADER_VERSION_MAJOR = 25;
    public static final int CFHEADER_C_FOLDERS = 26;
    public static final int CFHEADER_C_FILES = 28;
    public static final int CFHEADER_FLAGS = 30;
    public static final int CFHEADER_SET_ID = 32;
    public static final int CFHEADER_I_CABINET = 34;
    /** Size of the fixed part of CFHEADER. */
    public static final int CFHEADER_SIZE = 36;
    /** cbCFHeader (u16), cbCFFolder (u8), cbCFData (u8), present when {@link #FLAG_RESERVE_PRESENT}. */
    public static final int CFHEADER_RESERVE_FIELDS_SIZE = 4;
    /** The largest per-cabinet reserve area the format allows. */
    public static final int MAX_HEADER_RESERVE = 60_000;

    public static final int VERSION_MAJOR = 1;
    public static final int VERSION_MINOR = 3;

    // CFHEADER flags
    public static final int FLAG_PREV_CABINET = 0x0001;
    public static final int FLAG_NEXT_CABINET = 0x0002;
    public static final int FLAG_RESERVE_PRESENT = 0x0004;

    /** Longest szCabinet/szDisk string including its NUL. */
    public static final int MAX_SET_STRING = 256;

    // CFFOLDER: coffCabStart u32, cCFData u16, typeCompress u16
    public static final int CFFOLDER_SIZE = 8;

    // CFFILE: cbFile u32, uoffFolderStart u32, iFolder u16, date u16, time u16, attribs u16, szName
    public static final int CFFILE_SIZE = 16;
    /** Longest file name including its NUL, as libmspack and makecab allow. */
    public static final int MAX_NAME = 256;

    // CFFILE.iFolder special values
    public static final int IFOLD_CONTINUED_FROM_PREV = 0xFFFD;
    public static final int IFOLD_CONTINUED_TO_NEXT = 0xFFFE;
    public static final int IFOLD_CONTINUED_PREV_AND_NEXT = 0xFFFF;

    // CFFILE.attribs
    public static final int ATTR_READONLY = 0x01;
    public static final int ATTR_HIDDEN = 0x02;
    public static final int ATTR_SYSTEM = 0x04;
    public static final int ATTR_ARCHIVE = 0x20;
    public static final int ATTR_EXECUTE = 0x40;
    public static final int ATTR_NAME_IS_UTF = 0x80;

    // CFDATA: csum u32, cbData u16, cbUncomp u16
    public static final int CFDATA_SIZE = 8;
    /** Largest uncompressed size of one CFDATA block. */
    public static final int MAX_BLOCK_UNCOMPRESSED = 32_768;
    /** Largest compressed size of one CFDATA block: codecs may expand incompressible data a little. */
    public static final int MAX_BLOCK_COMPRESSED = 32_768 + 6_144;

    // CFFOLDER.typeCompress
    public static final int COMPRESS_MASK_TYPE = 0x000F;
    public static final int COMPRESS_NONE = 0x0000;
    public static final int COMPRESS_MSZIP = 0x0001;
    public static final int COMPRESS_QUANTUM = 0x0002;
    public static final int COMPRESS_LZX = 0x0003;
    /** Quantum level in bits 4..7. */
    public static final int COMPRESS_MASK_QUANTUM_LEVEL = 0x00F0;
    public static final int COMPRESS_SHIFT_QUANTUM_LEVEL = 4;
    /** LZX window bits (15..21) or Quantum memory bits (10..21) in bits 8..12. */
    public static final int COMPRESS_MASK_WINDOW = 0x1F00;
    public static final int COMPRESS_SHIFT_WINDOW = 8;

    /** typeCompress for LZX with a window of 2^windowBits bytes. */
    public static int lzx(int windowBits) {
        return COMPRESS_LZX | (windowBits << COMPRESS_SHIFT_WINDOW);
    }

    public static int windowBits(int typeCompress) {
        return (typeCompress & COMPRESS_MASK_WINDOW) >>> COMPRESS_SHIFT_WINDOW;
    }

    /** "LZX:21", "MSZIP", "Quantum:4:21", "None", as cabextract and 7-Zip name them. */
    public static String describe(int typeCompress) {
        return switch (typeCompress & COMPRESS_MASK_TYPE) {
            case COMPRESS_NONE -> "None";
            case COMPRESS_MSZIP -> "MSZIP";
            case COMPRESS_QUANTUM -> "Quantum:" + ((typeCompress & COMPRESS_MASK_QUANTUM_LEVEL) >>> COMPRESS_SHIFT_QUANTUM_LEVEL)
                    + ":" + windowBits(typeCompress);
            case COMPRESS_LZX -> "LZX:" + windowBits(typeCompress);
            default -> String.format("unknown(0x%04X)", typeCompress);
        };
    }
}
