package dev.slipstream.testing;

/** Finding bytes in a file's image, for tests that patch a header or a name in place. */
public final class ByteSearch {

    private ByteSearch() {
    }

    /** The first index of {@code needle} in {@code hay}; an {@link AssertionError} when it is not there. */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("the bytes looked for are not there");
    }
}
