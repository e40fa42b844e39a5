package dev.slipstream.core.cab;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built cabinets for tests that need exact control over every header field: a single folder
 * whose CFDATA blocks hold the given (already compressed) payloads. Not a writer: the real one is
 * the cabinet writer; this exists so hostile variations can be made byte by byte.
 */
final class TestCabinets {

    record Member(String name, long size, long folderStart) {
    }

    record Block(byte[] data, int uncompressed) {
    }

    /** Offsets of interesting fields in the built cabinet. */
    record Layout(byte[] bytes, int folderEntry, int firstFileEntry, int firstDataBlock) {
    }

    private TestCabinets() {
    }

    static Layout build(int typeCompress, List<Member> members, List<Block> blocks) {
        ByteArrayOutputStream files = new ByteArrayOutputStream();
        for (Member m : members) {
            ByteBuffer f = le(16);
            f.putInt((int) m.size()).putInt((int) m.folderStart()).putShort((short) 0)
                    .putShort((short) 0x5A6C).putShort((short) 0x5B2E).putShort((short) 0x20);
            files.writeBytes(f.array());
            files.writeBytes(m.name().getBytes(StandardCharsets.ISO_8859_1));
            files.write(0);
        }
        int headerSize = 36;
        int folderEntry = headerSize;
        int firstFile = folderEntry + 8;
        int firstData = firstFile + files.size();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Block b : blocks) {
            ByteBuffer h = le(8);
            int sum = CabChecksum.forBlock(b.data(), 0, b.data().length, b.uncompressed());
            h.putInt(sum).putShort((short) b.data().length).putShort((short) b.uncompressed());
            data.writeBytes(h.array());
            data.writeBytes(b.data());
        }
        int total = firstData + data.size();
        ByteBuffer out = le(total);
        out.putInt(CabConstants.SIGNATURE).putInt(0).putInt(total).putInt(0).putInt(firstFile).putInt(0)
                .put((byte) 3).put((byte) 1).putShort((short) 1).putShort((short) members.size()).putShort((short) 0)
                .putShort((short) 1234).putShort((short) 0);
        out.putInt(firstData).putShort((short) blocks.size()).putShort((short) typeCompress);
        out.put(files.toByteArray());
        out.put(data.toByteArray());
        return new Layout(out.array(), folderEntry, firstFile, firstData);
    }

    /** A stored (NONE) cabinet holding the given files' contents, split into 32 KiB blocks. */
    static Layout stored(List<String> names, List<byte[]> contents) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            members.add(new Member(names.get(i), contents.get(i).length, all.size()));
            all.writeBytes(contents.get(i));
        }
        byte[] bytes = all.toByteArray();
        List<Block> blocks = new ArrayList<>();
        for (int off = 0; off < bytes.length; off += 32768) {
            int n = Math.min(32768, bytes.length - off);
            byte[] b = new byte[n];
            System.arraycopy(bytes, off, b, 0, n);
            blocks.add(new Block(b, n));
        }
        return build(CabConstants.COMPRESS_NONE, members, blocks);
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
