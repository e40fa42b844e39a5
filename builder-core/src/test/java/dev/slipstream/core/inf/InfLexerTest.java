package dev.slipstream.core.inf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lexer's fast path for plain lines must split exactly as its general path does. */
class InfLexerTest {

    @Test
    void plainLinesSplitIntoTrimmedKeyAndFields() {
        InfLexer.Tokens t = InfLexer.tokenize("  ntdll.dll  = 1 ,, 2\t,  a b  ; comment, = x");
        assertThat(t.key()).isEqualTo("ntdll.dll");
        assertThat(t.equalsAt()).isEqualTo(13);
        assertThat(t.fields()).containsExactly("1", "", "2", "a b");
        assertThat(t.valueStart()).isEqualTo(15);
        assertThat(t.valueEnd()).isEqualTo(28);
    }

    @Test
    void anEqualsSignAfterACommaIsPartOfAField() {
        InfLexer.Tokens t = InfLexer.tokenize("d1,a=b");
        assertThat(t.key()).isNull();
        assertThat(t.fields()).containsExactly("d1", "a=b");
    }

    @Test
    void aKeyWithAnEmptyValueHasNoFields() {
        InfLexer.Tokens t = InfLexer.tokenize("key =   ; nothing");
        assertThat(t.key()).isEqualTo("key");
        assertThat(t.fields()).isEmpty();
        assertThat(t.valueStart()).isEqualTo(t.valueEnd());
    }

    /** Random lines over INF's special characters: the dispatching tokenizer agrees with the general one. */
    @Test
    void theFastPathAgreesWithTheGeneralPathOnRandomLines() {
        char[] alphabet = {'a', 'B', '1', '.', ' ', ' ', '\t', '\u001A', '=', '=', ',', ',', ';', '%', '\u00e9', '"', '\\', '\n'};
        Random r = new Random(20261206);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            int len = r.nextInt(24);
            StringBuilder sb = new StringBuilder();
            // Most lines plain (the fast path), some with quotes, continuations or line feeds.
            int specials = r.nextInt(4) == 0 ? alphabet.length : alphabet.length - 3;
            for (int k = 0; k < len; k++) {
                sb.append(alphabet[r.nextInt(specials)]);
            }
            String s = sb.toString();
            if (specials < alphabet.length) {
                plain++;
            }
            InfLexer.Tokens fast = InfLexer.tokenize(s);
            InfLexer.Tokens general = InfLexer.tokenizeQuoted(s);
            assertThat(fast).as("tokens of '%s'", s.replace("\n", "\\n")).isEqualTo(general);
        }
        assertThat(plain).isGreaterThan(100_000);
    }

    @Test
    void quotedLinesStillUnquote() {
        assertThat(InfLexer.tokenize("k = \"a, b\" , \"say \"\"hi\"\"\"").fields()).containsExactly("a, b", "say \"hi\"");
        assertThat(InfLexer.tokenize("k = a, \\\n   b").fields()).isEqualTo(List.of("a", "b"));
    }
}
