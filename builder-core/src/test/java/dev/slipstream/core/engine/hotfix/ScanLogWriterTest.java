package dev.slipstream.core.engine.hotfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.pkg.Branch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanLogWriterTest {

    final VersionCatalog base = new VersionCatalog("the base media").put("ntdll.dll", "5.2.3790.0");
    final VersionCatalog sp2 = new VersionCatalog("SP2").put("ntdll.dll", "5.2.3790.3959");

    HotfixCandidate regressing = new HotfixCandidate("912345", "WindowsServer2003-KB912345-x86-ENU.exe",
            Map.of(Branch.RTMQFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4100"))));
    HotfixCandidate superseded = new HotfixCandidate("890000", "WindowsServer2003-KB890000-x86-ENU.exe",
            Map.of(Branch.RTMQFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.2000"))));

    ScanReport report(boolean allow) {
        HotfixDecisions d = new HotfixDecider(Branch.Policy.QFE, allow).decide(List.of(regressing, superseded), sp2, base);
        return ScanReport.beforeBuild("W2K3-ENU", Instant.parse("2007-03-08T04:00:00Z"), "x86 Standard ENU RTM",
                "WindowsServer2003-KB914961-SP2-X86-ENU.exe", d);
    }

    @Test
    void beforeBuildLogListsRegressionsAndBlocks() {
        ScanReport r = report(false);
        String log = new ScanLogWriter(false).render(r);
        assertThat(r.logFileName()).isEqualTo("W2K3-ENU_log.txt");
        assertThat(r.problemFound()).isTrue();
        assertThat(log).contains("before build").contains("Date:          2007-03-08 04:00:00 UTC")
                .contains("Hotfixes that would regress (SP2 would undo their fix): 1")
                .contains("KB912345").contains("Superseded hotfixes (dropped): 1").contains("KB890000")
                .contains("Result: BLOCKED").contains("--allow-regressions");
        assertThat(log).doesNotContain("5.2.3790.2000"); // file detail only with verbose
        assertThat(log.split("\r\n", -1).length).isEqualTo(log.split("\n", -1).length);
    }

    @Test
    void verboseAddsEveryFileAndAllowedRegressionsDoNotBlock() {
        ScanReport r = report(true);
        String log = new ScanLogWriter(true).render(r);
        assertThat(r.problemFound()).isFalse();
        assertThat(log).contains("REGRESSION").contains("5.2.3790.4100").contains("5.2.3790.2000")
                .contains("allowed by --allow-regressions");
    }

    @Test
    void afterBuildLogListsRegressedFixes() {
        VersionCatalog built = new VersionCatalog("built").put("ntdll.dll", "5.2.3790.3959");
        List<BuiltTreeScan.Result> rs = new BuiltTreeScan(Branch.Policy.QFE).scan(List.of(regressing, superseded), built);
        ScanReport r = ScanReport.afterBuild("OUT", Instant.EPOCH, "built tree", rs);
        String log = new ScanLogWriter(false).render(r);
        assertThat(r.problemFound()).isTrue();
        assertThat(log).contains("after build").contains("Hotfixes that have regressed: 1").contains("KB912345")
                .contains("Hotfixes intact: 1").contains("Result: REGRESSED");
    }
}
