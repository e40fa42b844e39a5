package dev.slipstream.core.iso;

import java.time.Instant;

/**
 * The identifying fields of the primary volume descriptor, as 7-Zip and {@code isoinfo -d} show
 * them. Every one can be set; {@link IsoImageReader#volumeInfo()} reads them back, so
 * {@code --like SRC.iso} is {@code reader.volumeInfo()} handed to the writer. Dates may be
 * {@code null} ("not specified").
 */
public record IsoVolumeInfo(
        String systemId,
        String volumeId,
        String volumeSetId,
        String publisherId,
        String preparerId,
        String applicationId,
        String copyrightFileId,
        String abstractFileId,
        String bibliographicFileId,
        Instant created,
        Instant modified,
        Instant expires,
        Instant effective) {

    public static final int SYSTEM_ID_LENGTH = 32;
    public static final int VOLUME_ID_LENGTH = 32;
    public static final int LONG_ID_LENGTH = 128;
    public static final int FILE_ID_LENGTH = 37;

    public IsoVolumeInfo {
        systemId = check("system id", systemId, SYSTEM_ID_LENGTH);
        volumeId = check("volume id", volumeId, VOLUME_ID_LENGTH);
        volumeSetId = check("volume set id", volumeSetId, LONG_ID_LENGTH);
        publisherId = check("publisher id", publisherId, LONG_ID_LENGTH);
        preparerId = check("preparer id", preparerId, LONG_ID_LENGTH);
        applicationId = check("application id", applicationId, LONG_ID_LENGTH);
        copyrightFileId = check("copyright file id", copyrightFileId, FILE_ID_LENGTH);
        abstractFileId = check("abstract file id", abstractFileId, FILE_ID_LENGTH);
        bibliographicFileId = check("bibliographic file id", bibliographicFileId, FILE_ID_LENGTH);
    }

    /** Empty fields, "CDROM" as volume id, all dates {@code at}. */
    public static IsoVolumeInfo defaults(Instant at) {
        return new IsoVolumeInfo("", "CDROM", "", "", "", "", "", "", "", at, at, null, null);
    }

    private static String check(String what, String v, int max) {
        String s = v == null ? "" : v;
        if (s.length() > max) {
            throw new IllegalArgumentException(what + " '" + s + "' has " + s.length() + " characters; at most " + max + " fit");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(what + " '" + s + "' contains a character outside printable ASCII ("
                        + String.format("U+%04X", (int) c) + "), which the primary volume descriptor cannot hold");
            }
        }
        return s;
    }

    public IsoVolumeInfo withSystemId(String v) {
        return new IsoVolumeInfo(v, volumeId, volumeSetId, publisherId, preparerId, applicationId, copyrightFileId,
                abstractFileId, bibliographicFileId, created, modified, expires, effective);
    }

    public IsoVolumeInfo withVolumeId(String v) {
        return new IsoVolumeInfo(systemId, v, volumeSetId, publisherId, preparerId, applicationId, copyrightFileId,
                abstractFileId, bibliographicFileId, created, modified, expires, effective);
    }

    public IsoVolumeInfo withVolumeSetId(String v) {
        return new IsoVolumeInfo(systemId, volumeId, v, publisherId, preparerId, applicationId, copyrightFileId,
                abstractFileId, bibliographicFileId, created, modified, expires, effective);
    }

    public IsoVolumeInfo withPublisherId(String v) {
        return new IsoVolumeInfo(systemId, volumeId, volumeSetId, v, preparerId, applicationId, copyrightFileId,
                abstractFileId, bibliographicFileId, created, modified, expires, effective);
    }

    public IsoVolumeInfo withPreparerId(String v) {
        return new IsoVolumeInfo(systemId, volumeId, volumeSetId, publisherId, v, applicationId, copyrightFileId,
                abstractFileId, bibliographicFileId, created, modified, expires, effective);
    }

    public IsoVolumeInfo withApplicationId(String v) {
        return new IsoVolumeInfo(systemId, volumeId, volumeSetId, publisherId, preparerId, v, copyrightFileId,
                abstractFileId, bibliographicFileId, created, modified, expires, effective);
    }

    public IsoVolumeInfo withCreated(Instant v) {
        return new IsoVolumeInfo(systemId, volumeId, volumeSetId, publisherId, preparerId, applicationId,
                copyrightFileId, abstractFileId, bibliographicFileId, v, modified, expires, effective);
    }

    public IsoVolumeInfo withModified(Instant v) {
        return new IsoVolumeInfo(systemId, volumeId, volumeSetId, publisherId, preparerId, applicationId,
                copyrightFileId, abstractFileId, bibliographicFileId, created, v, expires, effective);
    }
}
