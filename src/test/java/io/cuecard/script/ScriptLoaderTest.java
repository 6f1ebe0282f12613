package io.cuecard.script;

import io.cuecard.call.Stage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader accepts a minimal script and names the field of every problem it rejects. */
class ScriptLoaderTest {

    /** A small valid script; tests break one thing in it at a time. */
    private static final String MINIMAL = """
            {
              "format": 1,
              "id": "mini",
              "name": "Mini",
              "language": "zh-CN",
              "version": 3,
              "appliesTo": {"direction": "outbound", "queues": [], "campaigns": ["new-car-visit"]},
              "variables": {"centre": "centre name"},
              "stages": [
                {"stage": "greeting", "next": ["conversation"],
                 "phrases": [{"row": 1, "text": "您好,这里是{centre}客服中心", "translation": "Hello, this is {centre}"}]},
                {"stage": "conversation", "next": ["hold"],
                 "phrases": [{"text": "请讲", "translation": "Go ahead"}]},
                {"stage": "hold", "next": ["conversation"],
                 "phrases": [{"text": "请稍等", "translation": "One moment"}]}
              ],
              "forbidden": [
                {"id": "r01-wei", "row": 1, "phrase": "喂", "translation": "Wei?", "severity": "warn",
                 "suggestion": {"text": "您好", "translation": "Hello"}}
              ]
            }
            """;

    private static Script load(String json) {
        return ScriptLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void rejects(UnaryOperator<String> breakIt, String field, String problem) {
        String broken = breakIt.apply(MINIMAL);
        assertThat(broken).as("the test must change the script").isNotEqualTo(MINIMAL);
        assertThatThrownBy(() -> load(broken))
                .isInstanceOfSatisfying(ScriptFormatException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(problem);
    }

    @Test
    void loadsAMinimalScript() {
        Script script = load(MINIMAL);
        assertThat(script.version()).isEqualTo(3);
        assertThat(script.cards()).isEmpty();
        assertThat(script.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.wholeUtteranceOnly()).as("single character defaults to whole utterance").isTrue();
            assertThat(rule.allow()).isEmpty();
        });
        assertThat(script.phraseFor(Stage.GREETING, Map.of()).orElseThrow().text()).isEqualTo("您好,这里是{centre}客服中心");
        assertThat(script.nextStages(Stage.HOLD)).containsExactly(Stage.CONVERSATION);
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThatThrownBy(() -> load("{\"format\": 1,"))
                .isInstanceOf(ScriptFormatException.class).hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> load(MINIMAL + "}"))
                .isInstanceOf(ScriptFormatException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> load(""))
                .isInstanceOf(ScriptFormatException.class).hasMessageContaining("empty script file");
        assertThatThrownBy(() -> load("[]"))
                .isInstanceOf(ScriptFormatException.class).hasMessageContaining("must be a JSON object");
        rejects(s -> s.replace("\"id\": \"mini\",", "\"id\": \"mini\", \"id\": \"again\","), "", "Duplicate field 'id'");
    }

    @Test
    void namesMissingAndMistypedTopLevelFields() {
        rejects(s -> s.replace("\"format\": 1", "\"format\": 2"), "format", "unsupported format 2");
        rejects(s -> s.replace("\"name\": \"Mini\",", ""), "name", "missing");
        rejects(s -> s.replace("\"version\": 3", "\"version\": \"3\""), "version", "must be a whole number");
        rejects(s -> s.replace("\"version\": 3", "\"version\": 0"), "version", "must be 1 or more");
        rejects(s -> s.replace("\"language\": \"zh-CN\"", "\"language\": \" \""), "language", "must not be blank");
        rejects(s -> s.replace("\"name\": \"Mini\"", "\"nmae\": \"Mini\""), "nmae", "unknown field");
        rejects(s -> s.replace("\"outbound\"", "\"sideways\""), "appliesTo.direction", "not inbound or outbound");
        rejects(s -> s.replace("\"campaigns\": [\"new-car-visit\"]", "\"campaigns\": [1]"), "appliesTo.campaigns[0]",
                "non-blank string");
        rejects(s -> s.replace("\"centre\": \"centre name\"", "\"centre-name\": \"x\""), "variables.centre-name",
                "variable names");
    }

    @Test
    void namesStageProblems() {
        rejects(s -> s.replace("\"stage\": \"hold\"", "\"stage\": \"pause\""), "stages[2].stage", "'pause' is not a stage");
        rejects(s -> s.replace("\"stage\": \"hold\"", "\"stage\": \"greeting\""), "stages[2].stage", "listed twice");
        rejects(s -> s.replace("\"next\": [\"hold\"]", "\"next\": [\"closing\"]"), "stages[1].next",
                "'closing' is not defined");
        rejects(s -> s.replace("{\"text\": \"请讲\", \"translation\": \"Go ahead\"}",
                "{\"text\": \"请讲\"}"), "stages[1].phrases[0].translation", "missing");
        rejects(s -> s.replace("{\"text\": \"请讲\", \"translation\": \"Go ahead\"}",
                "{\"after\": \"hold\", \"text\": \"请讲\", \"translation\": \"Go ahead\"}"), "stages[1].phrases",
                "needs one phrase without 'after'");
        rejects(s -> s.replace("{\"text\": \"请稍等\", \"translation\": \"One moment\"}",
                "{\"text\": \"请稍等\", \"translation\": \"One moment\"}, {\"after\": \"greeting\", \"text\": \"x\", \"translation\": \"x\"}"),
                "stages[2].phrases", "needs stage 'greeting' to list 'hold' in next");
        rejects(s -> s.replace("\"stages\": [", "\"stages\": [], \"old\": ["), "old", "unknown field");
    }

    @Test
    void acceptsAResumePhrase() {
        Script script = load(MINIMAL.replace("{\"text\": \"请讲\", \"translation\": \"Go ahead\"}",
                "{\"text\": \"请讲\", \"translation\": \"Go ahead\"}, {\"after\": \"hold\", \"row\": 4, \"text\": \"让您久等了\", \"translation\": \"Sorry to keep you waiting\"}"));
        assertThat(script.phraseFor(Stage.CONVERSATION, Stage.HOLD, Map.of()).orElseThrow().text()).isEqualTo("让您久等了");
    }

    @Test
    void namesUndeclaredVariables() {
        rejects(s -> s.replace("这里是{centre}", "这里是{centre}{hotline}"), "variables",
                "{hotline} is used in stages[greeting] text but not declared");
    }

    @Test
    void namesForbiddenRuleProblems() {
        rejects(s -> s.replace("\"severity\": \"warn\"", "\"severity\": \"loud\""), "forbidden[0].severity",
                "'loud' is not warn or block");
        rejects(s -> s.replace("\"row\": 1, \"phrase\"", "\"phrase\""), "forbidden[0].row", "missing");
        rejects(s -> s.replace("\"severity\": \"warn\"", "\"severity\": \"warn\", \"wholeUtteranceOnly\": false"),
                "forbidden[0].wholeUtteranceOnly", "single-character phrase");
        rejects(s -> s.replace("\"severity\": \"warn\"", "\"severity\": \"warn\", \"allow\": [\"您好\"]"),
                "forbidden[0].allow[0]", "must be longer than and contain '喂'");
        rejects(s -> s.replace("{\"text\": \"您好\", \"translation\": \"Hello\"}", "{\"text\": \"您好\"}"),
                "forbidden[0].suggestion.translation", "missing");
        String second = ",{\"id\": \"%s\", \"row\": 4, \"phrase\": \"%s\", \"translation\": \"x\", \"severity\": \"block\","
                + " \"suggestion\": {\"text\": \"您好\", \"translation\": \"Hello\"}}\n  ]";
        rejects(s -> s.replace("}}\n  ]", "}}" + second.formatted("r01-wei", "我告诉您")), "forbidden[1].id",
                "duplicate rule id 'r01-wei'");
        rejects(s -> s.replace("}}\n  ]", "}}" + second.formatted("r04-wei", "喂")), "forbidden[1].phrase",
                "already the phrase of rule r01-wei");
    }

    @Test
    void theDefaultScriptLoads() {
        assertThat(ScriptLoader.loadDefault().rules()).hasSizeGreaterThan(20);
    }
}
