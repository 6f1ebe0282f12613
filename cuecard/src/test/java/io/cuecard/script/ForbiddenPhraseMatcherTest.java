package io.cuecard.script;

import io.cuecard.script.ForbiddenPhraseMatcher.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The forbidden-phrase matcher on the default script's rules and on small made-up rule sets. */
class ForbiddenPhraseMatcherTest {

    private static final Script SCRIPT = ScriptLoader.loadDefault();
    private static final ForbiddenPhraseMatcher MATCHER = ForbiddenPhraseMatcher.of(SCRIPT);

    private static List<String> ruleIds(String text) {
        return MATCHER.find(text).stream().map(Hit::ruleId).toList();
    }

    @Test
    void everyForbiddenRuleOfTheDefaultScriptIsFoundInASentenceWithItsExactSpan() {
        for (ForbiddenRule rule : SCRIPT.rules()) {
            String said = rule.repeated() ? (rule.phrase() + ",").repeat(3) : rule.phrase();
            String sentence = rule.wholeUtteranceOnly() || rule.repeated()
                    ? "坐席接起电话答:" + said + "。客户很不满。"
                    : "坐席回答" + said + "后客户很不满。";
            List<Hit> hits = MATCHER.find(sentence);
            assertThat(hits).as(sentence).hasSize(1);
            Hit hit = hits.get(0);
            assertThat(hit.ruleId()).as(sentence).isEqualTo(rule.id());
            int start = sentence.indexOf(said);
            int end = start + said.length();
            while (!Character.isLetterOrDigit(sentence.charAt(end - 1))) {
                end--; // the span ends with the phrase's last letter: 嗯? is hit as 嗯
            }
            assertThat(hit.start()).as(sentence).isEqualTo(start);
            assertThat(hit.end()).as(sentence).isEqualTo(end);
            assertThat(hit.phrase()).isEqualTo(rule.phrase());
            assertThat(hit.row()).isEqualTo(rule.row());
            assertThat(hit.severity()).isEqualTo(rule.severity());
            assertThat(hit.suggestion()).isEqualTo(rule.suggestion().text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"喂", "喂?", "喂,您好", "您好。喂!", " 喂 ", "客户没声音,喂?", "喂 您好"})
    void weiOnItsOwnIsAHit(String text) {
        assertThat(ruleIds(text)).containsExactly("r01-wei");
    }

    @ParameterizedTest
    @ValueSource(strings = {"喂养", "客户询问宠物喂养", "喂奶", "投喂"})
    void weiInsideAWordIsNoHit(String text) {
        assertThat(MATCHER.find(text)).isEmpty();
    }

    @Test
    void repeatedWeiIsOneRowSixHitSpanningTheRun() {
        assertThat(MATCHER.find("喂,喂,喂")).extracting(Hit::ruleId, Hit::start, Hit::end, Hit::row)
                .containsExactly(tuple("r06-wei-wei-wei", 0, 5, 6));
        assertThat(MATCHER.find("喂喂喂,听得到吗")).extracting(Hit::ruleId, Hit::start, Hit::end)
                .containsExactly(tuple("r06-wei-wei-wei", 0, 3));
        assertThat(ruleIds("喂，喂，喂!")).containsExactly("r06-wei-wei-wei");
        assertThat(ruleIds("喂? 喂?")).containsExactly("r06-wei-wei-wei");
        assertThat(ruleIds("喂。您好,喂。")).containsExactly("r01-wei", "r01-wei");
    }

    @Test
    void jiangOnItsOwnIsAHitButTheStandardPleaseGoAheadIsNot() {
        assertThat(ruleIds("讲")).containsExactly("r01-jiang");
        assertThat(ruleIds("讲!")).containsExactly("r01-jiang");
        assertThat(ruleIds("您好,讲。")).containsExactly("r01-jiang");
        assertThat(ruleIds("講")).containsExactly("r01-jiang");
        assertThat(MATCHER.find("请讲")).isEmpty();
        assertThat(MATCHER.find("您好,请讲")).isEmpty();
        assertThat(MATCHER.find("您好,請講")).isEmpty();
        assertThat(MATCHER.find("讲解保养项目")).isEmpty();
    }

    @Test
    void latinWordsAreCaseInsensitiveWidthInsensitiveAndWholeWordsOnly() {
        assertThat(ruleIds("OK")).containsExactly("r14-ok");
        assertThat(ruleIds("好,ok了")).containsExactly("r14-ok");
        assertThat(ruleIds("Ok,没问题")).containsExactly("r14-ok");
        assertThat(ruleIds("ＯＫ")).containsExactly("r14-ok");
        assertThat(ruleIds("O.K.")).containsExactly("r14-ok");
        assertThat(ruleIds("o.k.了")).containsExactly("r14-ok");
        assertThat(ruleIds("thank you")).containsExactly("r14-thank");
        assertThat(ruleIds("byebye~")).containsExactly("r14-byebye");
        assertThat(ruleIds("bye bye")).containsExactly("r14-byebye");
        assertThat(ruleIds("Goodbye!")).containsExactly("r14-goodbye");
        assertThat(MATCHER.find("Good, bye bye")).isNotEmpty().allSatisfy(hit -> assertThat(hit.row()).isEqualTo(14));
        assertThat(MATCHER.find("客户在book里记下了")).isEmpty();
        assertThat(MATCHER.find("更换Goodyear轮胎,token已发送,OKR季度")).isEmpty();
    }

    @Test
    void spacesAndPunctuationBetweenTheCharactersOfAPhraseAreTolerated() {
        assertThat(MATCHER.find("我 不 知 道")).extracting(Hit::ruleId, Hit::start, Hit::end)
                .containsExactly(tuple("r03-wo-bu-zhidao", 0, 7));
        assertThat(MATCHER.find("坐席:我,不知道。")).extracting(Hit::ruleId, Hit::start, Hit::end)
                .containsExactly(tuple("r03-wo-bu-zhidao", 3, 8));
        assertThat(ruleIds("我　告　诉　您")).containsExactly("r04-wo-gaosu-nin");
    }

    @Test
    void traditionalAndSimplifiedAreTheSame() {
        assertThat(ruleIds("我不知道")).containsExactly("r03-wo-bu-zhidao");
        assertThat(ruleIds("您說什麼?")).containsExactly("r02-nin-shuo-shenme");
        assertThat(ruleIds("我聽不懂")).containsExactly("r13-wo-ting-bu-dong");
        assertThat(ruleIds("這個我們辦不到")).containsExactly("r16-zhege-women-ban-bu-dao");
        ForbiddenPhraseMatcher traditional = ForbiddenPhraseMatcher.of(ShippedScriptsTest.byId("inbound.zh-TW"));
        assertThat(traditional.find("这个我们办不到")).extracting(Hit::ruleId).containsExactly("r16-zhege-women-ban-bu-dao");
    }

    @Test
    void fullWidthLettersMapBackToOriginalOffsets() {
        String text = "回答ＯＫ了";
        assertThat(MATCHER.find(text)).singleElement()
                .satisfies(hit -> assertThat(text.substring(hit.start(), hit.end())).isEqualTo("ＯＫ"));
    }

    @Test
    void surrogatePairsBeforeAHitKeepOffsetsRight() {
        String text = "😀👍🏻𠀀坐席说:我告诉您,𝐎𝐊";
        List<Hit> hits = MATCHER.find(text);
        assertThat(hits).extracting(Hit::ruleId).containsExactly("r04-wo-gaosu-nin", "r14-ok");
        assertThat(text.substring(hits.get(0).start(), hits.get(0).end())).isEqualTo("我告诉您");
        assertThat(text.substring(hits.get(1).start(), hits.get(1).end())).isEqualTo("𝐎𝐊");
    }

    @Test
    void splitClausesOfRowThreeAreSeparateHits() {
        assertThat(MATCHER.find("我不知道,我给您问一下吧")).extracting(Hit::ruleId, Hit::start, Hit::end).containsExactly(
                tuple("r03-wo-bu-zhidao", 0, 4), tuple("r03-wo-gei-nin-wen-yixia-ba", 5, 12));
    }

    @Test
    void allowListedPhrasesAreNoHits() {
        assertThat(MATCHER.find("客户问您说什么时候能取车")).isEmpty();
        assertThat(MATCHER.find("您说什么时间方便")).isEmpty();
        assertThat(ruleIds("您说什么?")).containsExactly("r02-nin-shuo-shenme");
        assertThat(ruleIds("您说什么时候,您说什么")).containsExactly("r02-nin-shuo-shenme");
    }

    @Test
    void questionPhrasesNeedTheirQuestionMarkAndAWholeUtterance() {
        assertThat(ruleIds("嗯?")).containsExactly("r02-en");
        assertThat(ruleIds("嗯？")).containsExactly("r02-en");
        assertThat(ruleIds("多少?")).containsExactly("r02-duoshao");
        assertThat(ruleIds("什么?")).containsExactly("r02-shenme");
        assertThat(ruleIds("什麼？")).containsExactly("r02-shenme");
        assertThat(MATCHER.find("保养费用是多少?")).isEmpty();
        assertThat(MATCHER.find("嗯,好的")).isEmpty();
        assertThat(MATCHER.find("为什么?")).isEmpty();
    }

    @Test
    void wordsQuotedFromTheCustomerAreNotHits() {
        assertThat(MATCHER.find("客户说我不知道怎么办,要求回电。")).isEmpty();
        assertThat(MATCHER.find("客戶說我不知道怎麼辦。")).isEmpty();
        assertThat(MATCHER.find("客户称「这个我们办不到」是上次坐席说的")).isEmpty();
        assertThat(MATCHER.find("客户原话:“您说话呀”")).isEmpty();
        assertThat(MATCHER.find("客户原话:\"OK\"")).isEmpty();
        assertThat(MATCHER.find("客户原话:＂ＯＫ＂")).isEmpty();
        String note = "客户称不可能。坐席答:我告诉您";
        assertThat(MATCHER.find(note)).extracting(Hit::ruleId, Hit::start)
                .containsExactly(tuple("r04-wo-gaosu-nin", note.indexOf("我告诉您")));
        assertThat(ruleIds("“好的”我不知道")).containsExactly("r03-wo-bu-zhidao");
        assertThat(ruleIds("已向客户说明保养项目,坐席答我不知道。")).as("说明 quotes nobody").containsExactly("r03-wo-bu-zhidao");
        assertThat(ruleIds("客户说话声音小,坐席答我不知道。")).containsExactly("r03-wo-bu-zhidao");
        assertThat(ruleIds("他说“我不知道")).as("an unclosed quote quotes nothing").containsExactly("r03-wo-bu-zhidao");
    }

    @Test
    void overlappingHitsKeepTheLongestThenTheLeftmost() {
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(List.of(
                rule("a", "甲乙"), rule("b", "乙丙丁"), rule("c", "丁戊"), rule("d", "戊己")));
        assertThat(matcher.find("甲乙丙丁戊")).extracting(Hit::ruleId).containsExactly("b");
        assertThat(matcher.find("甲乙丁戊己")).extracting(Hit::ruleId).containsExactly("a", "c");
    }

    @Test
    void duplicatePhrasesAreRejectedAfterFolding() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ForbiddenPhraseMatcher.of(List.of(rule("a", "OK"), rule("b", "o.k."))))
                .withMessageContaining("rule b repeats the phrase of rule a");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ForbiddenPhraseMatcher.of(List.of(rule("a", "說話"), rule("b", "说话"))))
                .withMessageContaining("rule b repeats the phrase of rule a");
    }

    @Test
    void aMegabyteOfNotesIsScannedInOnePass() {
        String note = "客户来电咨询保养预约,已告知到店时间,客户表示满意。";
        StringBuilder text = new StringBuilder(1_100_000);
        while (text.length() < 1_000_000) {
            text.append(note);
        }
        text.append("我不知道");
        String huge = text.toString();
        List<Hit> hits = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MATCHER.find(huge));
        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.start()).isEqualTo(huge.length() - 4));

        String manyHits = "喂!好的。".repeat(200_000);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MATCHER.find(manyHits))).hasSize(200_000);
        String allowed = "您说什么时候,".repeat(100_000) + "您说什么";
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MATCHER.find(allowed))).hasSize(1);
        String notMarkers = "向客户说明".repeat(100_000) + "我不知道";
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MATCHER.find(notMarkers))).hasSize(1);
        String unclosedQuotes = "“我".repeat(300_000);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MATCHER.find(unclosedQuotes))).isEmpty();
    }

    @Test
    void oneMatcherServesManyThreads() throws Exception {
        List<String> notes = new ArrayList<>(OrdinaryNotes.NOTES);
        notes.add("坐席说我不知道,您记一下,OK?");
        List<List<Hit>> expected = notes.stream().map(MATCHER::find).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < notes.size(); i++) {
                            if (!MATCHER.find(notes.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hitsCarryTheRuleSuggestionUnfilled() {
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(List.of(new ForbiddenRule("x", 16, "不可能", "Impossible",
                Severity.BLOCK, new Phrase("{centre}会尽快答复", "{centre} will reply"), false, List.of())));
        Hit hit = matcher.find("这不可能").get(0);
        assertThat(hit.suggestion()).isEqualTo("{centre}会尽快答复");
        assertThat(hit.row()).isEqualTo(16);
        assertThat(PhraseTemplate.fill(hit.suggestion(), Map.of("centre", "华通"))).isEqualTo("华通会尽快答复");
    }

    private static ForbiddenRule rule(String id, String phrase) {
        return new ForbiddenRule(id, 1, phrase, phrase, Severity.WARN, new Phrase("好的", "Fine."), false, List.of());
    }
}
