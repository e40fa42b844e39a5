package dev.slipstream.core.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileVersionTest {

    @Test
    void partsCompareNumericallyNotAsText() {
        FileVersion sp1 = FileVersion.parse("5.2.3790.1830");
        FileVersion sp2 = FileVersion.parse("5.2.3790.3959");
        FileVersion hotfix = FileVersion.parse("5.2.3790.4455");
        FileVersion ten = FileVersion.parse("5.2.3790.10000");
        List<FileVersion> l = new ArrayList<>(List.of(ten, hotfix, sp1, sp2));
        Collections.sort(l);
        assertThat(l).containsExactly(sp1, sp2, hotfix, ten);
        assertThat(sp2.isNewerThan(sp1)).isTrue();
        assertThat(sp1.isNewerThan(sp2)).isFalse();
        assertThat(FileVersion.parse("6.0.0.0")).isGreaterThan(FileVersion.parse("5.65535.65535.65535"));
        assertThat(sp2.compareTo(FileVersion.parse("5.2.3790.3959"))).isZero();
    }

    @Test
    void roundTripsThroughTheFixedFileInfoDwords() {
        FileVersion v = FileVersion.parse("5.2.3790.3959");
        assertThat(v.mostSignificant()).isEqualTo(0x00050002);
        assertThat(v.leastSignificant()).isEqualTo((3790 << 16) | 3959);
        assertThat(FileVersion.fromDwords(v.mostSignificant(), v.leastSignificant())).isEqualTo(v);
        assertThat(FileVersion.fromDwords(0xFFFFFFFF, 0xFFFFFFFF)).hasToString("65535.65535.65535.65535");
    }

    @Test
    void stringFileInfoValuesAreReadUpToTheirComment() {
        assertThat(FileVersion.parseLeading("5.2.3790.3959 (srv03_sp2_rtm.070216-1710)"))
                .contains(new FileVersion(5, 2, 3790, 3959));
        assertThat(FileVersion.parseLeading("6, 0, 2900, 2180")).contains(new FileVersion(6, 0, 2900, 2180));
        assertThat(FileVersion.parseLeading("7.0")).contains(new FileVersion(7, 0, 0, 0));
        assertThat(FileVersion.parseLeading("version 7")).isEmpty();
        assertThat(FileVersion.parseLeading("99999.1")).isEmpty();
        assertThat(FileVersion.parseLeading(null)).isEmpty();
    }

    @Test
    void strictParsingRejectsWhatIsNotAVersion() {
        assertThat(FileVersion.parse("5.2")).hasToString("5.2.0.0");
        assertThatThrownBy(() -> FileVersion.parse("5.2.x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5.2.x");
        assertThatThrownBy(() -> FileVersion.parse("1.2.3.4.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileVersion.parse("70000.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
    }
}
