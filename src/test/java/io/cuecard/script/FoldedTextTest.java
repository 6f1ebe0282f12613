package io.cuecard.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding for matching, and the map from folded offsets back to the original text. */
class FoldedTextTest {

    @Test
    void chineseAndLowerCaseAsciiStayAsTheyAre() {
        assertThat(FoldedText.of("您好,ok").folded()).isEqualTo("您好,ok");
    }

    @Test
    void foldsCaseAndCompatibilityForms() {
        assertThat(FoldedText.of("ＯＫ，ＧＯＯＤ！").folded()).isEqualTo("ok,good!");
        assertThat(FoldedText.of("Straße").folded()).isEqualTo("strasse");
        assertThat(FoldedText.of("𝐎𝐊").folded()).isEqualTo("ok");
    }

    @Test
    void mapsFoldedRangesBackToWholeOriginalCodePoints() {
        String original = "a😀ﬁB";
        FoldedText text = FoldedText.of(original);
        assertThat(text.folded()).isEqualTo("a😀fib");
        int fi = text.folded().indexOf("fi");
        assertThat(text.originalStart(fi)).isEqualTo(3);
        assertThat(text.originalEnd(fi + 1)).as("half a ligature ends after the whole ligature").isEqualTo(4);
        assertThat(text.originalEnd(fi + 2)).isEqualTo(4);
        assertThat(text.originalStart(fi + 2)).isEqualTo(4);
        assertThat(text.originalEnd(text.folded().length())).isEqualTo(original.length());
        assertThat(text.originalStart(1)).isEqualTo(1);
        assertThat(text.originalEnd(3)).isEqualTo(3);
    }
}
