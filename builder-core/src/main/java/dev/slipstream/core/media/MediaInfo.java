package dev.slipstream.core.media;

import java.util.List;
import java.util.Map;

/**
 * What a probe found out about install media.
 *
 * @param architecture the main architecture (the folder holding TXTSETUP.SIF), or null if unknown
 * @param archFolders the architecture folders present (x64 media: AMD64 and I386)
 * @param edition the edition from the tag file, or null
 * @param editionTag the edition tag file name, or null
 * @param language a three-letter language code (ENU, CHS, ...) or the LCID when unknown, or null
 * @param lcid the locale id from TXTSETUP.SIF {@code [nls] DefaultLayout}, or null
 * @param ansiCodePage the ANSI code page from {@code [nls] AnsiCodepage} (1252, 936...), or 0
 * @param servicePack the service-pack level (0 = none found), the highest the evidence shows
 * @param servicePackEvidence where each level was read: {@code spcdname}, {@code I386/SP2.CAT}, {@code WIN51IA.SP2}
 */
public record MediaInfo(Architecture architecture, List<String> archFolders, String edition, String editionTag,
        String language, String lcid, int ansiCodePage, int servicePack, Map<String, Integer> servicePackEvidence) {
}
