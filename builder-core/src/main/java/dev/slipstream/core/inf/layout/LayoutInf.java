package dev.slipstream.core.inf.layout;

import dev.slipstream.core.inf.InfDocument;

/**
 * LAYOUT.INF, read by GUI-mode setup and winnt32: the same {@code [SourceDisksNames(.arch)]} and
 * {@code [SourceDisksFiles(.arch)]} records as TXTSETUP.SIF, field 3 holding the uncompressed size.
 */
public final class LayoutInf extends SourceDisksLayout {

    public LayoutInf(InfDocument doc) {
        super(doc);
    }
}
