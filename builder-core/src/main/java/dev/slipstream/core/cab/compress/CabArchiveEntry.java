package dev.slipstream.core.cab.compress;

import dev.slipstream.core.cab.CabEntry;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.commons.compress.archivers.ArchiveEntry;

/** A cabinet member as commons-compress sees it; {@link #cabEntry()} gives the full header. */
public final class CabArchiveEntry implements ArchiveEntry {

    private final CabEntry entry;

    CabArchiveEntry(CabEntry entry) {
        this.entry = entry;
    }

    public CabEntry cabEntry() {
        return entry;
    }

    /** The member's path with {@code /} separators. */
    @Override
    public String getName() {
        return entry.path();
    }

    @Override
    public long getSize() {
        return entry.size();
    }

    /** Cabinets hold only files; directories are implied by paths. */
    @Override
    public boolean isDirectory() {
        return false;
    }

    /** The DOS time read as UTC (as {@code slipstream cab extract} does), or the epoch when the header has no valid date. */
    @Override
    public Date getLastModifiedDate() {
        LocalDateTime t = entry.lastModified();
        return Date.from(t == null ? java.time.Instant.EPOCH : t.toInstant(ZoneOffset.UTC));
    }

    @Override
    public String toString() {
        return getName();
    }
}
