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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The forbidden-phrase matcher on the default script's rules and on small made-up rule sets. */
class ForbiddenPhraseMatcherTest {

    private static final Script SCRIPT = ScriptLoader.loadDefault();
    private static final ForbiddenPhraseMatcher MATCHER = ForbiddenPhraseMatcher.of(SCRIPT);

    private static List<String> ruleIds(String text) {
        return MATCHER.find(text).stream().map(Hit::ruleId).toList();
    }

    @Test
    void everyForbiddenEntryOfTheDefaultScriptIsFoundInASentence() {
        for (ForbiddenRule rule : SCRIPT.rules()) {
            String sentence = rule.wholeUtteranceOnly()
                    ? "坐席接起电话说:“" + rule.phrase() + "”客户很不满。"
                    : "坐席回答" + rule.phrase() + "后客户很不满。";
            List<Hit> hits = MATCHER.find(sentence);
            assertThat(hits).as(sentence).hasSize(1);
            Hit hit = hits.get(0);
            assertThat(hit.ruleId()).as(sentence).isEqualTo(rule.id());
            assertThat(hit.start()).as(sentence).isEqualTo(sentence.indexOf(rule.phrase()));
            assertThat(hit.end()).as(sentence).isEqualTo(sentence.indexOf(rule.phrase()) + rule.phrase().length());
            assertThat(hit.phrase()).isEqualTo(rule.phrase());
            assertThat(hit.severity()).isEqualTo(rule.severity());
            assertThat(hit.suggestion()).isEqualTo(rule.suggestion().text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"喂", "喂?", "喂,您好", "您好。喂!", " 喂 ", "客户没声音,喂?喂?"})
    void weiOnItsOwnIsAHit(String text) {
        assertThat(ruleIds(text)).isNotEmpty().containsOnly("r01-wei");
    }

    @ParameterizedTest
    @ValueSource(strings = {"喂养", "客户询问宠物喂养", "喂奶", "投喂"})
    void weiInsideAWordIsNoHit(String text) {
        assertThat(MATCHER.find(text)).isEmpty();
    }

    @Test
    void jiangOnItsOwnIsAHitButTheStandardPleaseGoAheadIsNot() {
        assertThat(ruleIds("讲")).containsExactly("r01-jiang");
        assertThat(ruleIds("讲!")).containsExactly("r01-jiang");
        assertThat(ruleIds("您好,讲。")).containsExactly("r01-jiang");
        assertThat(MATCHER.find("请讲")).isEmpty();
        assertThat(MATCHER.find("您好,请讲")).isEmpty();
        assertThat(MATCHER.find("讲解保养项目")).isEmpty();
    }

    @Test
    void repeatedWeiIsOneRowSixHit() {
        assertThat(MATCHER.find("喂,喂,喂")).extracting(Hit::ruleId, Hit::start, Hit::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r06-wei-wei-wei", 0, 5));
        assertThat(ruleIds("喂，喂，喂!")).containsExactly("r06-wei-wei-wei");
        assertThat(ruleIds("喂喂喂,听得到吗")).containsExactly("r06-wei-wei-wei-run");
    }

    @Test
    void latinWordsAreCaseInsensitiveAndWholeWordsOnly() {
        assertThat(ruleIds("OK")).containsExactly("r14-ok");
        assertThat(ruleIds("好,ok了")).containsExactly("r14-ok");
        assertThat(ruleIds("Ok,没问题")).containsExactly("r14-ok");
        assertThat(ruleIds("ＯＫ")).containsExactly("r14-ok");
        assertThat(ruleIds("Good, bye bye")).containsExactly("r14-good", "r14-bye-bye");
        assertThat(ruleIds("thank you")).containsExactly("r14-thank");
        assertThat(ruleIds("byebye~")).containsExactly("r14-byebye");
        assertThat(ruleIds("Goodbye!")).containsExactly("r14-goodbye");
        assertThat(MATCHER.find("客户在book里记下了")).isEmpty();
        assertThat(MATCHER.find("更换Goodyear轮胎,token已发送,OKR季度")).isEmpty();
    }

    @Test
    void fullWidthLettersMapBackToOriginalOffsets() {
        String text = "回答ＯＫ了";
        assertThat(MATCHER.find(text)).singleElement()
                .satisfies(hit -> assertThat(text.substring(hit.start(), hit.end())).isEqualTo("ＯＫ"));
    }

    @Test
    void woBuZhiDaoInALongerNoteIsFoundWithItsOffsets() {
        String note = "客户王先生来电询问首保时间,坐席回答我不知道,客户要求主管回电,已登记回电任务。";
        List<Hit> hits = MATCHER.find(note);
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("r03-wo-bu-zhidao");
            assertThat(hit.start()).isEqualTo(note.indexOf("我不知道"));
            assertThat(hit.end()).isEqualTo(note.indexOf("我不知道") + 4);
            assertThat(note.substring(hit.start(), hit.end())).isEqualTo("我不知道");
        });
    }

    @Test
    void splitClausesOfRowThreeAreSeparateHits() {
        String text = "我不知道,我给您问一下吧";
        assertThat(MATCHER.find(text)).extracting(Hit::ruleId, Hit::start, Hit::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r03-wo-bu-zhidao", 0, 4),
                org.assertj.core.groups.Tuple.tuple("r03-wo-gei-nin-wen-yixia-ba", 5, 12));
    }

    @Test
    void surrogatePairsBeforeAHitKeepOffsetsRight() {
        String text = "😀👍🏻𠀀客户说:我告诉您,𝐎𝐊";
        List<Hit> hits = MATCHER.find(text);
        assertThat(hits).extracting(Hit::ruleId).containsExactly("r04-wo-gaosu-nin", "r14-ok");
        assertThat(text.substring(hits.get(0).start(), hits.get(0).end())).isEqualTo("我告诉您");
        assertThat(text.substring(hits.get(1).start(), hits.get(1).end())).isEqualTo("𝐎𝐊");
    }

    @Test
    void allowListedPhrasesAreNoHits() {
        assertThat(MATCHER.find("客户问您说什么时候能取车")).isEmpty();
        assertThat(MATCHER.find("您说什么时间方便")).isEmpty();
        assertThat(ruleIds("您说什么?")).containsExactly("r02-nin-shuo-shenme");
        assertThat(ruleIds("您说什么时候,您说什么")).containsExactly("r02-nin-shuo-shenme");
    }

    @Test
    void questionMarksCountOnlyAfterAWholeUtterance() {
        assertThat(ruleIds("嗯?")).containsExactly("r02-en");
        assertThat(ruleIds("嗯？")).containsExactly("r02-en");
        assertThat(ruleIds("多少?")).containsExactly("r02-duoshao");
        assertThat(ruleIds("什么?")).containsExactly("r02-shenme");
        assertThat(MATCHER.find("保养费用是多少?")).isEmpty();
        assertThat(MATCHER.find("嗯,好的")).isEmpty();
        assertThat(MATCHER.find("为什么?")).isEmpty();
    }

    @Test
    void overlappingHitsKeepTheLongestThenTheLeftmost() {
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(List.of(
                rule("a", "甲乙"), rule("b", "乙丙丁"), rule("c", "丁戊"), rule("d", "戊己")));
        assertThat(matcher.find("甲乙丙丁戊")).extracting(Hit::ruleId).containsExactly("b");
        assertThat(matcher.find("甲乙丁戊己")).extracting(Hit::ruleId).containsExactly("a", "c");
    }

    @Test
    void duplicatePhrasesAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ForbiddenPhraseMatcher.of(List.of(rule("a", "OK"), rule("b", "ok"))))
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

        String manyHits = "喂!".repeat(500_000);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MATCHER.find(manyHits))).hasSize(500_000);
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

    private static ForbiddenRule rule(String id, String phrase) {
        return new ForbiddenRule(id, 1, phrase, phrase, Severity.WARN, new Phrase("好的", "Fine."), false, List.of());
    }

    @Test
    void hitsCarryTheRuleSuggestionUnfilled() {
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(List.of(new ForbiddenRule("x", 1, "不可能", "Impossible",
                Severity.BLOCK, new Phrase("{centre}会尽快答复", "{centre} will reply"), false, List.of())));
        Hit hit = matcher.find("这不可能").get(0);
        assertThat(hit.suggestion()).isEqualTo("{centre}会尽快答复");
        assertThat(PhraseTemplate.fill(hit.suggestion(), Map.of("centre", "华通"))).isEqualTo("华通会尽快答复");
    }
}
