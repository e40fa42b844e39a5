package dev.slipstream.cli;

import dev.slipstream.core.media.CabinetAccess;

/** The cabinet access the commands use. */
final class CabinetSupport {

    private CabinetSupport() {
    }

    static CabinetAccess access() {
        return CabinetAccess.unavailable();
    }
}
