package dev.slipstream.core.authenticode;

import dev.slipstream.core.error.BadInputException;

/**
 * Checks the tag-length structure of a DER/BER blob without recursion before Bouncy Castle, which
 * parses recursively, sees it: every length fits its parent, and elements nest at most
 * {@link #MAX_DEPTH} deep. A hostile signature can then neither overflow the stack nor make the
 * parser believe in more bytes than there are.
 */
final class DerShape {

    /** Real Authenticode signatures nest about 15 deep (a timestamp token inside a signer info). */
    static final int MAX_DEPTH = 64;

    private DerShape() {
    }

    /**
     * Checks the element at the start of {@code der} and returns its encoded length; bytes after
     * it are the caller's business.
     */
    static int check(byte[] der, String source, long fileOffset) throws BadInputException {
        int[] ends = new int[MAX_DEPTH + 1];
        int depth = 0;
        ends[0] = der.length;
        int pos = 0;
        boolean started = false;
        do {
            // Close the elements that end here: definite ones at their end, indefinite ones at 00 00.
            while (depth > 0) {
                int e = ends[depth];
                if (e == -1) {
                    if (pos + 2 <= limitOf(ends, depth - 1, der.length) && der[pos] == 0 && der[pos + 1] == 0) {
                        pos += 2;
                        depth--;
                        continue;
                    }
                    break;
                }
                if (pos == e) {
                    depth--;
                    continue;
                }
                break;
            }
            if (depth == 0 && started) {
                return pos;
            }
            started = true;
            int limit = limitOf(ends, depth, der.length);
            if (pos >= limit) {
                throw bad(source, fileOffset + pos, "the signature's DER ends inside an element");
            }
            int tagStart = pos;
            int tag = der[pos++] & 0xFF;
            boolean constructed = (tag & 0x20) != 0;
            if ((tag & 0x1F) == 0x1F) {
                int n = 0;
                while (true) {
                    if (pos >= limit || ++n > 4) {
                        throw bad(source, fileOffset + tagStart, "a DER tag number is longer than 4 bytes or cut off");
                    }
                    if ((der[pos++] & 0x80) == 0) {
                        break;
                    }
                }
            }
            if (pos >= limit) {
                throw bad(source, fileOffset + tagStart, "a DER element is cut off before its length");
            }
            int first = der[pos++] & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                if (!constructed) {
                    throw bad(source, fileOffset + tagStart, "a primitive DER element has an indefinite length");
                }
                length = -1;
            } else {
                int n = first & 0x7F;
                if (n > 4) {
                    throw bad(source, fileOffset + tagStart, "a DER length takes " + n + " bytes");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    if (pos >= limit) {
                        throw bad(source, fileOffset + tagStart, "a DER length is cut off");
                    }
                    length = (length << 8) | (der[pos++] & 0xFF);
                }
            }
            if (length >= 0 && length > limit - pos) {
                throw bad(source, fileOffset + tagStart, "a DER element declares " + length + " bytes but only "
                        + (limit - pos) + " remain in its parent");
            }
            if (constructed) {
                if (depth == MAX_DEPTH) {
                    throw bad(source, fileOffset + tagStart, "DER elements nest more than " + MAX_DEPTH + " deep");
                }
                ends[++depth] = length < 0 ? -1 : (int) (pos + length);
            } else {
                pos += (int) length;
            }
        } while (true);
    }

    /** The nearest definite end of the open elements, or the blob's end. */
    private static int limitOf(int[] ends, int depth, int max) {
        for (int d = depth; d > 0; d--) {
            if (ends[d] >= 0) {
                return ends[d];
            }
        }
        return max;
    }

    private static BadInputException bad(String source, long offset, String problem) {
        return BadInputException.in(source).atOffset(offset)
                .hint("the Authenticode signature is corrupt; get a fresh copy of the package").problem(problem);
    }
}
