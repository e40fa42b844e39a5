package dev.slipstream.core.pe;

/**
 * One resource (a leaf of the type / name / language tree): where its data is, and how big.
 * {@code fileOffset} is -1 when the data RVA lies outside every section's raw data.
 */
public record ResourceEntry(ResourceId type, ResourceId name, ResourceId language, long dataRva, long size,
        long codePage, long fileOffset) {

    /** "RCDATA/\"CABINET\"/1033", as 7-Zip lists resources. */
    public String path() {
        return type.describeAsType() + "/" + name + "/" + language;
    }
}
