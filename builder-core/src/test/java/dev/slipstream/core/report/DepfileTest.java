package dev.slipstream.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepfileTest {

    @TempDir
    Path dir;

    @Test
    void oneRuleForTheOutputsThenAnEmptyRulePerInput() {
        Path cwd = Path.of("/work/factory");
        String text = Depfile.render(List.of(Path.of("/work/factory/out/x86.iso")),
                List.of(Path.of("/work/factory/profiles/x86.ini"), Path.of("/srv/media/x86.iso"), Path.of("pkgs/SP2.exe")
                        .toAbsolutePath()), cwd);
        String sp2 = Depfile.name(Path.of("pkgs/SP2.exe").toAbsolutePath(), cwd);
        assertThat(text).isEqualTo("out/x86.iso: \\\n  profiles/x86.ini \\\n  /srv/media/x86.iso \\\n  " + sp2 + "\n"
                + "\nprofiles/x86.ini:\n\n/srv/media/x86.iso:\n\n" + sp2 + ":\n");
        assertThat(text).doesNotContain("\r");
    }

    @Test
    void twoOutputsShareTheRule() {
        String text = Depfile.render(List.of(Path.of("/w/out/a.iso"), Path.of("/w/out/a-tree")), List.of(Path.of("/w/in")),
                Path.of("/w"));
        assertThat(text).startsWith("out/a.iso out/a-tree: \\\n  in\n");
    }

    @Test
    void spacesHashesAndDollarsAreEscapedTheWayMakeReadsThem() {
        assertThat(Depfile.escape("Windows Server 2003/SP2.exe")).isEqualTo("Windows\\ Server\\ 2003/SP2.exe");
        assertThat(Depfile.escape("C#/a$b")).isEqualTo("C\\#/a$$b");
        assertThat(Depfile.escape("tab\there")).isEqualTo("tab\\\there");
        // A backslash right before a space is doubled, else make would read "\ " as the escape.
        assertThat(Depfile.escape("dir\\ x")).isEqualTo("dir\\\\\\ x");
        assertThat(Depfile.escape("plain\\name")).isEqualTo("plain\\name");
        assertThatThrownBy(() -> Depfile.escape("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makeReadsTheEscapedNamesBack() throws Exception {
        dev.slipstream.testing.ExternalTool.require("make", "make");
        Path in = Files.writeString(dir.resolve("my input #1 $x.txt"), "x");
        Path out = dir.resolve("out file.iso");
        Files.writeString(out, "o");
        // Outside the current folder, so the names are absolute: the Makefile names the target alike.
        Depfile.write(dir.resolve("out.d"), List.of(out), List.of(in));
        Files.writeString(dir.resolve("Makefile"), "-include out.d\n" + Depfile.escape(out.toString()) + ":\n\ttouch \"$@\"\n");
        // The input is newer than the output: make must know it from the depfile and want a rebuild.
        Files.setLastModifiedTime(out, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Process p = new ProcessBuilder("make", "-C", dir.toString(), "-q", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertThat(code).as("make -q (1 = out of date, 2 = error): %s", log).isEqualTo(1);
        Files.setLastModifiedTime(in, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        p = new ProcessBuilder("make", "-C", dir.toString(), "-q", out.toString()).redirectErrorStream(true).start();
        log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("make -q once the input is older: %s", log).isEqualTo(0);
    }
}
