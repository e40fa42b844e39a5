package dev.slipstream.core.inf;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits on ReactOS's txtsetup.sif touch only their lines; shown as line diffs. */
class InfEditTest {

    private InfDocument doc;
    private String before;

    @BeforeEach
    void load() throws IOException {
        Path sif = SharedCorpus.corpus("inf/reactos-0.4.13/boot__bootdata__txtsetup.sif");
        doc = InfParser.parse(sif);
        before = new String(Files.readAllBytes(sif), ISO_8859_1);
    }

    private LineDiff diff() {
        return LineDiff.of(before, new String(doc.toBytes(), ISO_8859_1));
    }

    @Test
    void replacingAValueRewritesOnlyThatLineAndKeepsItsKeySpellingAndAlignment() {
        assertThat(doc.set("sourcedisksfiles", "NTDLL.DLL", "100,,,,,,,2,0,0,,1,2")).isTrue();
        LineDiff d = diff();
        assertThat(d.removed()).containsExactly("ntdll.dll    = 1,,,,,,,2,,,,1,2\r\n");
        assertThat(d.added()).containsExactly("ntdll.dll    = 100,,,,,,,2,0,0,,1,2\r\n");
    }

    @Test
    void aNewEntryGoesAfterTheLastEntryOfTheSectionWithTheFilesLineEnding() {
        assertThat(doc.set("SourceDisksFiles", "sp2.cab", "100,,,,,,_x,39,0,0")).isTrue();
        LineDiff d = diff();
        assertThat(d.removed()).isEmpty();
        assertThat(d.added()).containsExactly("sp2.cab = 100,,,,,,_x,39,0,0\r\n");
        assertThat(LineDiff.lines(before).get(d.firstLine() - 2)).startsWith("mountmgr.sys");
    }

    @Test
    void deletingAKeyRemovesItsLineOnly() {
        assertThat(doc.delete("SCSI.Load", "BUSLOGIC")).isEqualTo(1);
        LineDiff d = diff();
        assertThat(d.removed()).containsExactly("buslogic = buslogic.sys\r\n");
        assertThat(d.added()).isEmpty();
    }

    @Test
    void anEmptySectionGetsItsFirstEntryRightAfterTheHeader() {
        assertThat(doc.set("SourceDisksFiles.x86", "hal.dll", "1,,,,,,,2,0,0")).isTrue();
        LineDiff d = diff();
        assertThat(d.removed()).isEmpty();
        assertThat(d.added()).containsExactly("hal.dll = 1,,,,,,,2,0,0\r\n");
        assertThat(LineDiff.lines(before).get(d.firstLine() - 2)).isEqualTo("[SourceDisksFiles.x86]\r\n");
    }

    @Test
    void settingAMissingSectionAppendsItAtTheEndOfTheFile() {
        assertThat(doc.set("SetupParams", "UserExecute", "\"setup.cmd\"")).isTrue();
        LineDiff d = diff();
        assertThat(d.removed()).isEmpty();
        assertThat(d.added()).containsExactly("\r\n", "[SetupParams]\r\n", "UserExecute = \"setup.cmd\"\r\n");
        assertThat(doc.value("setupparams", "userexecute")).contains("setup.cmd");
    }

    @Test
    void aValueWithAnInlineCommentKeepsTheComment() throws IOException {
        InfDocument d = InfParser.parse("[S]\r\nkey = old ; why\r\n".getBytes(UTF_8), "t.inf", InfReadOptions.defaults());
        d.set("S", "key", "new");
        assertThat(new String(d.toBytes(), UTF_8)).isEqualTo("[S]\r\nkey = new ; why\r\n");
    }

    @Test
    void quotedValuesAreReadWithDoubledQuotesAndStringsSubstituted() throws IOException {
        String text = "[Strings]\nspcdname = \"Windows Server 2003 Service Pack 2 \"\"CD\"\"\"\n"
                + "[Strings.0407]\nspcdname = \"Windows Server 2003 Service Pack 2 (Deutsch)\"\n"
                + "[SourceDisksNames]\n100 = %spcdname%,%cdtagfile%,,\\i386 ; 100%% sure\n";
        InfDocument d = InfParser.parse(text.getBytes(UTF_8), "t.inf", InfReadOptions.defaults());
        assertThat(d.fields("SourceDisksNames", "100")).contains(
                List.of("Windows Server 2003 Service Pack 2 \"CD\"", "%cdtagfile%", "", "\\i386"));
        d.useStringsLanguage("0407");
        assertThat(d.value("SourceDisksNames", "100")).contains("Windows Server 2003 Service Pack 2 (Deutsch)");
        assertThat(d.resolve("100%% sure")).isEqualTo("100% sure");
    }

    @Test
    void continuationsJoinFieldsAndAnEditCollapsesThemIntoOneLine() throws IOException {
        String text = "[AddReg]\nHKLM,\"Key\",\"Blob\",1,\\\n    0x20,0x00,\\\n    0x01\nnext = 1\n";
        InfDocument d = InfParser.parse(text.getBytes(UTF_8), "t.inf", InfReadOptions.defaults());
        InfLine blob = d.entries("AddReg").get(0);
        assertThat(blob.physicalLines()).isEqualTo(3);
        assertThat(blob.fields()).containsExactly("HKLM", "Key", "Blob", "1", "0x20", "0x00", "0x01");
        assertThat(d.entry("AddReg", "next")).isPresent();
    }

    @Test
    void keylessLinesAreAddedOnceAndRemovedCaseInsensitively() throws IOException {
        InfDocument d = InfParser.parse("[Files]\r\nd1,ntdll.dll\r\n\r\n[Next]\r\n".getBytes(UTF_8), "dosnet.inf",
                InfReadOptions.defaults());
        assertThat(d.addLine("files", "d1,NTDLL.DLL")).isFalse();
        assertThat(d.addLine("files", "d1,sp2.cab")).isTrue();
        assertThat(new String(d.toBytes(), UTF_8)).isEqualTo("[Files]\r\nd1,ntdll.dll\r\nd1,sp2.cab\r\n\r\n[Next]\r\n");
        assertThat(d.removeLine("FILES", "D1, Ntdll.dll")).isEqualTo(1);
        assertThat(new String(d.toBytes(), UTF_8)).isEqualTo("[Files]\r\nd1,sp2.cab\r\n\r\n[Next]\r\n");
    }

    @Test
    void duplicateSectionsAreMergedForLookupsAndKeptAsWritten() throws IOException {
        String text = "[SourceDisksFiles]\na.dll = 1,,,,,,,2,0,0\n[Other]\n[sourcedisksfiles]\nb.dll = 100,,,,,,,2,0,0\n";
        InfDocument d = InfParser.parse(text.getBytes(UTF_8), "t.sif", InfReadOptions.defaults());
        assertThat(d.sections("SourceDisksFiles")).hasSize(2);
        assertThat(d.entries("SourceDisksFiles")).extracting(InfLine::key).containsExactly("a.dll", "b.dll");
        d.set("SourceDisksFiles", "B.DLL", "100,,,,,,,2,0,0,bee.dll");
        assertThat(new String(d.toBytes(), UTF_8)).isEqualTo(text.replace("b.dll = 100,,,,,,,2,0,0", "b.dll = 100,,,,,,,2,0,0,bee.dll"));
    }

    @Test
    void aFileWithoutFinalLineEndKeepsThatShapeWhenALineIsAppended() throws IOException {
        InfDocument d = InfParser.parse("[Files]\nd1,a.dll".getBytes(UTF_8), "t.inf", InfReadOptions.defaults());
        d.addLine("Files", "d1,b.dll");
        assertThat(new String(d.toBytes(), UTF_8)).isEqualTo("[Files]\nd1,a.dll\nd1,b.dll");
    }

    @Test
    void mixedLineEndingsAreKeptAndNewLinesUseTheFirstOne() throws IOException {
        byte[] in = "[A]\r\nx=1\ny=2\r\n".getBytes(UTF_8);
        InfDocument d = InfParser.parse(in, "t.inf", InfReadOptions.defaults());
        assertThat(d.toBytes()).isEqualTo(in);
        d.set("A", "z", "3");
        assertThat(new String(d.toBytes(), UTF_8)).isEqualTo("[A]\r\nx=1\ny=2\r\nz=3\r\n");
    }

    @Test
    void utf16AndCodePagesAreEncodedLikeTheRestOfTheFile() throws IOException {
        byte[] in = bom16("[Strings]\r\nname = \"Käse\"\r\n");
        InfDocument d = InfParser.parse(in, "t.inf", InfReadOptions.defaults());
        assertThat(d.encoding()).isEqualTo(InfEncoding.UTF16LE_BOM);
        assertThat(d.value("Strings", "name")).contains("Käse");
        d.set("Strings", "other", "\"Straße 中\"");
        assertThat(d.toBytes()).isEqualTo(bom16("[Strings]\r\nname = \"Käse\"\r\nother = \"Straße 中\"\r\n"));

        InfDocument ansi = InfParser.parse("[S]\r\nx = caf\u00e9\r\n".getBytes(InfEncoding.CP1252), "a.inf",
                InfReadOptions.defaults());
        assertThat(ansi.encoding()).isEqualTo(InfEncoding.ANSI_1252);
        assertThat(ansi.value("S", "x")).contains("café");
        assertThatThrownBy(() -> ansi.set("S", "y", "中文")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be written in CP1252");

        byte[] gbk = "[Strings]\r\nspcdname = \"Windows Server 2003 中文版 Service Pack 2\"\r\n".getBytes(InfEncoding.CP936);
        InfDocument chs = InfParser.parse(gbk, "txtsetup.sif", InfReadOptions.withAnsi(InfEncoding.CP936));
        assertThat(chs.value("Strings", "spcdname")).contains("Windows Server 2003 中文版 Service Pack 2");
        assertThat(chs.toBytes()).isEqualTo(gbk);
    }

    @Test
    void writesAtomicallyToAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("winnt.sif");
        Files.writeString(f, "[Unattended]\r\nUnattendMode = FullUnattended\r\n", StandardCharsets.US_ASCII);
        InfDocument d = InfParser.parse(f);
        d.set("Unattended", "OemPreinstall", "Yes");
        InfWriter.write(d, f);
        assertThat(f).hasContent("[Unattended]\r\nUnattendMode = FullUnattended\r\nOemPreinstall = Yes\r\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void editsThatWouldBreakTheFileAreRefused() {
        assertThatThrownBy(() -> doc.set("SetupData", "a=b", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> doc.set("SetupData", "x", "\"open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated quote");
        assertThatThrownBy(() -> doc.set("SetupData", "x", "C:\\")).hasMessageContaining("continuation");
        assertThatThrownBy(() -> doc.set("SetupData", "x", "a\r\nb")).hasMessageContaining("line break");
        assertThatThrownBy(() -> doc.set("Bad]", "x", "1")).hasMessageContaining("brackets");
        assertThat(doc.isModified()).isFalse();
    }

    private static byte[] bom16(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }
}
