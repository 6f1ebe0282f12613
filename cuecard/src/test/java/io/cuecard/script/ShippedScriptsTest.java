package io.cuecard.script;

import io.cuecard.call.Direction;
import io.cuecard.call.Stage;
import io.cuecard.script.ForbiddenPhraseMatcher.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The twelve shipped scripts: they load, cover all 24 situations of source-001, and never contradict themselves. */
class ShippedScriptsTest {

    static final List<Script> SHIPPED = ScriptLoader.loadShipped();

    private static final Map<String, String> VALUES = Map.of(
            "centre", "华通", "hotline", "400-800-1234", "agentName", "王芳", "agentNo", "1024",
            "honorific", "先生", "surname", "李", "department", "售后服务部", "colleague", "张伟");

    static List<Script> shipped() {
        return SHIPPED;
    }

    @Test
    void twelveScriptsThreeKindsInFourLanguages() {
        assertThat(SHIPPED).hasSize(12);
        assertThat(SHIPPED.stream().map(Script::id)).doesNotHaveDuplicates()
                .contains("inbound.zh-CN", "outbound.zh-TW", "return-visit.en", "inbound.ko");
        assertThat(SHIPPED.stream().map(Script::language).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("zh-CN", "zh-TW", "en", "ko");
        assertThat(ScriptLoader.loadDefault().id()).isEqualTo("inbound.zh-CN");
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everySituationRowOneToTwentyFourHasAStageOrACard(Script script) {
        Set<Integer> rows = new TreeSet<>();
        script.stages().forEach(stage -> { if (stage.row() != null) rows.add(stage.row()); });
        script.cards().forEach(card -> rows.add(card.row()));
        script.rules().forEach(rule -> rows.add(rule.row()));
        assertThat(rows).containsAll(IntStream.rangeClosed(1, 24).boxed().toList());
        assertThat(script.cards().stream().map(SituationCard::row))
                .contains(2, 6, 13, 10, 11, 15, 16, 22, 8, 9, 17, 18, 19, 20, 21, 23);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void noStandardPhraseHitsTheScriptsOwnForbiddenList(Script script) {
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(script);
        for (Phrase phrase : script.standardPhrases()) {
            for (String text : List.of(phrase.text(), PhraseTemplate.fill(phrase.text(), VALUES))) {
                String unquoted = text.replaceAll("[“”「」『』\"＂]", " ");
                assertThat(matcher.find(unquoted)).as(script.id() + ": " + unquoted).isEmpty();
            }
        }
        if (script.language().startsWith("zh")) {
            assertThat(matcher.find("您好,请讲")).isEmpty();
            assertThat(matcher.find("讲")).extracting(Hit::ruleId).containsExactly("r01-jiang");
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyScriptDeclaresTheEightVariablesAndHasTheStagesOfACall(Script script) {
        assertThat(script.variables()).containsOnlyKeys("centre", "agentName", "agentNo", "hotline", "honorific",
                "surname", "department", "colleague");
        assertThat(script.stageOrder()).containsExactly(Stage.GREETING, Stage.CONVERSATION, Stage.HOLD,
                Stage.TRANSFER, Stage.CLOSING);
        assertThat(script.stagesFor(Stage.GREETING)).extracting(ScriptStage::id)
                .containsExactlyInAnyOrder("greeting", "identity-check");
        assertThat(script.phraseOn(StageEvent.LONG_HOLD, VALUES)).isPresent();
        assertThat(script.phraseOn(StageEvent.TRANSFER_FAILED, VALUES)).isPresent();
        assertThat(script.nextStages(Stage.CONVERSATION)).containsExactly(Stage.HOLD, Stage.TRANSFER, Stage.CLOSING);
        assertThat(script.nextStages(Stage.HOLD)).containsExactly(Stage.CONVERSATION, Stage.TRANSFER, Stage.CLOSING);
        assertThat(script.holidayGreeting()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void forbiddenListsArePerLanguage(Script script) {
        boolean englishWordsForbidden = script.rules().stream().anyMatch(rule -> rule.row() == 14);
        assertThat(englishWordsForbidden).as(script.id()).isEqualTo(!script.language().equals("en"));
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(script);
        assertThat(matcher.find("OK, thank you, goodbye").isEmpty()).isEqualTo(script.language().equals("en"));
    }

    @Test
    void inboundOrdersGreetingBeforeIdentityOutboundChecksIdentityFirst() {
        Script inbound = byId("inbound.zh-CN");
        assertThat(inbound.stagesFor(Stage.GREETING)).extracting(ScriptStage::id).containsExactly("greeting", "identity-check");
        assertThat(inbound.phraseFor(Stage.GREETING, VALUES).orElseThrow().text())
                .isEqualTo("华通客服中心,您好,您需要什么帮助?/您好,很高兴为您服务。");
        Script outbound = byId("outbound.zh-CN");
        assertThat(outbound.stagesFor(Stage.GREETING)).extracting(ScriptStage::id).containsExactly("identity-check", "greeting");
        assertThat(outbound.phraseFor(Stage.GREETING, VALUES).orElseThrow().text())
                .isEqualTo("您好,这里是华通客服中心,您是李先生吗?");
        assertThat(outbound.appliesTo().matches(Direction.OUTBOUND, null, "any-campaign")).isTrue();
        Script returnVisit = byId("return-visit.zh-CN");
        assertThat(returnVisit.appliesTo().matches(Direction.OUTBOUND, null, "return-visit")).isTrue();
        assertThat(returnVisit.phraseFor(Stage.CLOSING, VALUES).orElseThrow().text())
                .startsWith("我们就是想了解一下情况").contains("客服专员王芳,工号1024").endsWith("祝您工作愉快,再见。");
    }

    @Test
    void resumeAfterHoldIsRowFourAndTheLongHoldPhraseRowFive() {
        Script script = byId("inbound.zh-CN");
        assertThat(script.phraseFor(Stage.CONVERSATION, Stage.HOLD, VALUES).orElseThrow().text())
                .isEqualTo("李先生,很抱歉让您久等了/对不起李先生,让您久等了。");
        assertThat(script.phraseFor(Stage.CONVERSATION, Stage.GREETING, VALUES).orElseThrow().text())
                .isEqualTo("请耐心倾听,确认客户的需求后再答复。");
        assertThat(script.phraseOn(StageEvent.LONG_HOLD, VALUES).orElseThrow().text())
                .isEqualTo("由于信息量很大,系统处理要花一些时间,您需要稍等,请原谅!");
        assertThat(script.phraseOn(StageEvent.TRANSFER_FAILED, VALUES).orElseThrow().text())
                .startsWith("李先生抱歉,张伟现在正忙/不在座席上");
    }

    @Test
    void anUnfilledVariableStaysVisible() {
        Map<String, String> partial = new HashMap<>(VALUES);
        partial.remove("surname");
        partial.put("agentNo", " ");
        Script script = byId("inbound.zh-CN");
        assertThat(script.phraseFor(Stage.CLOSING, partial).orElseThrow().text()).contains("工号{agentNo}");
        assertThat(script.phraseFor(Stage.HOLD, partial).orElseThrow().text()).startsWith("{surname}先生抱歉");
    }

    @Test
    void closingGetsTheHolidayGreetingOnHolidaysOnly() {
        HolidayCalendar calendar = HolidayCalendar.loadDefault();
        Script script = byId("inbound.zh-CN");
        Phrase springFestival = script.phraseFor(Stage.CLOSING, null, VALUES, LocalDate.of(2026, 2, 17), calendar)
                .orElseThrow();
        assertThat(springFestival.text()).endsWith("再见。祝您节日愉快!");
        assertThat(springFestival.translation()).endsWith("Goodbye. Happy holidays!");
        assertThat(script.phraseFor(Stage.CLOSING, null, VALUES, LocalDate.of(2027, 1, 1), calendar).orElseThrow().text())
                .endsWith("祝您节日愉快!");
        assertThat(script.phraseFor(Stage.CLOSING, null, VALUES, LocalDate.of(2026, 3, 2), calendar).orElseThrow().text())
                .endsWith("再见。");
        assertThat(script.phraseFor(Stage.GREETING, null, VALUES, LocalDate.of(2026, 2, 17), calendar).orElseThrow().text())
                .doesNotContain("节日");
        assertThat(byId("inbound.zh-TW").phraseFor(Stage.CLOSING, null, VALUES, LocalDate.of(2026, 2, 17), calendar)
                .orElseThrow().text()).endsWith("祝您節日愉快!");
    }

    @Test
    void traditionalScriptsAreTheSimplifiedOnesConverted() {
        Script simplified = byId("inbound.zh-CN");
        Script traditional = byId("inbound.zh-TW");
        assertThat(traditional.phraseFor(Stage.GREETING, VALUES).orElseThrow().text())
                .isEqualTo("華通客服中心,您好,您需要什麼幫助?/您好,很高興為您服務。".replace("華通", "华通"));
        assertThat(traditional.rules()).extracting(ForbiddenRule::id)
                .containsExactlyElementsOf(simplified.rules().stream().map(ForbiddenRule::id).toList());
        for (int i = 0; i < simplified.rules().size(); i++) {
            assertThat(FoldedText.of(traditional.rules().get(i).phrase()).folded()).as("folds to the same phrase")
                    .isEqualTo(FoldedText.of(simplified.rules().get(i).phrase()).folded());
        }
    }

    static Script byId(String id) {
        return SHIPPED.stream().filter(script -> script.id().equals(id)).findFirst().orElseThrow();
    }
}
