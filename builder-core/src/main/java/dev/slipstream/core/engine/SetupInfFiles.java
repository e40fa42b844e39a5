package dev.slipstream.core.engine;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.layout.DosnetInf;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.inf.layout.LayoutInf;
import dev.slipstream.core.inf.layout.SvcpackInf;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.media.Architecture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The five setup files of one architecture folder, read from the staged tree in whichever form
 * the media store them (plain, or compressed as {@code LAYOUT.IN_}), with their original text
 * kept so that the changes can be listed and the files written back in their own form.
 */
public final class SetupInfFiles {

    /** One setup file: where it is, whether compressed, its document and its text as read. */
    public record Loaded(String name, Optional<MediaPath> location, boolean compressed, InfDocument document,
            String originalText) {
    }

    private final Loaded txtsetup;
    private final Loaded dosnet;
    private final Loaded layout;
    private final Loaded drvindex;
    private final Loaded svcpack;

    private SetupInfFiles(Loaded txtsetup, Loaded dosnet, Loaded layout, Loaded drvindex, Loaded svcpack) {
        this.txtsetup = txtsetup;
        this.dosnet = dosnet;
        this.layout = layout;
        this.drvindex = drvindex;
        this.svcpack = svcpack;
    }

    public static SetupInfFiles read(StagedTree tree, Architecture arch, SetupFileCodec codec, String mediaName,
            InfReadOptions options) throws IOException {
        String folder = arch.folder();
        Loaded txt = load(tree, folder, "TXTSETUP.SIF", codec, options).orElseThrow(() -> missing(mediaName, folder, "TXTSETUP.SIF"));
        Loaded dos = load(tree, folder, "DOSNET.INF", codec, options).orElseThrow(() -> missing(mediaName, folder, "DOSNET.INF"));
        Loaded lay = load(tree, folder, "LAYOUT.INF", codec, options).orElse(null);
        Loaded drv = load(tree, folder, "DRVINDEX.INF", codec, options).orElse(null);
        Loaded svc = load(tree, folder, "SVCPACK.INF", codec, options).orElseGet(() -> {
            InfDocument d = SvcpackInf.create(folder + "/SVCPACK.INF", folder.toLowerCase(Locale.ROOT)).document();
            return new Loaded("SVCPACK.INF", Optional.empty(), false, d, "");
        });
        return new SetupInfFiles(txt, dos, lay, drv, svc);
    }

    private static BadInputException missing(String media, String folder, String name) {
        return BadInputException.in(media).hint("copy the whole CD; setup cannot run without it")
                .problem("%s\\%s is missing", folder, name);
    }

    private static Optional<Loaded> load(StagedTree tree, String folder, String name, SetupFileCodec codec,
            InfReadOptions options) throws IOException {
        MediaPath plain = MediaPath.of(folder, name);
        MediaPath packed = MediaPath.of(folder, SetupNames.compressed(name));
        Optional<StagedFile> f = tree.get(plain);
        boolean compressed = false;
        if (f.isEmpty()) {
            f = tree.get(packed);
            compressed = f.isPresent();
        }
        if (f.isEmpty()) {
            return Optional.empty();
        }
        ContentSource src = f.get().source();
        InfDocument doc;
        if (compressed) {
            SetupFileCodec.Expanded x = codec.expand(src);
            byte[] bytes = Files.readAllBytes(x.file());
            doc = InfParser.parse(bytes, src.describe(), options);
        } else {
            try (InputStream in = SetupFileCodec.stream(src)) {
                doc = InfParser.parse(in, src.describe(), options);
            }
        }
        return Optional.of(new Loaded(name, Optional.of(f.get().path()), compressed, doc, doc.text()));
    }

    public SetupInfEditor editor(Architecture arch) {
        return new SetupInfEditor(arch, new TxtsetupSif(txtsetup.document()), new DosnetInf(dosnet.document()),
                layout == null ? null : new LayoutInf(layout.document()),
                drvindex == null ? null : new DrvindexInf(drvindex.document()),
                new SvcpackInf(svcpack.document()));
    }

    public DrvindexInf drvindex() {
        return drvindex == null ? null : new DrvindexInf(drvindex.document());
    }

    public Loaded svcpack() {
        return svcpack;
    }

    /** Every file, SVCPACK.INF last. */
    public List<Loaded> all() {
        List<Loaded> out = new ArrayList<>();
        out.add(txtsetup);
        out.add(dosnet);
        if (layout != null) {
            out.add(layout);
        }
        if (drvindex != null) {
            out.add(drvindex);
        }
        out.add(svcpack);
        return out;
    }
}
