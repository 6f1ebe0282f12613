package io.cuecard.script;

import io.cuecard.call.Direction;
import io.cuecard.call.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The script shipped with Cuecard: its stage phrases, flow and variables. */
class DefaultScriptTest {

    private static final Script SCRIPT = ScriptLoader.loadDefault();
    private static final Map<String, String> VALUES = Map.of(
            "centre", "华通", "hotline", "400-800-1234", "agentName", "王芳", "agentNo", "1024");

    @Test
    void describesTheDefaultInboundScript() {
        assertThat(SCRIPT.id()).isEqualTo("default-inbound");
        assertThat(SCRIPT.language()).isEqualTo("zh-CN");
        assertThat(SCRIPT.version()).isEqualTo(1);
        assertThat(SCRIPT.variables()).containsOnlyKeys("centre", "hotline", "agentName", "agentNo");
        assertThat(SCRIPT.appliesTo().matches(Direction.INBOUND, "service", null)).isTrue();
        assertThat(SCRIPT.appliesTo().matches(Direction.OUTBOUND, null, "new-car-visit")).isFalse();
    }

    @Test
    void greetingIsRowOneWithTheCentreFilled() {
        Phrase greeting = SCRIPT.phraseFor(Stage.GREETING, VALUES).orElseThrow();
        assertThat(greeting.text()).isEqualTo("华通客服中心,您好,您需要什么帮助?/您好,很高兴为您服务。");
        assertThat(greeting.translation()).startsWith("华通 Customer Service Centre, hello");
    }

    @Test
    void closingNamesTheAgentAndHotline() {
        Phrase closing = SCRIPT.phraseFor(Stage.CLOSING, VALUES).orElseThrow();
        assertThat(closing.text()).startsWith("感谢您致电华通客服中心,我是您的客服专员王芳,工号1024,")
                .contains("请随时拨打400-800-1234与我们联系,再见。");
        assertThat(closing.translation()).contains("agent 王芳, number 1024").contains("call 400-800-1234");
    }

    @Test
    void anUnfilledVariableStaysVisible() {
        Phrase closing = SCRIPT.phraseFor(Stage.CLOSING, Map.of("centre", "华通", "agentName", "王芳", "agentNo", " "))
                .orElseThrow();
        assertThat(closing.text()).contains("工号{agentNo}").contains("拨打{hotline}与我们联系");
    }

    @Test
    void holdTransferAndConversationHaveTheirPhrases() {
        assertThat(SCRIPT.phraseFor(Stage.HOLD, VALUES).orElseThrow().text())
                .startsWith("先生抱歉,您的问题需要向主管咨询").contains("检索答案需要一段时间");
        assertThat(SCRIPT.phraseFor(Stage.TRANSFER, VALUES).orElseThrow().text())
                .startsWith("我需要将您的电话转给主管处理,您看可以吗?");
        assertThat(SCRIPT.phraseFor(Stage.CONVERSATION, VALUES).orElseThrow().text()).isEqualTo("请耐心倾听,确认客户的需求后再答复。");
    }

    @Test
    void resumingFromHoldShowsTheRowFourPhrase() {
        assertThat(SCRIPT.phraseFor(Stage.CONVERSATION, Stage.HOLD, VALUES).orElseThrow().text())
                .isEqualTo("先生,很抱歉让您久等了/对不起先生,让您久等了。");
        assertThat(SCRIPT.phraseFor(Stage.CONVERSATION, Stage.GREETING, VALUES))
                .isEqualTo(SCRIPT.phraseFor(Stage.CONVERSATION, VALUES));
        assertThat(SCRIPT.phraseFor(Stage.CONVERSATION, null, VALUES))
                .isEqualTo(SCRIPT.phraseFor(Stage.CONVERSATION, VALUES));
        assertThat(SCRIPT.phraseFor(Stage.HOLD, Stage.CONVERSATION, VALUES))
                .isEqualTo(SCRIPT.phraseFor(Stage.HOLD, VALUES));
    }

    @Test
    void stagesOutsideTheScriptHaveNoPhraseAndNoNextStage() {
        for (Stage stage : List.of(Stage.RINGING, Stage.ENDED, Stage.WRAP_UP)) {
            assertThat(SCRIPT.phraseFor(stage, VALUES)).isEmpty();
            assertThat(SCRIPT.nextStages(stage)).isEmpty();
        }
    }

    @Test
    void flowFollowsTheScriptOrder() {
        assertThat(SCRIPT.stageOrder()).containsExactly(
                Stage.GREETING, Stage.CONVERSATION, Stage.HOLD, Stage.TRANSFER, Stage.CLOSING);
        assertThat(SCRIPT.nextStages(Stage.GREETING)).containsExactly(
                Stage.CONVERSATION, Stage.HOLD, Stage.TRANSFER, Stage.CLOSING);
        assertThat(SCRIPT.nextStages(Stage.HOLD)).containsExactly(Stage.CONVERSATION, Stage.TRANSFER, Stage.CLOSING);
        assertThat(SCRIPT.nextStages(Stage.CLOSING)).containsExactly(Stage.CONVERSATION);
    }

    @Test
    void cardsAreOfferedInTheirStages() {
        assertThat(SCRIPT.cardsFor(Stage.CONVERSATION)).extracting(SituationCard::row).containsExactly(2, 6);
        assertThat(SCRIPT.cardsFor(Stage.HOLD)).isEmpty();
    }

    @Test
    void everyRuleNamesItsRowAndASuggestion() {
        assertThat(SCRIPT.rules()).extracting(ForbiddenRule::row).containsOnly(1, 2, 3, 4, 6, 14);
        assertThat(SCRIPT.rules()).allSatisfy(rule -> {
            assertThat(rule.id()).startsWith(String.format("r%02d-", rule.row()));
            assertThat(rule.suggestion().text()).isNotBlank();
        });
        assertThat(SCRIPT.rule("r01-wei").orElseThrow().wholeUtteranceOnly()).isTrue();
    }
}
