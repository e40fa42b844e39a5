package dev.slipstream.core.hash;

import java.util.List;

/**
 * A checksum or hash computed over a stream fed in order.
 *
 * <p>{@link #parts()} exposes the independent pieces of work a hash is made of, so that a
 * {@link FileHasher} can run them on different threads: each part must be fed the whole stream,
 * in order, by one thread at a time. Feeding every part and then calling {@link #digest()} gives
 * the same result as feeding {@link #update}. Most hashes are one part; BLAKE2sp is eight.
 */
public interface StreamingHash extends StreamConsumer {

    HashAlgorithm algorithm();

    /** Ends the stream and returns the value as 7-Zip prints it (big-endian for the CRCs). */
    byte[] digest();

    default List<StreamConsumer> parts() {
        return List.of(this);
    }
}
