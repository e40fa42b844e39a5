package dev.slipstream.core.packed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes a packed tree ({@link PackedTreeFormat}). Every member is declared first, with its size,
 * so each gets a fixed place in the file: members can then be written from several threads, in
 * any order and interleaved, and the file's layout depends only on the declarations, never on
 * timing. {@link #finish()} checks that every member got exactly its bytes and writes the index;
 * closing without it deletes the file, so a failed extraction leaves nothing that looks complete.
 */
public final class PackedTreeWriter implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, String> kinds = new HashMap<>();
    private long end = PackedTreeFormat.HEADER_SIZE;
    /** Set by the first write: no member may be declared after it. Volatile so that writes need no lock once it is set. */
    private volatile boolean sealed;
    private boolean finished;

    private PackedTreeWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates {@code file}, which must not exist. */
    public static PackedTreeWriter create(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ch.write(ByteBuffer.wrap(PackedTreeFormat.MAGIC), 0);
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
        return new PackedTreeWriter(file, ch);
    }

    /**
     * Declares a member. Names are relative and '/'-separated; a name that is not (empty, absolute,
     * with "." or ".." segments), that was declared before, or that is both a file and a folder
     * is an {@link IllegalArgumentException}: callers validate untrusted names first.
     */
    public synchronized Slot declare(String name, long size) {
        if (sealed) {
            throw new IllegalStateException("members are declared before any is written");
        }
        String n = PackedTreeFormat.canonicalName(name);
        if (n == null || size < 0) {
            throw new IllegalArgumentException("not a valid member: '" + name + "' of " + size + " bytes");
        }
        if (kinds.putIfAbsent(n, "file") != null) {
            throw new IllegalArgumentException("'" + name + "' is declared twice, or as a file and a folder");
        }
        for (int i = n.indexOf('/'); i >= 0; i = n.indexOf('/', i + 1)) {
            String dir = n.substring(0, i);
            String had = kinds.putIfAbsent(dir, "folder");
            if ("file".equals(had)) {
                throw new IllegalArgumentException("'" + dir + "' is both a file and the folder of '" + name + "'");
            }
        }
        Slot s = new Slot(n, end, size);
        end += size;
        slots.add(s);
        return s;
    }

    /** Writes the index and the trailer; the file is complete and valid after this. */
    public synchronized void finish() throws IOException {
        for (Slot s : slots) {
            if (s.written != s.size) {
                throw new IOException(file + ": the member '" + s.name + "' got " + s.written + " of its " + s.size + " bytes");
            }
        }
        ByteBuffer index = index();
        CRC32 crc = new CRC32();
        crc.update(index.duplicate());
        ByteBuffer trailer = ByteBuffer.allocate(PackedTreeFormat.TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putLong(end).putInt(slots.size()).putInt((int) crc.getValue()).put(PackedTreeFormat.INDEX_MAGIC).flip();
        long at = end;
        at += writeFully(index, at);
        writeFully(trailer, at);
        channel.close();
        finished = true;
    }

    private ByteBuffer index() {
        int bytes = 0;
        List<byte[]> names = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            byte[] n = s.name.getBytes(StandardCharsets.UTF_8);
            names.add(n);
            bytes += PackedTreeFormat.ENTRY_FIXED + n.length;
        }
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            b.putShort((short) names.get(i).length).put(names.get(i)).putLong(s.offset).putLong(s.size);
        }
        return b.flip();
    }

    private long writeFully(ByteBuffer b, long at) throws IOException {
        long start = at;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
        return at - start;
    }

    /** Without {@link #finish()} first, deletes the file. */
    @Override
    public synchronized void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One member's fixed place in the file; its bytes are written in order, by one thread at a time. */
    public final class Slot {
        private final String name;
        private final long offset;
        private final long size;
        private long written;

        private Slot(String name, long offset, long size) {
            this.name = name;
            this.offset = offset;
            this.size = size;
        }

        public String name() {
            return name;
        }

        public long size() {
            return size;
        }

        /** Appends to the member; more bytes than it declared is an error. */
        public void write(byte[] b, int off, int len) throws IOException {
            if (!sealed) {
                synchronized (PackedTreeWriter.this) {
                    sealed = true;
                }
            }
            if (len > size - written) {
                throw new IOException(file + ": the member '" + name + "' gets more than its " + size + " bytes");
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            long at = offset + written;
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
            written += len;
        }

        /** Whether every declared byte was written. */
        public boolean complete() {
            return written == size;
        }
    }
}
