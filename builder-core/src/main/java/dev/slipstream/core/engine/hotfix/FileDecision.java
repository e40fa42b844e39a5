package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.pe.FileVersion;
import java.util.Optional;

/**
 * What happens to one payload file of a hotfix, and why.
 *
 * @param version the hotfix's version of the file
 * @param against the version it was compared with (SP2's, the base's or another hotfix's)
 * @param reason one sentence for the plan and the scan log
 */
public record FileDecision(String name, Optional<FileVersion> version, Action action,
        Optional<FileVersion> against, String reason) {

    public enum Action {
        /** The hotfix's copy replaces the media's (SP2's or the base's) copy. */
        REPLACE,
        /** The media have no such file: it is added. */
        ADD,
        /** SP2, the base or another hotfix has the same or a newer version. */
        SKIP,
        /** A pre-SP2 fix whose file is newer than SP2's: installing SP2 would lose it. */
        REGRESSION
    }

    public boolean applies() {
        return action == Action.REPLACE || action == Action.ADD;
    }
}
