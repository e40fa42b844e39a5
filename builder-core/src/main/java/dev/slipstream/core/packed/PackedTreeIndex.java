package dev.slipstream.core.packed;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * The index of a packed tree, read and checked whole when the file is opened: the trailer, the
 * index's CRC, every member's name and that its bytes lie inside the data area. A file that fails
 * any check is refused as a whole ({@link BadInputException}), so reads never go out of bounds.
 */
final class PackedTreeIndex {

    /** A file or a folder of the tree; folders are implied by their members' names. */
    static final class Node {
        final boolean folder;
        final long offset;
        final long size;
        /** The names directly in a folder, sorted; empty for a file. */
        final NavigableSet<String> children;

        private Node(boolean folder, long offset, long size) {
            this.folder = folder;
            this.offset = offset;
            this.size = size;
            this.children = folder ? new TreeSet<>() : Collections.emptyNavigableSet();
        }
    }

    private final Path file;
    private final Map<String, Node> nodes;
    private final FileTime modified;
    private final int members;

    private PackedTreeIndex(Path file, Map<String, Node> nodes, FileTime modified, int members) {
        this.file = file;
        this.nodes = nodes;
        this.modified = modified;
        this.members = members;
    }

    Path file() {
        return file;
    }

    /** The node at a canonical relative name ("" is the root), or {@code null}. */
    Node node(String name) {
        return nodes.get(name);
    }

    FileTime modified() {
        return modified;
    }

    int members() {
        return members;
    }

    static PackedTreeIndex read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < PackedTreeFormat.HEADER_SIZE + PackedTreeFormat.TRAILER_SIZE) {
                throw damaged(file, -1, "it is " + size + " bytes long, shorter than an empty packed tree");
            }
            ByteBuffer head = readFully(ch, 0, PackedTreeFormat.HEADER_SIZE);
            if (!Arrays.equals(head.array(), PackedTreeFormat.MAGIC)) {
                throw damaged(file, 0, "it does not start with the packed-tree signature");
            }
            long trailerAt = size - PackedTreeFormat.TRAILER_SIZE;
            ByteBuffer t = readFully(ch, trailerAt, PackedTreeFormat.TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            long indexOffset = t.getLong();
            int count = t.getInt();
            int crc = t.getInt();
            byte[] magic = new byte[8];
            t.get(magic);
            if (!Arrays.equals(magic, PackedTreeFormat.INDEX_MAGIC)) {
                throw damaged(file, trailerAt, "its index trailer is missing (the file was cut short, or never finished)");
            }
            long indexBytes = trailerAt - indexOffset;
            if (indexOffset < PackedTreeFormat.HEADER_SIZE || indexBytes < 0 || indexBytes > PackedTreeFormat.MAX_INDEX_BYTES
                    || count < 0 || (long) count * PackedTreeFormat.ENTRY_FIXED > indexBytes) {
                throw damaged(file, trailerAt, "its trailer declares an impossible index (" + count + " members, "
                        + indexBytes + " bytes at offset " + indexOffset + ")");
            }
            ByteBuffer index = readFully(ch, indexOffset, (int) indexBytes).order(ByteOrder.LITTLE_ENDIAN);
            CRC32 c = new CRC32();
            c.update(index.duplicate());
            if ((int) c.getValue() != crc) {
                throw damaged(file, indexOffset, "its index fails its CRC-32");
            }
            Map<String, Node> nodes = new HashMap<>();
            nodes.put("", new Node(true, 0, 0));
            var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            for (int i = 0; i < count; i++) {
                long at = indexOffset + index.position();
                if (index.remaining() < PackedTreeFormat.ENTRY_FIXED) {
                    throw damaged(file, at, "its index ends inside member " + (i + 1) + " of " + count);
                }
                int nameLength = Short.toUnsignedInt(index.getShort());
                if (index.remaining() < nameLength + 16) {
                    throw damaged(file, at, "its index ends inside member " + (i + 1) + " of " + count);
                }
                String name;
                try {
                    name = utf8.decode(index.slice(index.position(), nameLength)).toString();
                } catch (CharacterCodingException e) {
                    throw damaged(file, at, "member " + (i + 1) + " has a name that is not UTF-8");
                }
                index.position(index.position() + nameLength);
                long offset = index.getLong();
                long length = index.getLong();
                if (PackedTreeFormat.canonicalName(name) == null) {
                    throw damaged(file, at, "member " + (i + 1) + " has the invalid name '" + name + "'");
                }
                if (offset < PackedTreeFormat.HEADER_SIZE || length < 0 || offset > indexOffset || length > indexOffset - offset) {
                    throw damaged(file, at, "the bytes of '" + name + "' (" + length + " at offset " + offset
                            + ") lie outside the data area");
                }
                add(nodes, name, new Node(false, offset, length), file, at);
            }
            if (index.hasRemaining()) {
                throw damaged(file, indexOffset + index.position(), "its index has " + index.remaining() + " bytes after the last member");
            }
            return new PackedTreeIndex(file, nodes, Files.getLastModifiedTime(file), count);
        }
    }

    private static void add(Map<String, Node> nodes, String name, Node leaf, Path file, long at) throws BadInputException {
        if (nodes.putIfAbsent(name, leaf) != null) {
            throw damaged(file, at, "'" + name + "' is listed twice, or as a file and a folder");
        }
        String child = name;
        for (int slash = name.lastIndexOf('/'); ; slash = name.lastIndexOf('/', slash - 1)) {
            String parent = slash < 0 ? "" : name.substring(0, slash);
            Node p = nodes.get(parent);
            boolean existed = p != null;
            if (p == null) {
                p = new Node(true, 0, 0);
                nodes.put(parent, p);
            } else if (!p.folder) {
                throw damaged(file, at, "'" + parent + "' is both a file and the folder of '" + name + "'");
            }
            p.children.add(child.substring(child.lastIndexOf('/') + 1));
            if (existed || slash < 0) {
                return;
            }
            child = parent;
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new java.io.EOFException("the file ended early");
            }
        }
        return b.flip();
    }

    private static BadInputException damaged(Path file, long offset, String problem) {
        return BadInputException.in(file).atOffset(offset)
                .hint("the file is not a complete packed tree written by slipstream; if it is a package cache entry, "
                        + "the next build replaces it")
                .problem("damaged packed tree: " + problem);
    }
}
