package dev.slipstream.core.iso;

import static dev.slipstream.core.iso.IsoConstants.SECTOR;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zisofs-compressed file (Rock Ridge "ZF", Linux mkzftree): a 16-byte header, a table of block
 * offsets, and zlib-compressed blocks of 32-128 KiB, where an empty block means zeros. Streamed
 * block by block; every offset is checked against the stored extent and every block's output
 * is capped at the block size, so a hostile table cannot make us read outside the file or inflate
 * without bound.
 */
final class ZisofsContent implements ContentSource {

    private static final byte[] MAGIC = {0x37, (byte) 0xE4, 0x53, (byte) 0x96, (byte) 0xC9, (byte) 0xDB, (byte) 0xD6, 0x07};

    private final IsoImageReader reader;
    private final IsoEntry entry;

    ZisofsContent(IsoImageReader reader, IsoEntry entry) {
        this.reader = reader;
        this.entry = entry;
    }

    @Override
    public long size() {
        return entry.size();
    }

    @Override
    public String describe() {
        return reader.image() + ":/" + entry.path();
    }

    private BadInputException bad(long off, String problem) {
        return BadInputException.in(describe()).atOffset(off)
                .hint("the zisofs-compressed file is corrupt; extract it with a tool that reads raw data")
                .problem(problem);
    }

    @Override
    public ReadableByteChannel open() throws IOException {
        if (entry.extents().size() != 1) {
            throw bad(0, "a zisofs file in several extents is not supported");
        }
        IsoEntry.Extent x = entry.extents().get(0);
        long base = x.lba() * SECTOR;
        long stored = x.length();
        if (base + stored > reader.imageSize()) {
            throw bad(base, "compressed data beyond the image end");
        }
        if (stored < 16) {
            throw bad(base, "compressed data shorter than the 16-byte zisofs header");
        }
        byte[] h = reader.readAt(base, 16);
        for (int i = 0; i < 8; i++) {
            if (h[i] != MAGIC[i]) {
                throw bad(base, "no zisofs header magic");
            }
        }
        long size = IsoBytes.le32(h, 8);
        int headerSize = (h[12] & 0xFF) * 4;
        int log2 = h[13] & 0xFF;
        if (log2 < 15 || log2 > 17) {
            throw bad(base + 13, "zisofs block size 2^" + log2 + " is not 2^15-2^17");
        }
        if (size != entry.size()) {
            throw bad(base + 8, "zisofs header says " + size + " bytes, Rock Ridge says " + entry.size());
        }
        int block = 1 << log2;
        long blocks = (size + block - 1) / block;
        long tableBytes = (blocks + 1) * 4;
        if (headerSize < 16 || headerSize + tableBytes > stored) {
            throw bad(base + 12, "zisofs block table (" + blocks + " blocks) does not fit the " + stored + " stored bytes");
        }
        return new ReadableByteChannel() {
            final Inflater inflater = new Inflater();
            final byte[] out = new byte[block];
            long nextBlock;
            int outPos;
            int outLen;
            boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (outPos == outLen) {
                    if (nextBlock >= blocks) {
                        return -1;
                    }
                    fill();
                }
                int n = Math.min(dst.remaining(), outLen - outPos);
                dst.put(out, outPos, n);
                outPos += n;
                return n;
            }

            private void fill() throws IOException {
                long tab = base + headerSize + nextBlock * 4;
                byte[] p = reader.readAt(tab, 8);
                long from = IsoBytes.le32(p, 0);
                long to = IsoBytes.le32(p, 4);
                int want = (int) Math.min(block, size - nextBlock * block);
                if (from > to || to > stored || to - from > block + 1024L) {
                    throw bad(tab, "zisofs block " + nextBlock + " pointers " + from + ".." + to + " are invalid");
                }
                if (to == from) {
                    java.util.Arrays.fill(out, 0, want, (byte) 0);
                } else {
                    byte[] in = reader.readAt(base + from, (int) (to - from));
                    inflater.reset();
                    inflater.setInput(in);
                    int got = 0;
                    try {
                        while (got < want && !inflater.finished()) {
                            int n = inflater.inflate(out, got, want - got);
                            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                                break;
                            }
                            got += n;
                        }
                    } catch (DataFormatException e) {
                        throw bad(base + from, "zisofs block " + nextBlock + " is not valid zlib data: " + e.getMessage());
                    }
                    if (got != want) {
                        throw bad(base + from, "zisofs block " + nextBlock + " inflates to " + got + " bytes, not " + want);
                    }
                }
                outPos = 0;
                outLen = want;
                nextBlock++;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
                inflater.end();
            }
        };
    }
}
