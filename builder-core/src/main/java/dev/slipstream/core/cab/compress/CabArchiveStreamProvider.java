package dev.slipstream.core.cab.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.ArchiveStreamProvider;

/**
 * Makes "cab" an archive format of commons-compress's {@code ArchiveStreamFactory}, found through
 * {@code META-INF/services/org.apache.commons.compress.archivers.ArchiveStreamProvider}:
 * {@code new ArchiveStreamFactory().createArchiveInputStream("cab", in)}.
 */
public final class CabArchiveStreamProvider implements ArchiveStreamProvider {

    public static final String CAB = "cab";

    @Override
    @SuppressWarnings("unchecked")
    public <I extends ArchiveInputStream<? extends ArchiveEntry>> I createArchiveInputStream(String name, InputStream in,
            String encoding) throws ArchiveException {
        if (!CAB.equals(name.toLowerCase(Locale.ROOT))) {
            throw new ArchiveException("this provider reads only \"cab\", not \"" + name + "\"");
        }
        try {
            return (I) new CabArchiveInputStream(in);
        } catch (IOException e) {
            throw new ArchiveException(e.getMessage(), (Exception) e);
        }
    }

    @Override
    public <O extends ArchiveOutputStream<? extends ArchiveEntry>> O createArchiveOutputStream(String name, OutputStream out,
            String encoding) throws ArchiveException {
        throw new ArchiveException("writing \"" + name + "\" archives is not provided by this reader");
    }

    @Override
    public Set<String> getInputStreamArchiveNames() {
        return Set.of(CAB);
    }

    @Override
    public Set<String> getOutputStreamArchiveNames() {
        return Set.of();
    }
}
