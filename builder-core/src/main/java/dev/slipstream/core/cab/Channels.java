package dev.slipstream.core.cab;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** The open, read-only channels of a cabinet set; positional reads make them safe to share between threads. */
final class Channels implements Closeable {

    private final Map<Path, FileChannel> open = new LinkedHashMap<>();

    synchronized FileChannel get(Path path) throws IOException {
        FileChannel ch = open.get(path);
        if (ch == null) {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            open.put(path, ch);
        }
        return ch;
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
