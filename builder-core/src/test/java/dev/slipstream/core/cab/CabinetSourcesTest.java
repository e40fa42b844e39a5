package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cab create}'s sources: links never lead out of a directory, and member names stay distinct ignoring case. */
class CabinetSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void aLinkOutOfTheDirectoryIsRefused() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for the cabinet");
        Path dir = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(dir.resolve("ok.txt"), "in");
        Files.createSymbolicLink(dir.resolve("leak.txt"), secret);
        assertThatThrownBy(() -> CabinetSources.collect(List.of(tmp.resolve("src"))))
                .isInstanceOf(BadInputException.class).hasMessageContainingAll("leak.txt", "outside");
        Files.delete(dir.resolve("leak.txt"));
        Files.createSymbolicLink(dir.resolve("etc"), tmp);
        assertThatThrownBy(() -> CabinetSources.collect(List.of(tmp.resolve("src"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("outside");
    }

    @Test
    void aLinkInsideTheDirectoryIsFollowed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.createSymbolicLink(dir.resolve("b.txt"), Path.of("a.txt"));
        assertThat(CabinetSources.collect(List.of(dir))).extracting(CabinetWriter.Entry::name).containsExactly("a.txt", "b.txt");
    }

    @Test
    void namesThatCollideIgnoringCaseAreRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(dir.resolve("README.TXT"), "1");
        Files.writeString(dir.resolve("readme.txt"), "2");
        assertThatThrownBy(() -> CabinetSources.collect(List.of(dir)))
                .isInstanceOf(BadInputException.class).hasMessageContainingAll("readme.txt", "README.TXT", "ignoring case");
    }
}
