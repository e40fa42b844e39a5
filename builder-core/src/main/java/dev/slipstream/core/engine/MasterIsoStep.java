package dev.slipstream.core.engine;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.io.FlushBehind;
import dev.slipstream.core.iso.BootEntry;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.iso.IsoImageWriter;
import dev.slipstream.core.iso.IsoTree;
import dev.slipstream.core.iso.IsoVolumeInfo;
import dev.slipstream.core.iso.IsoWriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Step 7: masters the ISO from the staged tree, streaming every file from its source. The base's
 * volume fields and boot image are kept unless overridden. Written atomically.
 */
public final class MasterIsoStep implements BuildStep {

    private final CheckGate gate;

    public MasterIsoStep() {
        this(CheckGate.open());
    }

    /**
     * @param gate the check of the result, which may still be running: the image is written to its
     *             temporary file meanwhile and renamed into place only once the check passed
     */
    public MasterIsoStep(CheckGate gate) {
        this.gate = gate;
    }

    @Override
    public String id() {
        return "master-iso";
    }

    @Override
    public String description() {
        return "Mastering the ISO image";
    }

    @Override
    public long expectedBytes(BuildContext ctx) {
        try {
            return ctx.tree().totalBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        BuildOptions o = ctx.options();
        Path target = o.outIso().orElseThrow();
        IsoTree tree = new IsoTree();
        for (StagedFile f : ctx.tree().files()) {
            tree.add(f.path().path(), progress(f.source(), reporter, gate));
        }
        IsoWriteOptions w = IsoWriteOptions.defaults(ctx.timestamp()).volume(volume(ctx)).fileDate(ctx.timestamp());
        Optional<ContentSource> boot = o.bootImage().map(ContentSource::ofFile).or(() -> ctx.base().bootImage());
        if (boot.isEmpty()) {
            throw BadInputException.in(o.base()).hint("pass --boot-image FILE (the 2048-byte El Torito image of the CD)")
                    .problem("the base media have no boot image, so the ISO could not boot");
        }
        BootEntry entry = BaseMedia.bootEntryFor(o.bootImage().isPresent() ? Optional.empty() : ctx.base().bootEntry(), boot.get());
        w.addBootEntry(entry);
        IsoImageWriter.Result r;
        try (AtomicOutput out = AtomicOutput.create(target)) {
            try (FlushBehind flushing = FlushBehind.start(out.channel())) {
                r = new IsoImageWriter(w).write(tree, out.channel());
            }
            OutputPermissions.publish(out.tempFile());
            gate.await("the ISO image " + target);
            out.commit();
        }
        ctx.output(target);
        reporter.summary(target + ": " + r.files() + " files, " + r.bytes() / (1024 * 1024) + " MiB");
    }

    /** The base's volume fields (or NT5-like defaults for a folder base), with the user's overrides. */
    static IsoVolumeInfo volume(BuildContext ctx) {
        IsoVolumeInfo v = ctx.base().volume().orElseGet(() -> IsoVolumeInfo.defaults(ctx.timestamp())
                .withSystemId("").withVolumeId(ctx.facts().editionTag()));
        v = v.withCreated(ctx.timestamp()).withModified(ctx.timestamp());
        for (Map.Entry<String, String> e : ctx.options().volumeOverrides().entrySet()) {
            v = switch (e.getKey()) {
                case "volume" -> v.withVolumeId(e.getValue());
                case "volumeset" -> v.withVolumeSetId(e.getValue());
                case "publisher" -> v.withPublisherId(e.getValue());
                case "preparer" -> v.withPreparerId(e.getValue());
                case "application" -> v.withApplicationId(e.getValue());
                case "system" -> v.withSystemId(e.getValue());
                default -> throw new IllegalArgumentException("unknown volume field '" + e.getKey() + "'");
            };
        }
        return v;
    }

    /** Reports bytes as the writer pulls them; stops the writing as soon as the check has failed. */
    private static ContentSource progress(ContentSource src, StepReporter reporter, CheckGate gate) {
        return new ContentSource() {
            @Override
            public long size() throws IOException {
                return src.size();
            }

            @Override
            public java.nio.channels.ReadableByteChannel open() throws IOException {
                return src.open();
            }

            @Override
            public String describe() {
                return src.describe();
            }

            @Override
            public long transferTo(java.nio.channels.WritableByteChannel out) throws IOException {
                if (gate.hasFailed()) {
                    gate.await("the ISO image");
                }
                long n = src.transferTo(out);
                reporter.advance(n);
                return n;
            }
        };
    }
}
