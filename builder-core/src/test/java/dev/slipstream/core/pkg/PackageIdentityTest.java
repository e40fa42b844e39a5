package dev.slipstream.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.pe.MachineType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackageIdentityTest {

    @Test
    void servicePackNamesGiveArchitectureAndLanguage() {
        PackageIdentity id = PackageIdentity.fromFileName("WindowsServer2003-KB914961-SP2-X86-ENU.exe").orElseThrow();
        assertThat(id.kind()).isEqualTo(PackageKind.SERVICE_PACK);
        assertThat(id.kb()).contains("914961");
        assertThat(id.architecture()).contains(MachineType.X86);
        assertThat(id.language()).contains(new Language("ENU"));

        PackageIdentity x64 = PackageIdentity.fromFileName("WindowsServer2003.WindowsXP-KB914961-SP2-x64-CHS.exe").orElseThrow();
        assertThat(x64.kind()).isEqualTo(PackageKind.SERVICE_PACK);
        assertThat(x64.architecture()).contains(MachineType.X64);
        assertThat(x64.language().map(Language::code)).contains("CHS");

        assertThat(PackageIdentity.fromFileName("WINDOWSSERVER2003-KB914961-SP2-IA64-DEU.EXE").orElseThrow().architecture())
                .contains(MachineType.IA64);
    }

    @Test
    void hotfixNamesIncludingReissuedOnes() {
        PackageIdentity id = PackageIdentity.fromFileName("WindowsServer2003-KB925902-x86-ENU.exe").orElseThrow();
        assertThat(id.kind()).isEqualTo(PackageKind.HOTFIX);
        assertThat(id.label()).isEqualTo("KB925902");
        PackageIdentity v2 = PackageIdentity.fromFileName("WindowsServer2003-KB931784-v2-x64-enu.exe").orElseThrow();
        assertThat(v2.kb()).contains("931784");
        assertThat(v2.architecture()).contains(MachineType.X64);
        assertThat(v2.language().orElseThrow().code()).isEqualTo("ENU");
    }

    @Test
    void ie7AndAddons() {
        PackageIdentity ie = PackageIdentity.fromFileName("IE7-WindowsServer2003-x86-enu.exe").orElseThrow();
        assertThat(ie.kind()).isEqualTo(PackageKind.IE7);
        assertThat(ie.label()).isEqualTo("IE7");
        assertThat(ie.kb()).isEmpty();
        PackageIdentity addon = PackageIdentity.fromFileName("RVM_Pack.7z").orElseThrow();
        assertThat(addon.kind()).isEqualTo(PackageKind.ADDON);
        assertThat(addon.architecture()).isEmpty();
    }

    @Test
    void namesOutsideTheSchemeAreNotGuessed() {
        for (String n : List.of("setup.exe", "WindowsServer2003-KB914961-x86-ENU.exe", "WindowsServer2003-KB925902-arm-ENU.exe",
                "WindowsServer2003-KB925902-x86-EN.exe", "IE7-WindowsXP-x86-enu.exe")) {
            assertThat(PackageIdentity.fromFileName(n)).as(n).isEqualTo(Optional.empty());
        }
    }

    @Test
    void branchPolicyPrefersSp2ThenQfe() {
        assertThat(Branch.Policy.QFE.choose(List.of(Branch.RTMGDR, Branch.SP2GDR, Branch.SP2QFE, Branch.RTMQFE))).contains(Branch.SP2QFE);
        assertThat(Branch.Policy.GDR.choose(List.of(Branch.RTMGDR, Branch.SP2GDR, Branch.SP2QFE))).contains(Branch.SP2GDR);
        assertThat(Branch.Policy.QFE.choose(List.of(Branch.RTMGDR, Branch.RTMQFE))).contains(Branch.RTMQFE);
        assertThat(Branch.Policy.QFE.choose(List.of())).isEmpty();
    }
}
