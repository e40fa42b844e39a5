package dev.slipstream.core.pe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTypeTest {

    @Test
    void codesAreTheImageFileMachineValues() {
        assertThat(MachineType.fromCode(0x14C)).contains(MachineType.X86);
        assertThat(MachineType.fromCode(0x8664)).contains(MachineType.X64);
        assertThat(MachineType.fromCode(0x200)).contains(MachineType.IA64);
        assertThat(MachineType.fromCode(0x1C0)).isEmpty(); // ARM: not a Server 2003 architecture
        assertThat(MachineType.describe(0x1C0)).isEqualTo("unknown (0x1C0)");
    }

    @Test
    void namesUsedOnTheCommandLineAndTheMediaAreAccepted() {
        assertThat(MachineType.fromName("amd64")).contains(MachineType.X64);
        assertThat(MachineType.fromName("X64")).contains(MachineType.X64);
        assertThat(MachineType.fromName("i386")).contains(MachineType.X86);
        assertThat(MachineType.fromName("ia64")).contains(MachineType.IA64);
        assertThat(MachineType.fromName("arm")).isEmpty();
        assertThat(MachineType.X64.mediaDirectory()).isEqualTo("amd64");
        assertThat(MachineType.X86.mediaDirectory()).isEqualTo("i386");
        assertThat(MachineType.X64).hasToString("x64");
    }
}
