package dev.slipstream.core.cab;

import java.io.IOException;
import java.io.InputStream;

/** One member's bytes, read from a positioned {@link FolderStream}; fails if the folder ends early. */
final class MemberInputStream extends InputStream {

    private final FolderStream folder;
    private final CabEntry entry;
    private final Runnable onClose;
    private long remaining;
    private boolean closed;

    MemberInputStream(FolderStream folder, CabEntry entry, Runnable onClose) {
        this.folder = folder;
        this.entry = entry;
        this.remaining = entry.size();
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed: " + entry.path());
        }
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = folder.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw folder.beyondEnd(entry);
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (onClose != null) {
                onClose.run();
            }
        }
    }
}
