package dev.slipstream.core.engine;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.hash.PackageCatalog;
import dev.slipstream.core.hash.PackageVerifier;
import dev.slipstream.core.hash.Verdict;
import dev.slipstream.core.pe.PeFile;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.Ie7Package;
import dev.slipstream.core.pkg.PackageIdentity;
import dev.slipstream.core.pkg.PackageKind;
import dev.slipstream.core.pkg.ServicePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Step 2: checks every package before any work is done: its name follows Microsoft's scheme, its
 * executable is built for the architecture its name claims, its architecture and language match
 * the media, and its size and hashes match the package catalog when the catalog knows it.
 */
public final class VerifyPackagesStep implements BuildStep {

    @Override
    public String id() {
        return "verify-packages";
    }

    @Override
    public String description() {
        return "Verifying the packages against the media and the catalog";
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        BuildOptions o = ctx.options();
        MediaFacts media = ctx.facts();
        PackageCatalog catalog = o.catalog().isPresent() ? PackageCatalog.load(o.catalog().get()) : PackageCatalog.builtIn();
        PackageVerifier verifier = new PackageVerifier(catalog);
        int known = 0;

        Path spFile = o.servicePack().orElseThrow(() -> new IllegalArgumentException(
                "no service pack given: pass --sp2 WindowsServer2003-KB914961-SP2-<arch>-<lang>.exe"));
        PackageIdentity sp = identify(spFile, PackageKind.SERVICE_PACK, media);
        ctx.servicePack(new ServicePack(spFile, sp));
        known += check(verifier, spFile, reporter);

        for (Path h : hotfixFiles(o.hotfixes(), reporter, o, media)) {
            PackageIdentity id = identify(h, PackageKind.HOTFIX, media);
            ctx.hotfixes().add(new Hotfix(h, id));
            known += check(verifier, h, reporter);
        }
        if (o.ie7().isPresent()) {
            PackageIdentity id = identify(o.ie7().get(), PackageKind.IE7, media);
            ctx.ie7(new Ie7Package(o.ie7().get(), id));
            known += check(verifier, o.ie7().get(), reporter);
        }
        int total = 1 + ctx.hotfixes().size() + (ctx.ie7().isPresent() ? 1 : 0);
        reporter.summary(total + " package(s) for " + SetupFolders.machine(media.architecture()) + " "
                + media.language().map(Object::toString).orElse("") + "; " + known + " matched the catalog");
    }

    /** Files as given, and the {@code *.exe} of folders, in name order. */
    static List<Path> hotfixFiles(List<Path> given) throws IOException {
        return hotfixFiles(given, null, null);
    }

    /**
     * Files as given, and the hotfix packages of folders, in name order. A folder may also hold
     * the service pack and IE7 (packages are usually kept together); other executables in it are
     * skipped with a warning.
     */
    static List<Path> hotfixFiles(List<Path> given, StepReporter reporter, BuildOptions o) throws IOException {
        return hotfixFiles(given, reporter, o, null);
    }

    /** With {@code media}, folder members named for another architecture or language are skipped. */
    static List<Path> hotfixFiles(List<Path> given, StepReporter reporter, BuildOptions o, MediaFacts media)
            throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString());
            }
            if (Files.isDirectory(p)) {
                int otherMedia = 0;
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)
                            .filter(x -> x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".exe")).sorted()::iterator) {
                        var id = PackageIdentity.fromFileName(f.getFileName().toString());
                        if (id.isEmpty()) {
                            if (reporter != null) {
                                reporter.warn(f + " is not named like a Windows Server 2003 package; skipped");
                            }
                        } else if (id.get().kind() != PackageKind.HOTFIX) {
                            continue; // the service pack and IE7 often sit beside the hotfixes
                        } else if (media != null && otherTarget(id.get(), media) != null) {
                            otherMedia++;
                        } else {
                            out.add(f);
                        }
                    }
                }
                if (reporter != null && otherMedia > 0) {
                    reporter.warn(p + ": " + otherMedia + " hotfix package(s) for another architecture or language skipped");
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** "x64" or "CHS" when a package's name targets other media than these, else null. */
    private static String otherTarget(PackageIdentity id, MediaFacts media) {
        MachineType wanted = SetupFolders.machine(media.architecture());
        if (id.architecture().isPresent() && id.architecture().get() != wanted) {
            return id.architecture().get().displayName() + " media";
        }
        if (media.language().isPresent() && id.language().isPresent() && !media.language().equals(id.language())) {
            return id.language().get() + " media";
        }
        return null;
    }

    private static PackageIdentity identify(Path file, PackageKind expected, MediaFacts media) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String name = file.getFileName().toString();
        PackageIdentity id = PackageIdentity.fromFileName(name).orElseThrow(() -> BadInputException.in(file)
                .hint("keep Microsoft's file name, e.g. WindowsServer2003-KB914961-SP2-X86-ENU.exe, "
                        + "WindowsServer2003-KB925902-x86-ENU.exe or IE7-WindowsServer2003-x86-enu.exe")
                .problem("the name does not say which package, architecture and language this is"));
        if (id.kind() != expected) {
            throw BadInputException.in(file).hint("pass it with " + option(id.kind()))
                    .problem("this is %s package, given as %s package", article(word(id.kind())), article(word(expected)));
        }
        MachineType arch = id.architecture().orElseThrow();
        PeFile pe = PeFile.read(file);
        MachineType built = pe.machine().orElse(null);
        if (built != null && built != arch && !(arch != MachineType.X86 && built == MachineType.X86)) {
            // An x86 self-extractor stub may carry a 64-bit package; any other disagreement is a wrong file.
            throw BadInputException.in(file).hint("download the package again under its own name")
                    .problem("the name says %s but the executable is built for %s", arch, built);
        }
        MachineType wanted = SetupFolders.machine(media.architecture());
        if (arch != wanted) {
            throw BadInputException.in(file)
                    .hint("use the " + wanted + " package (" + wanted.displayName() + " in its name)")
                    .problem("this %s package is for %s, the media are %s", word(id.kind()), arch, wanted);
        }
        if (media.language().isPresent() && id.language().isPresent() && !media.language().equals(id.language())) {
            throw BadInputException.in(file).hint("use the " + media.language().get() + " package")
                    .problem("this %s package is %s (%s), the media are %s (%s)", word(id.kind()), id.language().get(),
                            id.language().get().displayName(), media.language().get(), media.language().get().displayName());
        }
        return id;
    }

    private static int check(PackageVerifier verifier, Path file, StepReporter reporter) throws IOException {
        Verdict v = verifier.verify(file);
        switch (v.status()) {
            case MATCH:
                return 1;
            case MISMATCH:
                StringBuilder sb = new StringBuilder();
                for (Verdict.Difference d : v.differences()) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(d.field()).append(" is ").append(d.actual())
                            .append(", published ").append(d.expected());
                }
                throw BadInputException.in(file).hint(v.note() == null ? "download the package again" : v.note())
                        .problem("does not match the catalog: %s", sb);
            default:
                reporter.warn(file.getFileName() + " is not in the package catalog; its integrity is not verified");
                return 0;
        }
    }

    private static String article(String word) {
        return ("aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String option(PackageKind k) {
        return switch (k) {
            case SERVICE_PACK -> "--sp2";
            case HOTFIX -> "--hotfix";
            case IE7 -> "--ie7";
            case ADDON -> "no option: addon packs are not supported yet";
        };
    }

    private static String word(PackageKind k) {
        return switch (k) {
            case SERVICE_PACK -> "service pack";
            case HOTFIX -> "hotfix";
            case IE7 -> "IE7";
            case ADDON -> "addon pack";
        };
    }
}
