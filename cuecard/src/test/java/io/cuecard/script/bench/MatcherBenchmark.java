package io.cuecard.script.bench;

import io.cuecard.script.ForbiddenPhraseMatcher;
import io.cuecard.script.ForbiddenRule;
import io.cuecard.script.Phrase;
import io.cuecard.script.ScriptLoader;
import io.cuecard.script.Severity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One forbidden-phrase check ({@link ForbiddenPhraseMatcher#find(String)}) with 5,000 phrases (the default script's
 * rules plus generated Chinese and English phrases) on a mixed Chinese/English call note of 500, 2,000 or 8,000
 * characters that contains a few forbidden phrases and customer quotes. Run by {@link RunMatcherBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatcherBenchmark {

    /** Number of phrases in the matcher. */
    public static final int PHRASES = 5_000;

    @Param({"500", "2000", "8000"})
    public int textLength;

    private ForbiddenPhraseMatcher matcher;
    private String note;

    @Setup
    public void setUp() {
        matcher = ForbiddenPhraseMatcher.of(phrases(PHRASES));
        note = note(textLength);
        if (matcher.find(note).isEmpty()) {
            throw new IllegalStateException("the benchmark note should contain forbidden phrases");
        }
    }

    @Benchmark
    public List<ForbiddenPhraseMatcher.Hit> check() {
        return matcher.find(note);
    }

    /** The default script's rules, then generated 2–6 character Chinese phrases and two-word English phrases. */
    static List<ForbiddenRule> phrases(int count) {
        List<ForbiddenRule> rules = new ArrayList<>(ScriptLoader.loadDefault().rules());
        Set<String> seen = new HashSet<>();
        rules.forEach(rule -> seen.add(rule.phrase()));
        Random random = new Random(42);
        String common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";
        String[] english = {"pump", "gear", "brake", "wheel", "tyre", "oil", "seat", "door", "lamp", "horn", "belt",
                "fuel", "key", "rack", "hub", "axle", "shock", "spark", "valve", "hose"};
        while (rules.size() < count) {
            String phrase;
            if (random.nextInt(10) == 0) {
                phrase = english[random.nextInt(english.length)] + " " + english[random.nextInt(english.length)]
                        + " " + english[random.nextInt(english.length)];
            } else {
                StringBuilder chinese = new StringBuilder();
                int length = 2 + random.nextInt(5);
                for (int i = 0; i < length; i++) {
                    chinese.append(common.charAt(random.nextInt(common.length())));
                }
                phrase = chinese.toString();
            }
            if (seen.add(phrase.replace(" ", ""))) {
                rules.add(new ForbiddenRule("gen-" + rules.size(), 1, phrase, phrase, Severity.WARN,
                        new Phrase("好的", "Fine."), false, List.of()));
            }
        }
        return rules;
    }

    /** A mixed Chinese/English call note of exactly {@code length} chars with a few forbidden phrases in it. */
    static String note(int length) {
        String[] sentences = {
                "客户王先生来电咨询天籁首保时间,已告知行驶5000公里或6个月内到店。",
                "Customer reports the A/C is weak; plate 苏A12345, VIN LGBH52E05CY123456.",
                "坐席回答我不知道,客户要求主管回电,已登记回电任务。",
                "客户说“您说话呀”是上次坐席的原话,已记录。",
                "Booked wheel alignment for Saturday 10am, SMS confirmation sent, OK.",
                "客户询问保养费用,已告知小保养约480元,大保养约1200元,以到店检测为准。",
                "喂,喂,喂,客户没有声音,已按规范挂机并记录。",
                "Customer asked about extended warranty pricing; brochure e-mailed.",
        };
        StringBuilder note = new StringBuilder(length + 100);
        for (int i = 0; note.length() < length; i++) {
            note.append(sentences[i % sentences.length]);
        }
        return note.substring(0, length);
    }
}
