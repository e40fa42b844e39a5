package dev.slipstream.core.check;

import dev.slipstream.core.media.CabinetAccess;
import dev.slipstream.core.media.ReaderCabinetAccess;

/**
 * Every checker test again, with compressed files read by slipstream's own cabinet reader (what
 * {@code slipstream check} uses) instead of cabextract.
 */
class MediaCheckerWithCabinetReaderTest extends MediaCheckerTest {

    @Override
    CabinetAccess cabs() {
        return new ReaderCabinetAccess();
    }
}
