package dev.slipstream.core.engine.hotfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.engine.hotfix.FileDecision.Action;
import dev.slipstream.core.engine.hotfix.HotfixDecision.Outcome;
import dev.slipstream.core.pkg.Branch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HotfixDeciderTest {

    VersionCatalog sp2;
    VersionCatalog base;

    @BeforeEach
    void media() {
        base = new VersionCatalog("the base media")
                .put("ntdll.dll", "5.2.3790.0").put("kernel32.dll", "5.2.3790.0")
                .put("tcpip.sys", "5.2.3790.0").put("oldonly.dll", "5.2.3790.0");
        sp2 = new VersionCatalog("SP2")
                .put("ntdll.dll", "5.2.3790.3959").put("kernel32.dll", "5.2.3790.3959").put("tcpip.sys", "5.2.3790.3959");
    }

    static HotfixCandidate hotfix(String kb, Map<Branch, List<PayloadFile>> branches) {
        return new HotfixCandidate(kb, "WindowsServer2003-KB" + kb + "-x86-ENU.exe", branches);
    }

    HotfixDecisions decide(boolean allow, HotfixCandidate... h) {
        return new HotfixDecider(Branch.Policy.QFE, allow).decide(List.of(h), sp2, base);
    }

    @Test
    void postSp2HotfixReplacesOlderSp2FilesAndPrefersQfe() {
        HotfixCandidate h = hotfix("925902", Map.of(
                Branch.SP2GDR, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4000")),
                Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4001"))));
        HotfixDecision d = decide(false, h).decisions().get(0);
        assertThat(d.outcome()).isEqualTo(Outcome.INTEGRATE);
        assertThat(d.branch()).contains(Branch.SP2QFE);
        assertThat(d.files()).singleElement().satisfies(f -> {
            assertThat(f.action()).isEqualTo(Action.REPLACE);
            assertThat(f.version().orElseThrow()).hasToString("5.2.3790.4001");
            assertThat(f.reason()).contains("newer than SP2's 5.2.3790.3959");
        });
    }

    @Test
    void gdrPolicyTakesTheGdrBranch() {
        HotfixCandidate h = hotfix("925902", Map.of(
                Branch.SP2GDR, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4000")),
                Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4001"))));
        HotfixDecision d = new HotfixDecider(Branch.Policy.GDR, false).decide(List.of(h), sp2, base).decisions().get(0);
        assertThat(d.branch()).contains(Branch.SP2GDR);
        assertThat(d.applied().get(0).version().orElseThrow()).hasToString("5.2.3790.4000");
    }

    @Test
    void aHotfixNoNewerThanSp2IsSupersededWithTheReason() {
        HotfixCandidate h = hotfix("900000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("tcpip.sys", "5.2.3790.3959"))));
        HotfixDecision d = decide(false, h).decisions().get(0);
        assertThat(d.outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(d.reason()).contains("superseded by SP2");
        assertThat(d.files().get(0).reason()).contains("the same version");
    }

    @Test
    void preSp2HotfixContainedInSp2IsSuperseded() {
        HotfixCandidate h = hotfix("890000", Map.of(
                Branch.RTMQFE, List.of(PayloadFile.of("kernel32.dll", "5.2.3790.2500")),
                Branch.RTMGDR, List.of(PayloadFile.of("kernel32.dll", "5.2.3790.2490"))));
        HotfixDecisions ds = decide(false, h);
        assertThat(ds.decisions().get(0).outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(ds.decisions().get(0).branch()).contains(Branch.RTMQFE);
        assertThat(ds.blocked()).isFalse();
    }

    @Test
    void preSp2HotfixNewerThanSp2IsARegressionThatBlocksUnlessAllowed() {
        HotfixCandidate h = hotfix("912345", Map.of(Branch.RTMQFE, List.of(
                PayloadFile.of("ntdll.dll", "5.2.3790.4100"), PayloadFile.of("kernel32.dll", "5.2.3790.2500"))));
        HotfixDecisions blocked = decide(false, h);
        assertThat(blocked.blocked()).isTrue();
        HotfixDecision d = blocked.regressions().get(0);
        assertThat(d.reason()).contains("ntdll.dll").doesNotContain("kernel32.dll").contains("SP2 would regress it");
        assertThat(d.files()).extracting(FileDecision::action).containsExactly(Action.REGRESSION, Action.SKIP);
        assertThat(d.applied()).isEmpty();

        HotfixDecisions allowed = decide(true, h);
        assertThat(allowed.blocked()).isFalse();
        assertThat(allowed.regressions()).hasSize(1);
        assertThat(allowed.regressions().get(0).reason()).contains("dropped");
    }

    @Test
    void repackagedHotfixIntegratesItsSp2BranchAndDoesNotRegress() {
        HotfixCandidate h = hotfix("912345", Map.of(
                Branch.RTMQFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.2800")),
                Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4100"))));
        HotfixDecisions ds = decide(false, h);
        assertThat(ds.blocked()).isFalse();
        HotfixDecision d = ds.decisions().get(0);
        assertThat(d.hotfix().category()).isEqualTo(HotfixCandidate.Category.REPACKAGED);
        assertThat(d.outcome()).isEqualTo(Outcome.INTEGRATE);
        assertThat(d.reason()).startsWith("repackaged for SP2");
    }

    @Test
    void betweenHotfixesTheNewerVersionWinsWhateverTheOrder() {
        HotfixCandidate older = hotfix("920000", Map.of(Branch.SP2QFE, List.of(
                PayloadFile.of("ntdll.dll", "5.2.3790.4010"), PayloadFile.of("kernel32.dll", "5.2.3790.4010"))));
        HotfixCandidate newer = hotfix("930000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4050"))));
        for (HotfixDecisions ds : List.of(decide(false, older, newer), decide(false, newer, older))) {
            HotfixDecision o = ds.decisions().get(0);
            HotfixDecision n = ds.decisions().get(1);
            assertThat(o.hotfix().kb()).isEqualTo("920000");
            assertThat(o.outcome()).isEqualTo(Outcome.INTEGRATE);
            assertThat(o.applied()).extracting(FileDecision::name).containsExactly("kernel32.dll");
            assertThat(o.files().get(0).reason()).contains("KB930000 has 5.2.3790.4050");
            assertThat(n.applied()).extracting(FileDecision::name).containsExactly("ntdll.dll");
        }
    }

    @Test
    void aHotfixBeatenOnEveryFileByAnotherIsSupersededByIt() {
        HotfixCandidate a = hotfix("920000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4010"))));
        HotfixCandidate b = hotfix("930000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4050"))));
        HotfixDecision d = decide(false, a, b).decisions().get(0);
        assertThat(d.outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(d.reason()).contains("superseded by KB930000");
    }

    @Test
    void equalVersionsInTwoHotfixesGoToTheLowerKb() {
        HotfixCandidate a = hotfix("930000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4050"))));
        HotfixCandidate b = hotfix("920000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4050"))));
        HotfixDecisions ds = decide(false, a, b);
        assertThat(ds.decisions().get(0).hotfix().kb()).isEqualTo("920000");
        assertThat(ds.decisions().get(0).outcome()).isEqualTo(Outcome.INTEGRATE);
        assertThat(ds.decisions().get(1).outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(ds.decisions().get(1).files().get(0).reason()).contains("KB920000").contains("the same version");
    }

    @Test
    void newFilesAreAddedAndTheBaseCountsWhereSp2IsSilent() {
        HotfixCandidate h = hotfix("940000", Map.of(Branch.SP2QFE, List.of(
                PayloadFile.of("brandnew.dll", "5.2.3790.4100"), PayloadFile.of("oldonly.dll", "5.2.3790.10"))));
        HotfixDecision d = decide(false, h).decisions().get(0);
        assertThat(d.files()).extracting(FileDecision::action).containsExactly(Action.ADD, Action.REPLACE);
        assertThat(d.files().get(1).reason()).contains("the base media's 5.2.3790.0");
    }

    @Test
    void versionNotTimestampDecides() {
        // 5.2.3790.10 < 5.2.3790.9 as text, but not as a version.
        HotfixCandidate h = hotfix("940000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.10000"))));
        assertThat(decide(false, h).decisions().get(0).applied()).hasSize(1);
    }

    @Test
    void aPackageWithoutPayloadBranchesIsUnusable() {
        HotfixDecision d = decide(false, hotfix("950000", Map.of())).decisions().get(0);
        assertThat(d.outcome()).isEqualTo(Outcome.UNUSABLE);
    }

    @Test
    void afterBuildScanFindsMissingAndOlderFiles() {
        HotfixCandidate ok = hotfix("920000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("ntdll.dll", "5.2.3790.4010"))));
        HotfixCandidate older = hotfix("930000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("kernel32.dll", "5.2.3790.4050"))));
        HotfixCandidate missing = hotfix("940000", Map.of(Branch.SP2QFE, List.of(PayloadFile.of("gone.dll", "5.2.3790.4050"))));
        VersionCatalog built = new VersionCatalog("built").put("ntdll.dll", "5.2.3790.4010").put("kernel32.dll", "5.2.3790.3959");
        List<BuiltTreeScan.Result> rs = new BuiltTreeScan(Branch.Policy.QFE).scan(List.of(missing, older, ok), built);
        assertThat(rs).extracting(r -> r.hotfix().kb() + "=" + r.status())
                .containsExactly("920000=INTACT", "930000=REGRESSED", "940000=REGRESSED");
        assertThat(rs.get(1).files().get(0).reason()).contains("older than the fix's 5.2.3790.4050");
        assertThat(rs.get(2).files().get(0).reason()).contains("missing");
    }
}
