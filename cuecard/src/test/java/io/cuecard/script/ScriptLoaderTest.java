package io.cuecard.script;

import io.cuecard.call.Stage;
import io.cuecard.script.ScriptFormatException.FieldError;
import io.cuecard.script.ScriptLoader.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader reads JSON and YAML, round-trips with the writer, and reports every problem field by field. */
class ScriptLoaderTest {

    /** A small valid script; tests break things in it. */
    private static final String MINIMAL = """
            {
              "format": 2,
              "id": "mini",
              "name": "Mini",
              "language": "zh-CN",
              "version": 3,
              "appliesTo": {"direction": "outbound", "queues": [], "campaigns": ["new-car-visit"]},
              "variables": {"centre": "centre name"},
              "stages": [
                {"id": "greeting", "callStage": "greeting", "row": 1, "text": "您好,这里是{centre}客服中心",
                 "translation": "Hello, this is {centre}", "next": ["identity-check"]},
                {"id": "identity-check", "callStage": "greeting", "text": "您是李先生吗?", "translation": "Are you Mr Li?",
                 "next": ["conversation"]},
                {"id": "conversation", "callStage": "conversation", "text": "请讲", "translation": "Go ahead", "next": ["hold"]},
                {"id": "hold", "callStage": "hold", "text": "请稍等", "translation": "One moment", "next": ["resume"]},
                {"id": "resume", "callStage": "conversation", "after": "hold", "text": "让您久等了",
                 "translation": "Sorry to keep you waiting", "next": ["hold"]}
              ],
              "forbidden": [
                {"id": "r01-wei", "row": 1, "phrase": "喂", "translation": "Wei?", "severity": "warn",
                 "suggestion": {"text": "您好", "translation": "Hello"}}
              ]
            }
            """;

    private static Script load(String text, Format format) {
        return ScriptLoader.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format);
    }

    private static ScriptFormatException rejected(UnaryOperator<String> breakIt) {
        String broken = breakIt.apply(MINIMAL);
        assertThat(broken).as("the test must change the script").isNotEqualTo(MINIMAL);
        try {
            load(broken, Format.JSON);
        } catch (ScriptFormatException e) {
            return e;
        }
        throw new AssertionError("accepted: " + broken);
    }

    @Test
    void readsAMinimalScript() {
        Script script = load(MINIMAL, Format.JSON);
        assertThat(script.id()).isEqualTo("mini");
        assertThat(script.version()).isEqualTo(3);
        assertThat(script.stagesFor(Stage.GREETING)).extracting(ScriptStage::id).containsExactly("greeting", "identity-check");
        assertThat(script.nextStages(Stage.GREETING)).containsExactly(Stage.CONVERSATION);
        assertThat(script.nextStages(Stage.HOLD)).containsExactly(Stage.CONVERSATION);
        assertThat(script.phraseFor(Stage.CONVERSATION, Stage.HOLD, Map.of()).orElseThrow().text()).isEqualTo("让您久等了");
        assertThat(script.customerQuoteMarkers()).containsExactly("客户说", "客户称");
        assertThat(script.holidayGreeting()).isNull();
    }

    @ParameterizedTest
    @MethodSource("io.cuecard.script.ShippedScriptsTest#shipped")
    void everyShippedScriptRoundTripsThroughJsonAndYaml(Script script) {
        String json = ScriptWriter.write(script, Format.JSON);
        String yaml = ScriptWriter.write(script, Format.YAML);
        assertThat(load(json, Format.JSON)).isEqualTo(script);
        assertThat(load(yaml, Format.YAML)).isEqualTo(script);
        assertThat(yaml).doesNotStartWith("{").contains("callStage: greeting");
    }

    @Test
    void readsYamlWrittenByHand() {
        String yaml = """
                format: 2
                id: mini-yaml
                name: Mini
                language: en
                version: 1
                appliesTo: {direction: inbound, queues: ["*"], campaigns: []}
                variables: {hotline: hotline number}
                stages:
                  - id: greeting
                    callStage: greeting
                    text: "Hello, call {hotline} any time"
                    translation: "Hello, call {hotline} any time"
                forbidden:
                  - {id: r14-x, row: 14, phrase: "No way", translation: No way, severity: block,
                     suggestion: {text: "Certainly", translation: "Certainly"}}
                customerQuoteMarkers: [the customer said]
                """;
        Script script = load(yaml, Format.YAML);
        assertThat(script.rules()).singleElement().extracting(ForbiddenRule::severity).isEqualTo(Severity.BLOCK);
        assertThat(ForbiddenPhraseMatcher.of(script).find("no-way!")).hasSize(1);
        assertThat(ForbiddenPhraseMatcher.of(script).find("The customer said no way.")).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceFieldByField() {
        ScriptFormatException e = rejected(s -> s
                .replace("\"name\": \"Mini\",", "")
                .replace("\"version\": 3", "\"version\": 0")
                .replace("\"callStage\": \"hold\"", "\"callStage\": \"on-hold\"")
                .replace("\"severity\": \"warn\"", "\"severity\": \"loud\"")
                .replace("\"next\": [\"conversation\"]", "\"next\": [\"conversation\", \"closing\"]")
                .replace("\"translation\": \"Go ahead\"", "\"translation\": \"Go ahead {agentNo}\""));
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "name", "version", "stages[3].callStage", "stages[1].next[1]", "forbidden[0].severity", "variables");
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo("stages[3].callStage");
            assertThat(error.message()).contains("'on-hold' is not a call stage");
        });
        assertThat(e.errors()).anySatisfy(error -> assertThat(error.message())
                .isEqualTo("{agentNo} is used in stages[conversation].translation but not declared"));
        assertThat(e.getMessage()).contains("name: missing").contains("version: must be 1 or more");
        assertThat(e.field()).isEqualTo(e.errors().get(0).field());
    }

    @Test
    void rejectsUnknownFieldsDuplicatesAndBadRules() {
        assertThat(rejected(s -> s.replace("\"format\": 2,", "\"format\": 2, \"colour\": \"red\",")).errors())
                .extracting(FieldError::field).containsExactly("colour");
        assertThat(rejected(s -> s.replace("\"id\": \"hold\"", "\"id\": \"conversation\"")).errors())
                .extracting(FieldError::field).contains("stages[3].id");
        assertThat(rejected(s -> s.replace("\"phrase\": \"喂\"", "\"phrase\": \"喂\", \"wholeUtteranceOnly\": false"))
                .errors()).extracting(FieldError::field).containsExactly("forbidden[0].wholeUtteranceOnly");
        assertThat(rejected(s -> s.replace("\"phrase\": \"喂\"", "\"phrase\": \"喂\", \"allow\": [\"您好\"]"))
                .errors()).extracting(FieldError::field).containsExactly("forbidden[0].allow[0]");
        assertThat(rejected(s -> s.replace("\"after\": \"hold\"", "\"after\": \"hold\", \"event\": \"long-hold\""))
                .errors()).extracting(FieldError::field).contains("stages[4].event");
        assertThat(rejected(s -> s.replace("\"format\": 2", "\"format\": 1")).errors())
                .singleElement().satisfies(error -> assertThat(error.message()).contains("unsupported format 1"));
        assertThat(rejected(s -> s.replace("\"id\": \"mini\"", "\"id\": \"mini\", \"id\": \"maxi\"")).getMessage())
                .contains("not valid JSON").contains("Duplicate field 'id'");
        assertThat(rejected(s -> s.replace("\"forbidden\": [", "\"forbidden\": [{\"id\": \"r01-wei2\", \"row\": 1, "
                + "\"phrase\": \"餵\", \"translation\": \"Wei\", \"severity\": \"warn\", "
                + "\"suggestion\": {\"text\": \"您好\", \"translation\": \"Hello\"}},")).errors())
                .extracting(FieldError::field).as("喂 and 餵 fold to the same phrase").containsExactly("forbidden[1].phrase");
    }

    @Test
    void rejectsBrokenDocuments() {
        assertThatThrownBy(() -> load("{\"format\": 2,", Format.JSON)).isInstanceOf(ScriptFormatException.class)
                .hasMessageStartingWith("not valid JSON at line 1");
        assertThatThrownBy(() -> load("format: [2\n", Format.YAML)).isInstanceOf(ScriptFormatException.class)
                .hasMessageStartingWith("not valid YAML");
        assertThatThrownBy(() -> load("", Format.JSON)).isInstanceOf(ScriptFormatException.class)
                .hasMessage("empty script file");
        assertThatThrownBy(() -> load("[1, 2]", Format.JSON)).isInstanceOf(ScriptFormatException.class)
                .hasMessage("must be an object");
    }

    @Test
    void formatsAreNamedOrGivenAsMediaTypes() {
        assertThat(Format.of("yaml")).isEqualTo(Format.YAML);
        assertThat(Format.of("application/yaml")).isEqualTo(Format.YAML);
        assertThat(Format.of("yml")).isEqualTo(Format.YAML);
        assertThat(Format.of("application/json; charset=utf-8")).isEqualTo(Format.JSON);
        assertThatThrownBy(() -> Format.of("xml")).isInstanceOf(IllegalArgumentException.class);
    }
}
