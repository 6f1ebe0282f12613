package io.cuecard.script;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Variable filling in phrases. */
class PhraseTemplateTest {

    @Test
    void fillsKnownVariablesAndLeavesMissingOnesVisible() {
        assertThat(PhraseTemplate.fill("我是{agentName},工号{agentNo}", Map.of("agentName", "王芳")))
                .isEqualTo("我是王芳,工号{agentNo}");
        assertThat(PhraseTemplate.fill("拨打{hotline}", Map.of("hotline", "")))
                .isEqualTo("拨打{hotline}");
        assertThat(PhraseTemplate.fill("拨打{hotline}", null)).isEqualTo("拨打{hotline}");
    }

    @Test
    void valuesAreInsertedLiterally() {
        assertThat(PhraseTemplate.fill("{centre}", Map.of("centre", "$1 \\ {agentNo}"))).isEqualTo("$1 \\ {agentNo}");
    }

    @Test
    void otherBracesArePlainText() {
        assertThat(PhraseTemplate.fill("{ centre} {1} {centre", Map.of("centre", "x"))).isEqualTo("{ centre} {1} {centre");
        assertThat(PhraseTemplate.variablesIn("{a}{b1}{a}{ c}")).containsExactly("a", "b1");
    }
}
