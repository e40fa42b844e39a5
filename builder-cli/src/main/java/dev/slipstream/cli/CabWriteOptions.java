package dev.slipstream.cli;

import dev.slipstream.core.cab.CabCompression;
import dev.slipstream.core.cab.CabinetWriter;
import dev.slipstream.core.codec.lzx.LzxEncoder;
import dev.slipstream.core.codec.mszip.MszipEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The compression options shared by {@code cab compress} and {@code cab create}. */
final class CabWriteOptions {

    @Option(names = {"-c", "--compression"}, paramLabel = "TYPE", converter = CompressionConverter.class,
            defaultValue = "lzx:21",
            description = "lzx:21 (default, as Microsoft's media), lzx:15..lzx:20, mszip or none.")
    CabCompression compression;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "normal",
            description = "Effort: greedy, fast, normal (default) or best. For MSZIP greedy and fast are zlib level "
                    + MszipEncoder.FAST_LEVEL + ", normal " + MszipEncoder.DEFAULT_LEVEL + " and best " + MszipEncoder.BEST_LEVEL + ".")
    LzxEncoder.Level level;

    @Option(names = "--no-e8", description = "Turn off the LZX E8 (x86 call) translation; it helps executables only.")
    boolean noE8;

    /** The writer options; SOURCE_DATE_EPOCH, when set, dates every member. */
    CabinetWriter.Options writerOptions() {
        return CabinetWriter.Options.defaults().withCompression(compression).withLzx(level, !noE8)
                .withMszipLevel(mszipLevel(level));
    }

    /** The zlib level of an effort: MSZIP shares the --level names with LZX. */
    static int mszipLevel(LzxEncoder.Level level) {
        switch (level) {
            case GREEDY:
            case FAST:
                return MszipEncoder.FAST_LEVEL;
            case BEST:
                return MszipEncoder.BEST_LEVEL;
            default:
                return MszipEncoder.DEFAULT_LEVEL;
        }
    }

    static final class CompressionConverter implements CommandLine.ITypeConverter<CabCompression> {
        @Override
        public CabCompression convert(String value) {
            try {
                return CabCompression.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
