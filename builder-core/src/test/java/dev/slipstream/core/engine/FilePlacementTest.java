package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FilePlacementTest {

    @Test
    void compressedNamesFollowMakecab() {
        assertThat(SetupNames.compressed("ntdll.dll")).isEqualTo("ntdll.dl_");
        assertThat(SetupNames.compressed("A.B")).isEqualTo("A.B_");
        assertThat(SetupNames.compressed("README")).isEqualTo("README._");
        assertThat(SetupNames.isCompressed("NTDLL.DL_")).isTrue();
        assertThat(SetupNames.isCompressed("SETUP_")).isFalse();
        assertThat(SetupNames.defaultDirectoryId("tcpip.sys")).isEqualTo(4);
        assertThat(SetupNames.defaultDirectoryId("shell32.dll")).isEqualTo(2);
    }

    @Test
    void aReplacedFileKeepsItsForm() {
        FileOperation packed = FilePlacement.place(Set.of("NTDLL.DL_"), "I386", "ntdll.dll", false, "SP2", "newer");
        assertThat(packed.kind()).isEqualTo(FileOperation.Kind.REPLACE);
        assertThat(packed.compressed()).isTrue();
        assertThat(packed.mediaPath().path()).isEqualTo("I386/ntdll.dl_");
        FileOperation plain = FilePlacement.place(Set.of("NTDLL.DLL"), "I386", "ntdll.dll", false, "SP2", "newer");
        assertThat(plain.compressed()).isFalse();
        assertThat(plain.mediaName()).isEqualTo("ntdll.dll");
        assertThat(plain.removeName()).isEmpty();
    }

    @Test
    void bothFormsInTheBaseLeaveOnlyOne() {
        FileOperation op = FilePlacement.place(Set.of("NTDLL.DL_", "NTDLL.DLL"), "I386", "ntdll.dll", false, "SP2", "newer");
        assertThat(op.compressed()).isTrue();
        assertThat(op.removeName()).contains("ntdll.dll");
        assertThat(op.reason()).contains("both forms");
    }

    @Test
    void newFilesAreAddedInThePackagesForm() {
        FileOperation op = FilePlacement.place(Set.of(), "AMD64", "new.dll", true, "SP2", "new");
        assertThat(op.kind()).isEqualTo(FileOperation.Kind.ADD);
        assertThat(op.mediaName()).isEqualTo("new.dl_");
        FileOperation plain = FilePlacement.place(Set.of(), "AMD64", "new.dll", false, "KB1", "new");
        assertThat(plain.mediaName()).isEqualTo("new.dll");
        assertThat(plain.compressed()).isFalse();
    }
}
