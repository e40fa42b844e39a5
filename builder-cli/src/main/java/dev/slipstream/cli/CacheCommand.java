package dev.slipstream.cli;

import dev.slipstream.core.cache.CacheEntries;
import dev.slipstream.core.cache.CompressedOutputs;
import dev.slipstream.core.cache.PackageCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipstream cache info|prune}: the shared cache of extracted packages. */
@Command(name = "cache", header = "Shows or prunes the shared package cache.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Shows or prunes the shared package cache: packages extracted once, by SHA-256, and reused",
            "by every build (a matrix of 8 images unpacks SP2 once per architecture and language).",
            "Location: --cache DIR, else $SLIPSTREAM_CACHE, else $XDG_CACHE_HOME/slipstream, else ~/.cache/slipstream."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream cache info",
            "  slipstream cache prune --older-than 30d",
            "  slipstream cache prune --max-size 2G --cache /srv/slipstream-cache"
        })
final class CacheCommand implements Runnable {

    /** Its subcommands, in the order help lists them; registered by {@link Slipstream#commandLine}. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(Info.class, Prune.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a cache subcommand is required (info, prune)");
    }

    static PackageCache open(Path dir) throws java.io.IOException {
        return PackageCache.open(dir != null ? dir : PackageCache.defaultLocation());
    }

    @Command(name = "info", header = "Lists the cached packages and the compressed files builds keep.", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Lists the cached packages, least recently used first, with their size and last use, and counts",
                "the compressed files (hotfix files, LAYOUT.IN_) builds made and keep for the next build."},
            footerHeading = "%nExamples:%n", footer = {"  slipstream cache info", "  SLIPSTREAM_CACHE=/srv/cache slipstream cache info"})
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", description = "The cache folder (default: see slipstream cache --help).")
        Path cache;

        @Override
        public Integer call() throws Exception {
            PackageCache c = open(cache);
            List<CacheEntries.Entry> entries = CacheEntries.list(c);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Cache: " + c.root());
            long total = 0;
            for (CacheEntries.Entry e : entries) {
                out.println(String.format(Locale.ROOT, "  %s  %9s  %5d files  used %s  %s", e.sha256().substring(0, 16),
                        mib(e.bytes()), e.members(), e.lastUsed().toString().substring(0, 19) + "Z", e.packageName()));
                total += e.bytes();
            }
            List<CompressedOutputs.Output> made = c.compressedOutputs().list();
            long madeBytes = made.stream().mapToLong(CompressedOutputs.Output::bytes).sum();
            out.println(entries.size() + " package(s), " + mib(total));
            out.println(made.size() + " compressed file(s) builds made (" + c.compressedOutputs().folder() + "), " + mib(madeBytes));
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "prune", header = "Removes cached packages by age and by size, safely beside running builds.", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Removes cached packages unused for longer than --older-than, then the least recently",
                "used until the cache is at most --max-size, and temporaries older than a day left by killed",
                "builds. The compressed files builds keep (hotfix files, LAYOUT.IN_) go by the same age, and",
                "first when over --max-size: they are quick to make again. An entry being extracted, or read",
                "by a running build (it holds a shared lock on the entry until it ends), is never removed:",
                "prune is safe beside running builds."},
            footerHeading = "%nExamples:%n",
            footer = {"  slipstream cache prune --older-than 30d", "  slipstream cache prune --max-size 2G",
                "  slipstream cache prune --all"})
    static final class Prune implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", description = "The cache folder (default: see slipstream cache --help).")
        Path cache;

        @Option(names = "--older-than", paramLabel = "AGE", description = "Remove entries unused for this long: 30d, 12h, 90m.")
        String olderThan;

        @Option(names = "--max-size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
                description = "Then remove the least recently used until the cache holds at most this: 500M, 2G.")
        Long maxSize;

        @Option(names = "--all", description = "Remove every entry.")
        boolean all;

        @Override
        public Integer call() throws Exception {
            if (olderThan == null && maxSize == null && !all) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "say what to prune: --older-than AGE, --max-size SIZE or --all");
            }
            Duration age = all ? Duration.ZERO : olderThan == null ? null : age(olderThan);
            PackageCache c = open(cache);
            CacheEntries.Pruned p = CacheEntries.prune(c, age, all ? Long.valueOf(0) : maxSize, Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            for (CacheEntries.Entry e : p.removed()) {
                out.println("removed " + e.sha256().substring(0, 16) + "  " + mib(e.bytes()) + "  " + e.packageName());
            }
            out.println("Pruned " + p.removed().size() + " package(s) and " + p.compressedRemoved() + " compressed file(s), "
                    + mib(p.bytesFreed()) + " freed"
                    + (p.staleTemporaries() > 0 ? ", " + p.staleTemporaries() + " stale temporary folder(s)" : "") + ".");
            out.flush();
            return ExitCode.OK;
        }

        private Duration age(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.length() >= 2) {
                    long n = Long.parseLong(v.substring(0, v.length() - 1));
                    switch (v.charAt(v.length() - 1)) {
                        case 'd':
                            return Duration.ofDays(n);
                        case 'h':
                            return Duration.ofHours(n);
                        case 'm':
                            return Duration.ofMinutes(n);
                        case 's':
                            return Duration.ofSeconds(n);
                        default:
                            break;
                    }
                }
                return Duration.parse(s);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--older-than takes an age such as 30d, 12h or 90m, not '" + s + "'");
            }
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
