package dev.slipstream.core.pe;

import java.util.Locale;

/**
 * A resource type, name or language: either a 16-bit number or a string (IMAGE_RESOURCE_DIRECTORY
 * entries may be either). Strings compare case-insensitively, as FindResource does.
 */
public record ResourceId(int id, String name) {

    public static final int RT_ICON = 3;
    public static final int RT_STRING = 6;
    public static final int RT_RCDATA = 10;
    public static final int RT_GROUP_ICON = 14;
    public static final int RT_VERSION = 16;
    public static final int RT_MANIFEST = 24;

    public ResourceId {
        if (name == null && (id < 0 || id > 0xFFFF)) {
            throw new IllegalArgumentException("resource id " + id + " is outside 0..65535");
        }
    }

    public static ResourceId of(int id) {
        return new ResourceId(id, null);
    }

    public static ResourceId of(String name) {
        return new ResourceId(-1, name);
    }

    public boolean isNamed() {
        return name != null;
    }

    /** Whether this id matches a numeric id. */
    public boolean is(int otherId) {
        return name == null && id == otherId;
    }

    /** Whether this id matches a string name, ignoring case. */
    public boolean is(String otherName) {
        return name != null && name.toUpperCase(Locale.ROOT).equals(otherName.toUpperCase(Locale.ROOT));
    }

    /** "RCDATA", "VERSION" for the standard types; the number or the quoted name otherwise. */
    public String describeAsType() {
        if (name != null) {
            return toString();
        }
        return switch (id) {
            case 1 -> "CURSOR";
            case 2 -> "BITMAP";
            case RT_ICON -> "ICON";
            case 4 -> "MENU";
            case 5 -> "DIALOG";
            case RT_STRING -> "STRING";
            case 9 -> "ACCELERATOR";
            case RT_RCDATA -> "RCDATA";
            case 11 -> "MESSAGETABLE";
            case 12 -> "GROUP_CURSOR";
            case RT_GROUP_ICON -> "GROUP_ICON";
            case RT_VERSION -> "VERSION";
            case RT_MANIFEST -> "MANIFEST";
            default -> Integer.toString(id);
        };
    }

    @Override
    public String toString() {
        return name != null ? "\"" + name + "\"" : Integer.toString(id);
    }
}
