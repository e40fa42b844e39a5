package dev.slipstream.core.pe;

/**
 * One IMAGE_DATA_DIRECTORY entry of the optional header. {@code address} is an RVA, except for
 * {@link #SECURITY} where it is a file offset (the certificate table is not mapped).
 */
public record DataDirectory(int index, long address, long size) {

    public static final int EXPORT = 0;
    public static final int IMPORT = 1;
    public static final int RESOURCE = 2;
    public static final int EXCEPTION = 3;
    public static final int SECURITY = 4;
    public static final int BASERELOC = 5;
    public static final int DEBUG = 6;
    public static final int ARCHITECTURE = 7;
    public static final int GLOBALPTR = 8;
    public static final int TLS = 9;
    public static final int LOAD_CONFIG = 10;
    public static final int BOUND_IMPORT = 11;
    public static final int IAT = 12;
    public static final int DELAY_IMPORT = 13;
    public static final int CLR_RUNTIME = 14;
    public static final int COUNT = 16;

    private static final String[] NAMES = {
        "export", "import", "resource", "exception", "security", "basereloc", "debug", "architecture",
        "globalptr", "tls", "load_config", "bound_import", "iat", "delay_import", "clr_runtime", "reserved"
    };

    public boolean isPresent() {
        return address != 0 && size != 0;
    }

    public String name() {
        return index >= 0 && index < NAMES.length ? NAMES[index] : "dir" + index;
    }
}
