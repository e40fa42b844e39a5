package dev.slipstream.core.packed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only file channel over {@code size} bytes of another file from {@code start}: one member
 * of a packed tree, seen as a file of its own. Reads are positional on the underlying channel, and
 * {@link #transferTo} hands over to the underlying file channel, so copying a member into an ISO
 * stays a kernel-side copy.
 */
final class RegionFileChannel extends FileChannel {

    private final FileChannel base;
    private final long start;
    private final long size;
    private long position;

    RegionFileChannel(FileChannel base, long start, long size) {
        this.base = base;
        this.start = start;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        ensureOpen();
        if (at < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (at >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int limit = dst.limit();
        long left = size - at;
        if (dst.remaining() > left) {
            dst.limit(dst.position() + (int) left);
        }
        try {
            int n = base.read(dst, start + at);
            return n < 0 ? -1 : n; // the pack was truncated under us: callers see a short file
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ensureOpen();
        if (at < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        if (at >= size) {
            return 0;
        }
        return base.transferTo(start + at, Math.min(count, size - at), target);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long length) throws IOException {
        ensureOpen();
        if (mode != MapMode.READ_ONLY) {
            throw new NonWritableChannelException();
        }
        if (at < 0 || length < 0 || at > size || length > size - at) {
            throw new IllegalArgumentException("the region " + at + "+" + length + " is outside the " + size + "-byte member");
        }
        return base.map(MapMode.READ_ONLY, start + at, length);
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing is ever written through this channel
    }

    @Override
    public FileLock lock(long at, long length, boolean shared) throws IOException {
        throw new UnsupportedOperationException("members of a packed tree cannot be locked");
    }

    @Override
    public FileLock tryLock(long at, long length, boolean shared) throws IOException {
        throw new UnsupportedOperationException("members of a packed tree cannot be locked");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        base.close();
    }

    private void ensureOpen() throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }
}
