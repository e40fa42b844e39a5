package dev.slipstream.core.cab;

import java.time.LocalDateTime;

/**
 * A member of a cabinet (or cabinet set) as a reader lists it: its CFFILE entry, the cabinet that
 * lists it and the folder chain that holds its data.
 */
public final class CabEntry {

    private final CabFileHeader header;
    private final CabinetHeader cabinet;
    private final FolderChain folder;
    private final int index;

    CabEntry(CabFileHeader header, CabinetHeader cabinet, FolderChain folder, int index) {
        this.header = header;
        this.cabinet = cabinet;
        this.folder = folder;
        this.index = index;
    }

    /** The name as stored, decoded, with Windows separators. */
    public String name() {
        return header.name();
    }

    /** The name with {@code \} turned into {@code /}: the relative path an extractor would use. */
    public String path() {
        return header.name().replace('\\', '/');
    }

    public long size() {
        return header.size();
    }

    /** The DOS timestamp (local time), or {@code null} when the header holds no valid date. */
    public LocalDateTime lastModified() {
        return header.lastModified();
    }

    /** "2004-09-06 01:37:56" (the raw fields when they are not a valid date). */
    public String lastModifiedText() {
        return DosTime.format(header.dosDate(), header.dosTime());
    }

    public int attributes() {
        return header.attributes();
    }

    /** Attributes as cabextract-style letters: r(ead-only) h(idden) s(ystem) a(rchive) x(execute) u(tf-8 name). */
    public String attributeLetters() {
        int a = header.attributes();
        StringBuilder sb = new StringBuilder();
        sb.append((a & CabConstants.ATTR_READONLY) != 0 ? 'r' : '-');
        sb.append((a & CabConstants.ATTR_HIDDEN) != 0 ? 'h' : '-');
        sb.append((a & CabConstants.ATTR_SYSTEM) != 0 ? 's' : '-');
        sb.append((a & CabConstants.ATTR_ARCHIVE) != 0 ? 'a' : '-');
        sb.append((a & CabConstants.ATTR_EXECUTE) != 0 ? 'x' : '-');
        sb.append((a & CabConstants.ATTR_NAME_IS_UTF) != 0 ? 'u' : '-');
        return sb.toString();
    }

    public boolean isUtf8Name() {
        return header.isUtf8Name();
    }

    public CabFileHeader header() {
        return header;
    }

    /** The cabinet whose CFFILE table lists this member. */
    public CabinetHeader cabinet() {
        return cabinet;
    }

    public FolderChain folder() {
        return folder;
    }

    /** Offset of the member's data within its folder's uncompressed stream. */
    public long folderOffset() {
        return header.folderStart();
    }

    /** Position in the listing, from 0. */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return path();
    }
}
