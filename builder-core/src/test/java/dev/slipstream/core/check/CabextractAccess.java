package dev.slipstream.core.check;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.media.CabinetAccess;
import dev.slipstream.testing.ExternalTool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cabinet access through cabextract, an independent reader, so that the checker's handling of
 * compressed files is tested against real cabinets (made with gcab) and real corruption.
 */
final class CabextractAccess implements CabinetAccess {

    CabextractAccess() {
        ExternalTool.require("cabextract", "cabextract");
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public InputStream openCompressed(Path compressed) throws IOException {
        Result r = run("cabextract", "-q", "-p", compressed.toString());
        if (r.code != 0) {
            throw BadInputException.in(compressed).problem("cabextract failed: " + r.err.strip());
        }
        return new ByteArrayInputStream(r.out);
    }

    @Override
    public List<String> members(Path cabinet) throws IOException {
        Result r = run("cabextract", "-l", cabinet.toString());
        if (r.code != 0) {
            throw BadInputException.in(cabinet).problem("cabextract failed: " + r.err.strip());
        }
        List<String> out = new ArrayList<>();
        for (String line : new String(r.out, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split("\\|");
            if (parts.length == 3 && !parts[2].strip().equals("Name")) {
                out.add(parts[2].strip());
            }
        }
        return out;
    }

    @Override
    public void test(Path cabinet) throws IOException {
        Result r = run("cabextract", "-t", "-q", cabinet.toString());
        if (r.code != 0) {
            throw BadInputException.in(cabinet).problem("cabinet test failed: "
                    + (new String(r.out, StandardCharsets.UTF_8) + r.err).strip().replace('\n', ' '));
        }
    }

    private record Result(int code, byte[] out, String err) {
    }

    static Result run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Result(p.waitFor(), out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
