package dev.slipstream.core.cab;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generates the input set of scripts/bench/cab-compress: binaries-like files (x86-like code with
 * varied instructions and E8 calls, import/string tables, zero padding, packed resources) and
 * text (INF-like lines and prose from a Zipf-distributed vocabulary). Seeded: the same
 * arguments give the same files.
 *
 * <p>Usage: {@code CabBenchInput DIR TOTAL_MB}
 */
public final class CabBenchInput {

    private CabBenchInput() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long total = Long.parseLong(args[1]) << 20;
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(2026);
        String[] vocab = vocabulary(rnd.split(), 4000);
        // What the binaries of one product share: the compiler's instruction mix and the
        // statically linked runtime (start-up code, CRT helpers), as in real DLL sets.
        long isaSeed = rnd.nextLong();
        ByteArrayOutputStream rt = new ByteArrayOutputStream();
        binary(rt, 96 * 1024, new SplittableRandom(rnd.nextLong()), vocab, isaSeed, new byte[0]);
        byte[] runtime = rt.toByteArray();
        long written = 0;
        int i = 0;
        while (written < total) {
            boolean binary = i % 5 < 3;
            long size = Math.min(total - written, 256 * 1024 + rnd.nextInt(5 << 20));
            Path f = dir.resolve(String.format(binary ? "bin%03d.dll" : "doc%03d.inf", i));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                SplittableRandom r = new SplittableRandom(i * 7919L + 1);
                if (binary) {
                    binary(out, size, r, vocab, isaSeed, runtime);
                } else {
                    text(out, size, r, vocab);
                }
            }
            written += size;
            i++;
        }
        System.out.println(i + " files, " + written + " bytes in " + dir);
    }

    private static String[] vocabulary(SplittableRandom r, int n) {
        String letters = "etaoinshrdlucmfwypvbgkqjxz";
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            int len = 2 + (int) Math.min(10, Math.abs(r.nextGaussian() * 3));
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                sb.append(letters.charAt((int) Math.min(25, Math.abs(r.nextGaussian() * 7))));
            }
            v[i] = sb.toString();
        }
        return v;
    }

    private static int zipf(SplittableRandom r, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.pow(n, r.nextDouble())) - 1);
    }

    private static void text(OutputStream out, long size, SplittableRandom r, String[] vocab) throws IOException {
        StringBuilder sb = new StringBuilder();
        long done = 0;
        while (done < size) {
            sb.setLength(0);
            int kind = r.nextInt(4);
            if (kind == 0) {
                sb.append('[').append(vocab[zipf(r, 200)]).append('.').append(vocab[zipf(r, vocab.length)]).append("]\r\n");
            } else if (kind == 1) {
                sb.append(vocab[zipf(r, vocab.length)]).append(r.nextInt(1000)).append(".dll = ")
                        .append(1 + r.nextInt(3)).append(",,").append(r.nextInt(1 << 20)).append("\r\n");
            } else {
                int words = 5 + r.nextInt(15);
                for (int w = 0; w < words; w++) {
                    sb.append(vocab[zipf(r, vocab.length)]).append(w == words - 1 ? ".\r\n" : " ");
                }
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
            int n = (int) Math.min(b.length, size - done);
            out.write(b, 0, n);
            done += n;
        }
    }

    private static void binary(OutputStream out, long size, SplittableRandom r, String[] vocab, long isaSeed,
                               byte[] runtime) throws IOException {
        // Instruction templates: opcode bytes plus how many operand bytes follow.
        SplittableRandom isa = new SplittableRandom(isaSeed);
        int templates = 300;
        byte[][] ops = new byte[templates][];
        int[] operands = new int[templates];
        for (int t = 0; t < templates; t++) {
            int len = 1 + r.nextInt(3);
            ops[t] = new byte[len];
            for (int k = 0; k < len; k++) {
                ops[t][k] = (byte) isa.nextInt(256);
            }
            operands[t] = new int[] {0, 0, 1, 1, 2, 4}[isa.nextInt(6)];
        }
        int[] functions = new int[3000];
        for (int k = 0; k < functions.length; k++) {
            functions[k] = r.nextInt((int) Math.max(1, size));
        }
        int[] globals = new int[500];
        for (int k = 0; k < globals.length; k++) {
            globals[k] = 0x10000000 + r.nextInt(1 << 20) * 4;
        }
        byte[] buf = new byte[(int) Math.min(size, 1 << 16) + 64];
        long pos = Math.min(size, runtime.length);
        out.write(runtime, 0, (int) pos);
        while (pos < size) {
            int section = r.nextInt(20);
            int n = 0;
            int want = (int) Math.min(buf.length - 64, size - pos);
            if (section < 14) { // code
                while (n < want) {
                    if (r.nextInt(20) == 0) {
                        int rel = functions[zipf(r, functions.length)] - (int) (pos + n + 5);
                        buf[n++] = (byte) 0xE8;
                        n = putInt(buf, n, rel);
                    } else {
                        int t = zipf(r, templates);
                        for (byte b : ops[t]) {
                            buf[n++] = b;
                        }
                        int o = operands[t];
                        if (o == 4) {
                            n = putInt(buf, n, globals[zipf(r, globals.length)]);
                        } else {
                            for (int k = 0; k < o; k++) {
                                buf[n++] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : r.nextInt(16) * 4);
                            }
                        }
                    }
                }
            } else if (section < 16) { // strings and import names
                while (n < want) {
                    byte[] w = vocab[zipf(r, vocab.length)].getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(w, 0, buf, n, Math.min(w.length, 60));
                    n += Math.min(w.length, 60);
                    buf[n++] = 0;
                    if (r.nextInt(3) == 0) {
                        buf[n++] = 0;
                    }
                }
            } else if (section < 18) { // tables of addresses and padding
                while (n < want) {
                    n = r.nextInt(4) == 0 ? putInt(buf, n, 0) : putInt(buf, n, globals[zipf(r, globals.length)]);
                }
            } else { // packed resources: incompressible
                want = Math.min(want, 4096 + r.nextInt(8192));
                while (n < want) {
                    buf[n++] = (byte) r.nextInt(256);
                }
            }
            n = Math.min(n, (int) (size - pos));
            out.write(buf, 0, n);
            pos += n;
        }
    }

    private static int putInt(byte[] b, int n, int v) {
        b[n] = (byte) v;
        b[n + 1] = (byte) (v >>> 8);
        b[n + 2] = (byte) (v >>> 16);
        b[n + 3] = (byte) (v >>> 24);
        return n + 4;
    }
}
