package dev.slipstream.core.iso;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the bytes of one file on the medium come from: a file on disk, a region of another file
 * (e.g. a member of a customer's ISO, read without mounting it), or bytes in memory. The writer
 * asks for the size while planning and for the bytes once, while writing.
 */
public interface ContentSource {

    /** The number of bytes {@link #transferTo} will deliver. */
    long size() throws IOException;

    /** Opens the bytes for reading (hashing for deduplication, boot info tables, verification). */
    ReadableByteChannel open() throws IOException;

    /** What to name in an error message: a path, or "ISO.iso:/I386/NTDETECT.COM". */
    String describe();

    /**
     * Writes exactly {@link #size()} bytes to {@code out}. Implementations over files use the
     * kernel's zero-copy transfer when {@code out} is a file channel.
     *
     * @return the number of bytes written; the writer treats a difference from size() as an error
     */
    default long transferTo(WritableByteChannel out) throws IOException {
        long total = 0;
        try (ReadableByteChannel in = open()) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (in.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    total += out.write(buf);
                }
                buf.clear();
            }
        }
        return total;
    }

    static ContentSource ofFile(Path file) {
        return new FileRegion(file, 0, -1);
    }

    /** {@code length} bytes of {@code file} from {@code offset}, e.g. a file inside an ISO image. */
    static ContentSource ofRegion(Path file, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative region " + offset + "+" + length + " of " + file);
        }
        return new FileRegion(file, offset, length);
    }

    static ContentSource ofBytes(byte[] bytes, String description) {
        byte[] copy = bytes.clone();
        return new ContentSource() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public ReadableByteChannel open() {
                return Channels.newChannel(new java.io.ByteArrayInputStream(copy));
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /**
     * A file or a region of one. Files of {@value #SPARSE_THRESHOLD} bytes and more are copied
     * with holes kept: all-zero blocks are skipped in a seekable output instead of written, so a
     * 4 GiB sparse file neither fills the disk nor costs 4 GiB of writes.
     */
    final class FileRegion implements ContentSource {
        static final long SPARSE_THRESHOLD = 256L * 1024 * 1024;
        private static final int SPARSE_BLOCK = 1024 * 1024;

        private final Path file;
        private final long offset;
        private final long length;

        FileRegion(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        public Path file() {
            return file;
        }

        public long offset() {
            return offset;
        }

        @Override
        public long size() throws IOException {
            return length >= 0 ? length : Files.size(file);
        }

        @Override
        public ReadableByteChannel open() throws IOException {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            if (length < 0) {
                return ch;
            }
            ch.position(offset);
            return new ReadableByteChannel() {
                long left = length;

                @Override
                public int read(ByteBuffer dst) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int lim = dst.limit();
                    if (dst.remaining() > left) {
                        dst.limit(dst.position() + (int) left);
                    }
                    int n = ch.read(dst);
                    dst.limit(lim);
                    if (n < 0) {
                        return -1;
                    }
                    left -= n;
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return ch.isOpen();
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            };
        }

        @Override
        public String describe() {
            // A file inside another (a member of a packed tree, as zipfs does it): "outer!/inner".
            String name = file.getFileSystem() == java.nio.file.FileSystems.getDefault() ? file.toString()
                    : file.getFileSystem() + "!" + file;
            return length < 0 ? name : name + " (" + length + " bytes at offset " + offset + ")";
        }

        @Override
        public long transferTo(WritableByteChannel out) throws IOException {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long want = length >= 0 ? length : in.size();
                if (want >= SPARSE_THRESHOLD && out instanceof FileChannel fc) {
                    return copyKeepingHoles(in, offset, want, fc);
                }
                long done = 0;
                while (done < want) {
                    long n = in.transferTo(offset + done, want - done, out);
                    if (n <= 0) {
                        break; // the file shrank since planning; the writer reports the shortfall
                    }
                    done += n;
                }
                return done;
            }
        }

        /**
         * Copies with holes kept. The input is read with O_DIRECT where the file system allows it:
         * reading a hole then just zero-fills our buffer instead of filling the page cache with
         * zero pages, which costs more than the copy itself on a cold 4 GiB sparse file.
         */
        private long copyKeepingHoles(FileChannel plain, long from, long want, FileChannel out) throws IOException {
            int align = 4096;
            FileChannel direct = null;
            if (from % align == 0) {
                try {
                    direct = FileChannel.open(file, StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT);
                    align = (int) Math.max(align, Files.getFileStore(file).getBlockSize());
                } catch (IOException | UnsupportedOperationException e) {
                    direct = null; // tmpfs and others: plain reads
                }
            }
            FileChannel in = direct != null ? direct : plain;
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(SPARSE_BLOCK + align).alignedSlice(align);
                ByteBuffer zero = ByteBuffer.allocateDirect(SPARSE_BLOCK);
                long done = 0;
                long pending = 0;
                while (done < want) {
                    buf.clear();
                    int chunk = (int) Math.min(SPARSE_BLOCK, want - done);
                    // O_DIRECT reads whole blocks; the last one may run past the region, so cut after.
                    buf.limit(direct != null ? (int) Math.min(SPARSE_BLOCK, (chunk + align - 1) / align * align) : chunk);
                    int n = in.read(buf, from + done);
                    if (n <= 0) {
                        break;
                    }
                    n = Math.min(n, chunk);
                    buf.flip().limit(n);
                    zero.clear().limit(n);
                    if (buf.mismatch(zero) < 0) {
                        pending += n;
                    } else {
                        if (pending > 0) {
                            out.position(out.position() + pending);
                            pending = 0;
                        }
                        while (buf.hasRemaining()) {
                            out.write(buf);
                        }
                    }
                    done += n;
                }
                if (pending > 0) {
                    // A trailing hole: write its last byte so the file really reaches this length.
                    out.position(out.position() + pending - 1);
                    out.write(ByteBuffer.wrap(new byte[1]));
                }
                return done;
            } finally {
                if (direct != null) {
                    direct.close();
                }
            }
        }
    }
}
