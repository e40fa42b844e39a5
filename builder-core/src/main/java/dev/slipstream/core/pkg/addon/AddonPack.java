package dev.slipstream.core.pkg.addon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An addon pack read and extracted into the build's workspace: its manifest, the files it puts
 * into the setup folder (compressed members already expanded, so each is its plain file), the
 * files it puts into {@code SVCPACK} and the commands its {@code SVCPACK.INF} runs at T-13.
 *
 * @param file the pack as given
 * @param format "7z" or "cab"
 * @param setupFiles by upper-case plain name
 * @param svcpackFiles by upper-case name, stored as the pack has them
 * @param svcpackCommands {@code [SetupHotfixesToRun]} lines of the pack's SVCPACK.INF, in order
 * @param catalogs {@code [ProductCatalogsToInstall]} lines of the pack's SVCPACK.INF
 */
public record AddonPack(Path file, String format, AddonManifest manifest, Map<String, SetupFile> setupFiles,
        Map<String, Path> svcpackFiles, List<String> svcpackCommands, List<String> catalogs) {

    /**
     * A file for the setup folder.
     *
     * @param name the file's own name (SSTOOLS.EXE), as setup knows it
     * @param member the archive member it came from (SSTOOLS.EX_ when compressed)
     * @param plain the extracted, expanded file
     */
    public record SetupFile(String name, String member, Path plain) {
    }

    /** How logs, the plan and the report name the pack: its file name. */
    public String label() {
        return file.getFileName().toString();
    }

    /** "SSTools 1.0 (sstools.7z)". */
    public String describe() {
        String v = manifest.version();
        return manifest.title() + (v.isEmpty() ? "" : " " + v) + " (" + label() + ")";
    }

    public Optional<SetupFile> setupFile(String name) {
        return Optional.ofNullable(setupFiles.get(name.toUpperCase(java.util.Locale.ROOT)));
    }
}
