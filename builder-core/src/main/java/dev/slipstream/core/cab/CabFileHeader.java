package dev.slipstream.core.cab;

import java.time.LocalDateTime;

/**
 * One CFFILE entry as stored: sizes, folder index (including the continuation markers), DOS date
 * and time, attributes and the name in its raw bytes and decoded.
 *
 * @param name        the decoded name with Windows separators ({@code \}) kept
 * @param rawName     the name's bytes as stored, without the terminating NUL
 * @param size        cbFile, 0..4 GiB-1
 * @param folderStart uoffFolderStart: offset of the data within the (whole, possibly spanning) folder
 * @param folderIndex iFolder as stored, including 0xFFFD, 0xFFFE and 0xFFFF
 * @param entryOffset absolute offset of the CFFILE entry, for error messages
 */
public record CabFileHeader(String name, byte[] rawName, long size, long folderStart, int folderIndex,
        int dosDate, int dosTime, int attributes, long entryOffset) {

    public boolean isUtf8Name() {
        return (attributes & CabConstants.ATTR_NAME_IS_UTF) != 0;
    }

    public boolean continuedFromPrevious() {
        return folderIndex == CabConstants.IFOLD_CONTINUED_FROM_PREV || folderIndex == CabConstants.IFOLD_CONTINUED_PREV_AND_NEXT;
    }

    public boolean continuedToNext() {
        return folderIndex == CabConstants.IFOLD_CONTINUED_TO_NEXT || folderIndex == CabConstants.IFOLD_CONTINUED_PREV_AND_NEXT;
    }

    /** The DOS date and time as a local time, or {@code null} when they are not a real date. */
    public LocalDateTime lastModified() {
        return DosTime.toLocalDateTime(dosDate, dosTime);
    }
}
