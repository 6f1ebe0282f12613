package io.cuecard.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding for matching, the dropped separators, and the map from folded chars back to the original text. */
class FoldedTextTest {

    @Test
    void keepsWordCharactersAndDropsSeparators() {
        assertThat(FoldedText.of("您好, ok").folded()).isEqualTo("您好ok");
        assertThat(FoldedText.of("我 不,知-道").folded()).isEqualTo("我不知道");
    }

    @Test
    void foldsCaseWidthCompatibilityFormsAndTraditionalChinese() {
        assertThat(FoldedText.of("ＯＫ，ＧＯＯＤ！").folded()).isEqualTo("okgood");
        assertThat(FoldedText.of("Straße").folded()).isEqualTo("strasse");
        assertThat(FoldedText.of("𝐎𝐊").folded()).isEqualTo("ok");
        assertThat(FoldedText.of("您說什麼?我聽不懂").folded()).isEqualTo("您说什么我听不懂");
        assertThat(FoldedText.of("這個我們辦不到").folded()).isEqualTo("这个我们办不到");
    }

    @Test
    void remembersWhatSeparatedTheWordCharacters() {
        FoldedText text = FoldedText.of("喂, 喂？喂");
        assertThat(text.folded()).isEqualTo("喂喂喂");
        assertThat(text.gapBefore(0)).isZero();
        assertThat(text.gapBefore(1)).isEqualTo(FoldedText.SPACE | FoldedText.PUNCTUATION);
        assertThat(text.gapBefore(2)).isEqualTo(FoldedText.PUNCTUATION | FoldedText.QUESTION);
        assertThat(text.gapBefore(3)).isZero();
    }

    @Test
    void mapsFoldedRangesBackToWholeOriginalCodePoints() {
        String original = "a😀ﬁB";
        FoldedText text = FoldedText.of(original);
        assertThat(text.folded()).isEqualTo("afib");
        assertThat(text.originalStart(1)).isEqualTo(3);
        assertThat(text.originalEnd(2)).as("half a ligature ends after the whole ligature").isEqualTo(4);
        assertThat(text.originalEnd(3)).isEqualTo(4);
        assertThat(text.originalStart(3)).isEqualTo(4);
        assertThat(text.originalEnd(4)).isEqualTo(original.length());
        String surrogates = "𝐎𝐊";
        FoldedText ok = FoldedText.of(surrogates);
        assertThat(ok.originalStart(1)).isEqualTo(2);
        assertThat(ok.originalEnd(2)).isEqualTo(4);
    }
}
