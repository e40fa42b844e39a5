package dev.slipstream.core.cab;

import java.util.List;

/**
 * A folder as a decoder sees it: one compression stream, made of the CFFOLDER entries of one or
 * more consecutive cabinets of a set (a folder "spans" cabinets when the writer ran out of room).
 *
 * @param index    the folder's number within the whole set, from 0
 * @param segments the parts, in order; each is one cabinet's CFFOLDER entry
 * @param startsInMissingCabinet the folder began in a previous cabinet that is not loaded, so
 *                 its data cannot be decoded (members are listed, reading them fails)
 */
public record FolderChain(int index, List<Segment> segments, boolean startsInMissingCabinet) {

    /** One cabinet's share of a folder. */
    public record Segment(CabinetHeader cabinet, CabFolder folder) {
    }

    public FolderChain {
        segments = List.copyOf(segments);
    }

    public int typeCompress() {
        return segments.get(0).folder().typeCompress();
    }

    /** "LZX:21", "MSZIP"... */
    public String compression() {
        return CabConstants.describe(typeCompress());
    }

    /** Total CFDATA blocks over all segments; a block split across two cabinets counts twice. */
    public long blockCount() {
        long n = 0;
        for (Segment s : segments) {
            n += s.folder().blockCount();
        }
        return n;
    }
}
