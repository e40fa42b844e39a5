package dev.slipstream.core.pkg;

/** What an update package is, which decides how the engine integrates it. */
public enum PackageKind {
    /** KB914961, the service pack itself. */
    SERVICE_PACK,
    /** A hotfix or security update (KBnnnnnn). */
    HOTFIX,
    /** Internet Explorer 7, re-injected because integrated SP2 media install IE6. */
    IE7,
    /** A RyanVM-style addon pack (.7z or .cab holding entries.ini). */
    ADDON
}
