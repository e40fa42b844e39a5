package dev.slipstream.cli;

import dev.slipstream.core.media.CabinetAccess;
import dev.slipstream.core.media.ReaderCabinetAccess;

/** The cabinet access the commands use: slipstream's own cabinet reader. */
final class CabinetSupport {

    private CabinetSupport() {
    }

    static CabinetAccess access() {
        return new ReaderCabinetAccess();
    }
}
