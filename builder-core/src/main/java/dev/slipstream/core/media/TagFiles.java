package dev.slipstream.core.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag files in the media root that setup and slipstream tools identify media by:
 * {@code WIN51} (XP/2003 family), an edition tag {@code WIN51xy} and, on integrated media, a
 * service-pack tag {@code WIN51xy.SPn}. The letter x is the architecture (I x86, A x64, M IA64).
 */
public final class TagFiles {

    private static final Pattern EDITION = Pattern.compile("WIN51([IAM][A-Z])", Pattern.CASE_INSENSITIVE);
    private static final Pattern SP = Pattern.compile("(WIN51[IAM][A-Z])\\.SP(\\d+)", Pattern.CASE_INSENSITIVE);

    private static final Map<String, String> EDITIONS = Map.ofEntries(
            Map.entry("IS", "Standard Edition"),
            Map.entry("IA", "Enterprise Edition"),
            Map.entry("ID", "Datacenter Edition"),
            Map.entry("IB", "Web Edition"),
            Map.entry("IP", "Windows XP Professional"),
            Map.entry("IC", "Windows XP Home Edition"),
            Map.entry("AS", "Standard x64 Edition"),
            Map.entry("AA", "Enterprise x64 Edition"),
            Map.entry("AD", "Datacenter x64 Edition"),
            Map.entry("AP", "Windows XP Professional x64 Edition"),
            Map.entry("MA", "Enterprise Edition for Itanium"),
            Map.entry("MD", "Datacenter Edition for Itanium"));

    /** An edition tag file such as {@code WIN51IA}. */
    public record EditionTag(String file, String code) {

        public Architecture architecture() {
            return switch (Character.toUpperCase(code.charAt(0))) {
                case 'I' -> Architecture.X86;
                case 'A' -> Architecture.AMD64;
                default -> Architecture.IA64;
            };
        }

        /** The edition's name, or a note that the tag is not a documented one. */
        public String edition() {
            String e = EDITIONS.get(code.toUpperCase(Locale.ROOT));
            return e != null ? e : "unknown edition (" + file.toUpperCase(Locale.ROOT) + ")";
        }
    }

    /** A service-pack tag file such as {@code WIN51IA.SP2}. */
    public record ServicePackTag(String file, String editionFile, int level) {
    }

    private final boolean family;
    private final List<EditionTag> editions;
    private final List<ServicePackTag> servicePacks;

    private TagFiles(boolean family, List<EditionTag> editions, List<ServicePackTag> servicePacks) {
        this.family = family;
        this.editions = editions;
        this.servicePacks = servicePacks;
    }

    /** Reads the tag files among the files in the media root. */
    public static TagFiles in(MediaTree tree) {
        boolean family = false;
        List<EditionTag> editions = new ArrayList<>();
        List<ServicePackTag> sps = new ArrayList<>();
        for (String f : tree.filesIn("")) {
            if (f.equalsIgnoreCase("WIN51")) {
                family = true;
                continue;
            }
            Matcher m = EDITION.matcher(f);
            if (m.matches()) {
                editions.add(new EditionTag(f, m.group(1)));
                continue;
            }
            Matcher s = SP.matcher(f);
            if (s.matches()) {
                sps.add(new ServicePackTag(f, s.group(1), Integer.parseInt(s.group(2))));
            }
        }
        return new TagFiles(family, editions, sps);
    }

    /** True if the {@code WIN51} family tag is present. */
    public boolean hasFamilyTag() {
        return family;
    }

    public List<EditionTag> editionTags() {
        return editions;
    }

    public List<ServicePackTag> servicePackTags() {
        return servicePacks;
    }

    public Optional<EditionTag> edition() {
        return editions.isEmpty() ? Optional.empty() : Optional.of(editions.get(0));
    }
}
