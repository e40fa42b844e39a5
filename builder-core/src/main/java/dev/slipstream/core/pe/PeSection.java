package dev.slipstream.core.pe;

/**
 * One IMAGE_SECTION_HEADER. Raw data is the part stored in the file ({@code pointerToRawData},
 * {@code sizeOfRawData}); the virtual part is where the loader maps it.
 */
public record PeSection(String name, long virtualSize, long virtualAddress, long sizeOfRawData,
        long pointerToRawData, int characteristics) {

    public static final int CNT_CODE = 0x00000020;
    public static final int CNT_INITIALIZED_DATA = 0x00000040;
    public static final int CNT_UNINITIALIZED_DATA = 0x00000080;
    public static final int MEM_EXECUTE = 0x20000000;
    public static final int MEM_READ = 0x40000000;
    public static final int MEM_WRITE = 0x80000000;

    /** The file offset just past this section's raw data, or {@code pointerToRawData} if it has none. */
    public long rawEnd() {
        return pointerToRawData + sizeOfRawData;
    }

    /** Whether {@code rva} falls in the part of this section that the file holds. */
    public boolean holdsRva(long rva) {
        return sizeOfRawData > 0 && rva >= virtualAddress && rva - virtualAddress < sizeOfRawData;
    }
}
