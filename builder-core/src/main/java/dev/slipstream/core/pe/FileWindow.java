package dev.slipstream.core.pe;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Bounded little-endian reads at absolute offsets of a file that may be hostile: every read is
 * checked against the file size first, so a header field can never make us allocate or read more
 * than the file holds.
 */
final class FileWindow {

    private final SeekableByteChannel channel;
    private final String source;
    private final long size;

    FileWindow(SeekableByteChannel channel, String source) throws IOException {
        this.channel = channel;
        this.source = source;
        this.size = channel.size();
    }

    String source() {
        return source;
    }

    long size() {
        return size;
    }

    boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /** Reads exactly {@code length} bytes at {@code offset}, or fails naming {@code what}. */
    ByteBuffer read(long offset, int length, String what) throws IOException {
        if (!contains(offset, length)) {
            throw BadInputException.in(source).atOffset(offset)
                    .hint("the file is truncated or its header is corrupt; get a fresh copy")
                    .problem("%s (%d bytes) runs past the end of the file (%d bytes)", what, length, size);
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(offset, buf);
        return buf.flip();
    }

    private void readFully(long offset, ByteBuffer buf) throws IOException {
        if (channel instanceof FileChannel fc) {
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = fc.read(buf, pos);
                if (n < 0) {
                    throw BadInputException.in(source).atOffset(pos).problem("the file shrank while it was being read");
                }
                pos += n;
            }
            return;
        }
        synchronized (channel) {
            channel.position(offset);
            while (buf.hasRemaining()) {
                if (channel.read(buf) < 0) {
                    throw BadInputException.in(source).atOffset(offset).problem("the file shrank while it was being read");
                }
            }
        }
    }

    BadInputException.Builder error(long offset) {
        return BadInputException.in(source).atOffset(offset);
    }
}
