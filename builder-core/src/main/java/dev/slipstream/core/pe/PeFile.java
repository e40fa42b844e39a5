package dev.slipstream.core.pe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The headers of a PE image (EXE, DLL, SYS) as {@link PeReader} found them: DOS and NT headers,
 * machine, sections, data directories, and what lies past the sections. Immutable; holds no open
 * file. Every offset here has been checked against the size of the file.
 *
 * <p>The <em>overlay</em> is whatever the file holds after the raw data of its last section: a
 * self-extractor's payload cabinet, and, in a signed file, the certificate table at its very end.
 * {@link #overlayOffset()} is where it starts; {@link #overlayEnd()} is where the payload part ends
 * (the certificate table, when it lies in the overlay, or the end of the file).
 */
public final class PeFile {

    /** IMAGE_FILE_HEADER.Characteristics: the image is a DLL. */
    public static final int IMAGE_FILE_DLL = 0x2000;
    /** IMAGE_FILE_HEADER.Characteristics: the image is executable (not an object file). */
    public static final int IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002;
    public static final int MAGIC_PE32 = 0x10B;
    public static final int MAGIC_PE32_PLUS = 0x20B;

    private final String source;
    private final long fileSize;
    private final long ntHeaderOffset;
    private final int machineCode;
    private final long timeDateStamp;
    private final int characteristics;
    private final int optionalHeaderMagic;
    private final long imageBase;
    private final long sectionAlignment;
    private final long fileAlignment;
    private final long sizeOfImage;
    private final long sizeOfHeaders;
    private final long checksum;
    private final long checksumOffset;
    private final int subsystem;
    private final int dllCharacteristics;
    private final List<DataDirectory> dataDirectories;
    private final List<PeSection> sections;
    private final long overlayOffset;
    private final CertificateTable certificateTable;

    PeFile(String source, long fileSize, long ntHeaderOffset, int machineCode, long timeDateStamp, int characteristics,
            int optionalHeaderMagic, long imageBase, long sectionAlignment, long fileAlignment, long sizeOfImage,
            long sizeOfHeaders, long checksum, long checksumOffset, int subsystem, int dllCharacteristics,
            List<DataDirectory> dataDirectories, List<PeSection> sections, long overlayOffset,
            CertificateTable certificateTable) {
        this.source = source;
        this.fileSize = fileSize;
        this.ntHeaderOffset = ntHeaderOffset;
        this.machineCode = machineCode;
        this.timeDateStamp = timeDateStamp;
        this.characteristics = characteristics;
        this.optionalHeaderMagic = optionalHeaderMagic;
        this.imageBase = imageBase;
        this.sectionAlignment = sectionAlignment;
        this.fileAlignment = fileAlignment;
        this.sizeOfImage = sizeOfImage;
        this.sizeOfHeaders = sizeOfHeaders;
        this.checksum = checksum;
        this.checksumOffset = checksumOffset;
        this.subsystem = subsystem;
        this.dllCharacteristics = dllCharacteristics;
        this.dataDirectories = List.copyOf(dataDirectories);
        this.sections = List.copyOf(sections);
        this.overlayOffset = overlayOffset;
        this.certificateTable = certificateTable;
    }

    /** Reads the headers of {@code file}; see {@link PeReader} for resources and version info. */
    public static PeFile read(Path file) throws IOException {
        try (PeReader r = PeReader.open(file)) {
            return r.pe();
        }
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    public long fileSize() {
        return fileSize;
    }

    /** e_lfanew: the offset of the "PE\0\0" signature. */
    public long ntHeaderOffset() {
        return ntHeaderOffset;
    }

    /** The raw IMAGE_FILE_HEADER.Machine value. */
    public int machineCode() {
        return machineCode;
    }

    /** The machine, when it is one slipstream knows (x86, x64, ia64). */
    public Optional<MachineType> machine() {
        return MachineType.fromCode(machineCode);
    }

    public long timeDateStamp() {
        return timeDateStamp;
    }

    public int characteristics() {
        return characteristics;
    }

    public boolean isDll() {
        return (characteristics & IMAGE_FILE_DLL) != 0;
    }

    /** 0x10B (PE32) or 0x20B (PE32+). */
    public int optionalHeaderMagic() {
        return optionalHeaderMagic;
    }

    public boolean isPe32Plus() {
        return optionalHeaderMagic == MAGIC_PE32_PLUS;
    }

    /** "PE32" or "PE32+". */
    public String format() {
        return isPe32Plus() ? "PE32+" : "PE32";
    }

    public long imageBase() {
        return imageBase;
    }

    public long sectionAlignment() {
        return sectionAlignment;
    }

    public long fileAlignment() {
        return fileAlignment;
    }

    public long sizeOfImage() {
        return sizeOfImage;
    }

    public long sizeOfHeaders() {
        return sizeOfHeaders;
    }

    /** The CheckSum field as stored (0 in most user-mode images; drivers must carry a valid one). */
    public long checksum() {
        return checksum;
    }

    /** The file offset of the 4-byte CheckSum field, which the PE checksum and Authenticode skip. */
    public long checksumOffset() {
        return checksumOffset;
    }

    public int subsystem() {
        return subsystem;
    }

    public int dllCharacteristics() {
        return dllCharacteristics;
    }

    /**
     * The file offset of the 8-byte IMAGE_DATA_DIRECTORY entry {@code index} in the optional
     * header (Authenticode skips the SECURITY entry when it hashes the file), or -1 when the
     * header declares fewer directories.
     */
    public long dataDirectoryEntryOffset(int index) {
        if (index < 0 || index >= dataDirectories.size()) {
            return -1;
        }
        long optionalHeader = ntHeaderOffset + 4 + 20;
        return optionalHeader + (isPe32Plus() ? 112 : 96) + 8L * index;
    }

    /** The data directories the header declares (at most 16). */
    public List<DataDirectory> dataDirectories() {
        return dataDirectories;
    }

    /** The directory at {@code index}, or an empty one when the header declares fewer. */
    public DataDirectory dataDirectory(int index) {
        return index < dataDirectories.size() ? dataDirectories.get(index) : new DataDirectory(index, 0, 0);
    }

    public List<PeSection> sections() {
        return sections;
    }

    /** The file offset where the overlay starts: just past the raw data of the last section. */
    public long overlayOffset() {
        return overlayOffset;
    }

    /**
     * Where the payload part of the overlay ends: the start of the certificate table when that
     * lies in the overlay, else the end of the file.
     */
    public long overlayEnd() {
        if (certificateTable != null && certificateTable.offset() >= overlayOffset) {
            return certificateTable.offset();
        }
        return fileSize;
    }

    /** The size of the overlay's payload part (excluding a trailing certificate table). */
    public long overlaySize() {
        return overlayEnd() - overlayOffset;
    }

    public boolean hasOverlay() {
        return overlaySize() > 0;
    }

    /** The Authenticode certificate table, when the security directory declares one. */
    public Optional<CertificateTable> certificateTable() {
        return Optional.ofNullable(certificateTable);
    }

    /** The section whose raw data holds {@code rva}. */
    public Optional<PeSection> sectionHoldingRva(long rva) {
        for (PeSection s : sections) {
            if (s.holdsRva(rva)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The file offset of {@code rva}, when the file holds it (in a section's raw data or in the
     * headers); empty for addresses the loader fills with zeros or that no section covers.
     */
    public OptionalLong rvaToOffset(long rva) {
        if (rva < 0) {
            return OptionalLong.empty();
        }
        for (PeSection s : sections) {
            if (s.holdsRva(rva)) {
                long off = s.pointerToRawData() + (rva - s.virtualAddress());
                return off < fileSize ? OptionalLong.of(off) : OptionalLong.empty();
            }
        }
        if (rva < sizeOfHeaders && rva < fileSize) {
            return OptionalLong.of(rva);
        }
        return OptionalLong.empty();
    }

    @Override
    public String toString() {
        return source + ": " + format() + " " + MachineType.describe(machineCode) + ", " + sections.size() + " sections";
    }
}
