package dev.slipstream.core.check;

import dev.slipstream.core.json.JsonWriter;
import dev.slipstream.core.media.MediaInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The result of checking a tree: what the media are, and every finding, errors first. */
public record CheckReport(Path tree, MediaInfo media, List<Finding> findings) {

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /** The human report. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Install tree ").append(tree).append('\n');
        if (media != null) {
            sb.append(String.format("  architecture  %s%n", media.architecture() == null ? "unknown"
                    : media.architecture().setupName() + " (" + String.join(", ", media.archFolders()) + ")"));
            sb.append(String.format("  edition       %s%n", media.edition() == null ? "unknown"
                    : media.edition() + " (" + media.editionTag() + ")"));
            sb.append(String.format("  language      %s%n", media.language() == null ? "unknown"
                    : media.language() + " (LCID " + media.lcid() + (media.ansiCodePage() > 0 ? ", code page " + media.ansiCodePage() : "") + ")"));
            sb.append(String.format("  service pack  %s%n", media.servicePack() == 0 ? "none (RTM media)"
                    : "SP" + media.servicePack() + " (from " + String.join(", ", media.servicePackEvidence().keySet()) + ")"));
        }
        for (Finding f : findings) {
            sb.append(String.format("%-7s %s: %s: %s%n", f.severity(), f.location(), f.code(), f.message()));
        }
        sb.append(String.format("%d error(s), %d warning(s)%n", count(Severity.ERROR), count(Severity.WARNING)));
        return sb.toString();
    }

    /** The same report as JSON. */
    public void writeJson(JsonWriter w) {
        w.beginObject().name("tree").value(tree.toString());
        w.name("media");
        if (media == null) {
            w.nullValue();
        } else {
            w.beginObject()
                    .name("architecture").value(media.architecture() == null ? null : media.architecture().setupName());
            w.name("archFolders").beginArray();
            media.archFolders().forEach(w::value);
            w.endArray();
            w.name("edition").value(media.edition())
                    .name("editionTag").value(media.editionTag())
                    .name("language").value(media.language())
                    .name("lcid").value(media.lcid())
                    .name("ansiCodePage").value(media.ansiCodePage())
                    .name("servicePack").value(media.servicePack());
            w.name("servicePackEvidence").beginObject();
            for (Map.Entry<String, Integer> e : media.servicePackEvidence().entrySet()) {
                w.name(e.getKey()).value(e.getValue());
            }
            w.endObject().endObject();
        }
        w.name("errors").value(count(Severity.ERROR)).name("warnings").value(count(Severity.WARNING));
        w.name("findings").beginArray();
        for (Finding f : findings) {
            w.beginObject().name("severity").value(f.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .name("code").value(f.code())
                    .name("file").value(f.file())
                    .name("section").value(f.section());
            if (f.line() > 0) {
                w.name("line").value(f.line());
            } else {
                w.name("line").nullValue();
            }
            w.name("message").value(f.message()).endObject();
        }
        w.endArray().endObject();
        w.finish();
    }
}
