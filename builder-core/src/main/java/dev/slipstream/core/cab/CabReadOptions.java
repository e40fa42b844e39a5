package dev.slipstream.core.cab;

/**
 * How a {@link CabinetReader} treats what it reads.
 *
 * @param ignoreChecksums decode blocks whose CFDATA checksum does not match instead of failing
 *                        (a stored checksum of 0 always means "none" and is never checked)
 * @param followSet       load the previous and next cabinets a header names, from the same folder
 */
public record CabReadOptions(boolean ignoreChecksums, boolean followSet) {

    public static final CabReadOptions DEFAULTS = new CabReadOptions(false, true);

    public CabReadOptions withIgnoreChecksums(boolean ignore) {
        return new CabReadOptions(ignore, followSet);
    }

    public CabReadOptions withFollowSet(boolean follow) {
        return new CabReadOptions(ignoreChecksums, follow);
    }
}
