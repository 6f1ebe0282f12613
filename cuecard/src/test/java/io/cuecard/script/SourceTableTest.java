package io.cuecard.script;

import com.ibm.icu.text.Transliterator;
import io.cuecard.script.ForbiddenPhraseMatcher.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of source-001's 24-situation table (附件2): each forbidden phrase, as the source writes it, is found by
 * the Simplified and the Traditional Chinese scripts, in Simplified and Traditional form, with spaces between its
 * characters, and in full-width form.
 */
class SourceTableTest {

    /** Row → the forbidden phrases of that row, verbatim from source-001 (one entry per quoted phrase or clause). */
    static final Map<Integer, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry(1, List.of("讲", "说话", "我听的见", "喂")),
            Map.entry(2, List.of("您说话呀", "说话", "您说什么?", "嗯?", "多少?", "什么?")),
            Map.entry(3, List.of("我问一下吧", "我不知道,我给您问一下吧")),
            Map.entry(4, List.of("我告诉您", "我查了一下", "喂", "您记一下。")),
            Map.entry(5, List.of("喂", "我不是正在给您查那吗?", "您等会不行呀!")),
            Map.entry(6, List.of("喂,喂,喂", "您听见没有")),
            Map.entry(8, List.of("等会儿,我这就给您转过去。")),
            Map.entry(9, List.of("不在/他忙着呢,您待会再找他吧。")),
            Map.entry(11, List.of("您的意思我不懂", "您到底让我们怎么办?")),
            Map.entry(12, List.of("您自己的车辆,您不知道出厂编号在哪?", "我不知道,您自己找一下吧!",
                    "您不知道出厂编号在哪儿吗?")), // then "我告诉您,就在": row 4's 我告诉您; 就在 alone is harmless
            Map.entry(13, List.of("您说什么呀!", "您会不会讲普通话呀!", "我听不懂")),
            Map.entry(14, List.of("OK", "GOOD", "THANK", "BYEBYE", "GOODBYE。")),
            Map.entry(15, List.of("这是设计原因,我无能为力。", "内在质量问题造成的,我们无法解决。",
                    "这样型号的产品就这样,我们帮助不了您。")),
            Map.entry(16, List.of("不可能,您的要求我们做不到。", "您说的不可能。", "这个我们办不到。")),
            Map.entry(17, List.of("喂")),
            Map.entry(18, List.of("您得给我们处理时间呀!", "我们处理也得有个过程吧!")),
            Map.entry(19, List.of("我不知道,您找吧。")),
            Map.entry(20, List.of("您有多大的事还用找领导,和我讲就可以了。")),
            Map.entry(21, List.of("我们公司所有产品都这样,没办法解决")));

    /** Rows whose 服务禁语 column forbids a behaviour, not words (or, row 23, has nothing). */
    static final Set<Integer> BEHAVIOUR_ONLY = Set.of(7, 10, 22, 23, 24);

    /** Sentence-final particles the coverage check does not insist on (您会不会讲普通话 is the rule, 呀 may follow). */
    private static final String TRAILING_PARTICLES = "呀啊吗呢吧儿嗎兒";

    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");

    static Stream<Arguments> forbiddenPhrases() {
        List<Arguments> arguments = new ArrayList<>();
        FORBIDDEN.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(row -> row.getValue().forEach(phrase -> arguments.add(Arguments.of(row.getKey(), phrase))));
        return arguments.stream();
    }

    @Test
    void theTableCoversAllTwentyFourRows() {
        Set<Integer> rows = new TreeSet<>(FORBIDDEN.keySet());
        rows.addAll(BEHAVIOUR_ONLY);
        assertThat(rows).hasSize(24).first().isEqualTo(1);
        assertThat(rows).last().isEqualTo(24);
    }

    @ParameterizedTest(name = "row {0}: {1}")
    @MethodSource("forbiddenPhrases")
    void isFoundInEveryForm(int row, String phrase) {
        for (String scriptId : List.of("inbound.zh-CN", "inbound.zh-TW", "outbound.zh-CN", "return-visit.zh-TW",
                "inbound.ko")) {
            if (scriptId.endsWith("ko") && row != 14) {
                continue; // the Korean script forbids row 14's English words, its other phrases are Korean
            }
            ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(ShippedScriptsTest.byId(scriptId));
            String simplified = phrase;
            String traditional = traditional(phrase);
            for (String form : List.of(simplified, traditional, spaced(simplified), spaced(traditional),
                    fullWidth(simplified), fullWidth(traditional), fullWidth(spaced(traditional)))) {
                assertCovered(matcher, scriptId, form);
            }
        }
    }

    @Test
    void behaviourRowsHaveTheirStandardPhraseInEveryScript() {
        for (Script script : ShippedScriptsTest.SHIPPED) {
            Set<Integer> rows = new TreeSet<>();
            script.stages().forEach(stage -> { if (stage.row() != null) rows.add(stage.row()); });
            script.cards().forEach(card -> rows.add(card.row()));
            assertThat(rows).as(script.id()).containsAll(BEHAVIOUR_ONLY);
        }
    }

    @Test
    void theHitNamesRuleRowSeveritySuggestionAndExactSpan() {
        ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(ShippedScriptsTest.byId("inbound.zh-CN"));
        String note = "客户问进度,坐席答:您得给我们处理时间呀!";
        assertThat(matcher.find(note)).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("r18-nin-dei-gei-women-shijian");
            assertThat(hit.row()).isEqualTo(18);
            assertThat(hit.severity()).isEqualTo(Severity.BLOCK);
            assertThat(hit.suggestion()).startsWith("{surname}{honorific},我们这里已经有了您反映的问题的记录");
            assertThat(note.substring(hit.start(), hit.end())).isEqualTo("您得给我们处理时间");
        });
    }

    /** Every letter of the phrase (but trailing particles) lies in a hit, and every hit lies in the phrase. */
    private static void assertCovered(ForbiddenPhraseMatcher matcher, String scriptId, String phrase) {
        String prefix = "记录:";
        String text = prefix + phrase + "。";
        List<Hit> hits = matcher.find(text);
        assertThat(hits).as(scriptId + " finds something in " + text).isNotEmpty();
        int end = text.length() - 1;
        while (end > prefix.length() && (!Character.isLetterOrDigit(text.charAt(end - 1))
                || TRAILING_PARTICLES.indexOf(text.charAt(end - 1)) >= 0)) {
            end--;
        }
        for (int i = prefix.length(); i < end; i++) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                continue;
            }
            int at = i;
            assertThat(hits).as(scriptId + ": char " + at + " '" + text.charAt(at) + "' of " + text + " is in a hit: " + hits)
                    .anyMatch(hit -> hit.start() <= at && at < hit.end());
        }
        for (Hit hit : hits) {
            assertThat(hit.start()).as(text).isGreaterThanOrEqualTo(prefix.length());
            assertThat(hit.end()).as(text).isLessThanOrEqualTo(text.length() - 1);
        }
    }

    private static String traditional(String simplified) {
        return TO_TRADITIONAL.transliterate(simplified).replace("甚麼", "什麼");
    }

    private static String spaced(String phrase) {
        StringBuilder spaced = new StringBuilder();
        phrase.codePoints().forEach(cp -> spaced.append(spaced.isEmpty() ? "" : " ").appendCodePoint(cp));
        return spaced.toString();
    }

    private static String fullWidth(String phrase) {
        UnaryOperator<String> widen = s -> {
            StringBuilder wide = new StringBuilder();
            s.chars().forEach(c -> wide.append(c == ' ' ? '\u3000' : c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : (char) c));
            return wide.toString();
        };
        return widen.apply(phrase);
    }
}
