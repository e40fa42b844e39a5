package dev.slipstream.core.hash;

/** Something that must see every byte of a stream, in order. */
@FunctionalInterface
public interface StreamConsumer {

    void update(byte[] b, int off, int len);
}
