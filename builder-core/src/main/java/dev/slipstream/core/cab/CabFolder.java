package dev.slipstream.core.cab;

/**
 * One CFFOLDER entry of one cabinet file: where its CFDATA blocks start and how they are compressed.
 *
 * @param index        the folder's index within its cabinet
 * @param dataOffset   absolute offset of the first CFDATA block in the file
 * @param blockCount   cCFData: the number of CFDATA blocks in this cabinet
 * @param typeCompress the raw compression type (see {@link CabConstants#describe(int)})
 * @param entryOffset  absolute offset of the CFFOLDER entry itself, for error messages
 */
public record CabFolder(int index, long dataOffset, int blockCount, int typeCompress, long entryOffset) {

    /** "LZX:21", "MSZIP", "None", "Quantum:4:21". */
    public String compression() {
        return CabConstants.describe(typeCompress);
    }
}
