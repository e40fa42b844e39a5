package dev.slipstream.core.cab;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;

/**
 * A forward-only cursor over a folder's uncompressed bytes. It decodes one block at a time, so a
 * 2 GiB member streams through 32 KiB of buffer (plus the decoder's window). Seeking backwards
 * starts the folder again; forwards decodes and discards.
 */
final class FolderStream {

    private final FolderDataReader reader;
    private final byte[] block = new byte[CabConstants.MAX_BLOCK_UNCOMPRESSED];
    private int blockLen;
    private int blockPos;
    /** Folder offset of block[0]. */
    private long blockStart;
    private boolean ended;
    /** A block failed to decode: the decoder's state is unknown, so the next seek starts over. */
    private boolean broken;

    FolderStream(FolderDataReader reader) {
        this.reader = reader;
    }

    FolderChain chain() {
        return reader.chain();
    }

    /** The folder offset the next read returns. */
    long position() {
        return blockStart + blockPos;
    }

    /** Positions the cursor at {@code target}; returns false when the folder ends before it. */
    boolean seek(long target) throws IOException {
        if (broken || target < position()) {
            broken = false;
            reader.rewind();
            blockLen = 0;
            blockPos = 0;
            blockStart = 0;
            ended = false;
        }
        while (target >= blockStart + blockLen) {
            if (!nextBlock()) {
                return target == position();
            }
        }
        blockPos = (int) (target - blockStart);
        return true;
    }

    /** Reads up to {@code len} bytes; -1 at the end of the folder. */
    int read(byte[] b, int off, int len) throws IOException {
        while (blockPos >= blockLen) {
            if (!nextBlock()) {
                return -1;
            }
        }
        int n = Math.min(len, blockLen - blockPos);
        System.arraycopy(block, blockPos, b, off, n);
        blockPos += n;
        return n;
    }

    private boolean nextBlock() throws IOException {
        if (ended) {
            return false;
        }
        int n;
        try {
            n = reader.next(block);
        } catch (IOException | RuntimeException e) {
            broken = true;
            blockLen = 0;
            blockPos = 0;
            ended = true;
            throw e;
        }
        if (n < 0) {
            ended = true;
            blockStart += blockLen;
            blockLen = 0;
            blockPos = 0;
            return false;
        }
        blockStart += blockLen;
        blockLen = n;
        blockPos = 0;
        return true;
    }

    /** An error for a member whose data the folder does not hold. */
    BadInputException beyondEnd(CabEntry e) {
        FolderChain.Segment seg = chain().segments().get(0);
        return BadInputException.in(e.cabinet().path()).atOffset(e.header().entryOffset())
                .hint(chain().segments().get(chain().segments().size() - 1).cabinet().hasNext()
                        ? "the cabinet set is incomplete; put all its parts in one folder"
                        : "the cabinet is truncated or corrupt")
                .problem("member %s needs folder %d bytes %d..%d, but the folder's data ends at %d",
                        e.path(), chain().index(), e.folderOffset(), e.folderOffset() + e.size(), position());
    }
}
