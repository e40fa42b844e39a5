package dev.slipstream.core.engine.addon;

/**
 * What a build does with one file of an addon pack, and why: what {@code --plan} prints and the
 * report's {@code addons} array lists.
 *
 * @param pack the pack's file name
 * @param file the file's name (SSTOOLS.EXE), or the command line for {@link Action#RUN}
 * @param target the media path it lands on ({@code I386\SSTOOLS.EX_}), empty when it lands nowhere
 */
public record AddonDecision(String pack, Action action, String file, String target, String reason) {

    public enum Action {
        /** Added to the setup folder and registered in TXTSETUP, LAYOUT and DOSNET. */
        ADD,
        /** Replaces the base's file (or SP2's, or a hotfix's), being newer. */
        REPLACE,
        /** Not used: the base, SP2 or a hotfix has the same or a newer version. */
        KEEP_OTHER,
        /** Not used: neither listed in [txtsetup_files] nor on the media, so setup would never install it. */
        LEFT_OUT,
        /** Copied into the SVCPACK folder. */
        SVCPACK,
        /** A command of [SetupHotfixesToRun], run at T-13. */
        RUN,
        /** A catalog of [ProductCatalogsToInstall]. */
        CATALOG
    }
}
