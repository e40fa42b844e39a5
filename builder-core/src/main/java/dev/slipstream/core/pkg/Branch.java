package dev.slipstream.core.pkg;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The payload folders of a hotfix package. A QFE build carries every fix made to the file so far;
 * a GDR build carries only the broadly distributed (security) fixes. RTM branches target the
 * original release, SP2 branches target service-pack-2 systems.
 */
public enum Branch {
    SP2QFE(true, true),
    SP2GDR(true, false),
    RTMQFE(false, true),
    RTMGDR(false, false);

    private final boolean sp2;
    private final boolean qfe;

    Branch(boolean sp2, boolean qfe) {
        this.sp2 = sp2;
        this.qfe = qfe;
    }

    /** True for the branches built for SP2 systems. */
    public boolean forSp2() {
        return sp2;
    }

    public boolean qfe() {
        return qfe;
    }

    /** The folder name as it appears in the package, e.g. {@code SP2QFE}. */
    public String folder() {
        return name();
    }

    public static Optional<Branch> fromFolder(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Which branch to take when a package holds several. SP2 branches always come first because
     * the media carry SP2 after the build; within them the policy chooses QFE or GDR.
     */
    public enum Policy {
        /** SP2QFE &gt; SP2GDR &gt; RTMQFE &gt; RTMGDR: the default, as HFSLIP and nLite do. */
        QFE,
        /** SP2GDR &gt; SP2QFE &gt; RTMGDR &gt; RTMQFE: only broadly distributed fixes where possible. */
        GDR;

        public List<Branch> order() {
            return this == QFE ? List.of(SP2QFE, SP2GDR, RTMQFE, RTMGDR) : List.of(SP2GDR, SP2QFE, RTMGDR, RTMQFE);
        }

        /** The preferred branch among {@code available}, or empty when there is none. */
        public Optional<Branch> choose(java.util.Collection<Branch> available) {
            return order().stream().filter(available::contains).findFirst();
        }
    }
}
