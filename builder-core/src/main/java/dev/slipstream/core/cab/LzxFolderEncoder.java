package dev.slipstream.core.cab;

import dev.slipstream.core.codec.lzx.LzxEncoder;
import java.io.IOException;

/** LZX folders: one LZX stream per folder, each 32 KiB frame one CFDATA block. */
final class LzxFolderEncoder implements FolderEncoder {

    private final LzxEncoder encoder;

    LzxFolderEncoder(int windowBits, int e8TranslationSize, LzxEncoder.Level level, CfDataSink sink) {
        this.encoder = new LzxEncoder(windowBits, e8TranslationSize, level, sink::block);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        encoder.write(b, off, len);
    }

    @Override
    public void finish() throws IOException {
        encoder.finish();
    }

    @Override
    public void close() {
    }
}
