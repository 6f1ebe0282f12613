package io.cuecard.script;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.Direction;
import io.cuecard.call.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a script file (format described in {@code docs/script-format.md}) and checks it completely before
 * anything uses it: every problem is a {@link ScriptFormatException} naming the field, e.g.
 * {@code stages[2].phrases[0].text: missing}. Unknown fields are rejected too, so a misspelt field is not
 * silently ignored.
 */
public final class ScriptLoader {

    /** The format version this loader reads. */
    public static final int FORMAT = 1;

    /** Classpath location of the script shipped with Cuecard. */
    public static final String DEFAULT_RESOURCE = "/script/default-inbound.zh-CN.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ScriptLoader() {
    }

    /** The script shipped with Cuecard ({@value #DEFAULT_RESOURCE}). */
    public static Script loadDefault() {
        try (InputStream in = ScriptLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default script " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks a script: one JSON document, nothing after it. The caller closes the stream.
     *
     * @throws ScriptFormatException if the content is not valid JSON or not a valid script
     * @throws UncheckedIOException  if the stream cannot be read
     */
    public static Script load(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ScriptFormatException("", "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ScriptFormatException("", "empty script file");
        }
        return readScript(new Fields(root, ""));
    }

    private static Script readScript(Fields script) {
        script.only("format", "id", "name", "language", "version", "appliesTo", "variables", "stages", "cards",
                "forbidden");
        int format = script.integer("format");
        if (format != FORMAT) {
            throw script.fail("format", "unsupported format " + format + " (this version of Cuecard reads " + FORMAT + ")");
        }
        String id = script.text("id");
        String name = script.text("name");
        String language = script.text("language");
        int version = script.integer("version");
        if (version < 1) {
            throw script.fail("version", "must be 1 or more");
        }
        AppliesTo appliesTo = readAppliesTo(script.object("appliesTo"));
        Map<String, String> variables = readVariables(script.object("variables"));

        Map<Stage, List<Stage>> flow = new LinkedHashMap<>();
        List<StagePhrase> phrases = new ArrayList<>();
        List<Fields> stageFields = script.array("stages", true);
        for (Fields stage : stageFields) {
            readStage(stage, flow, phrases);
        }
        checkFlow(stageFields, flow, phrases);

        List<SituationCard> cards = new ArrayList<>();
        Set<String> cardIds = new HashSet<>();
        for (Fields card : script.optionalArray("cards")) {
            SituationCard read = readCard(card, flow.keySet());
            if (!cardIds.add(read.id())) {
                throw card.fail("id", "duplicate card id '" + read.id() + "'");
            }
            cards.add(read);
        }

        List<ForbiddenRule> rules = new ArrayList<>();
        Map<String, String> ruleIdByPhrase = new HashMap<>();
        Set<String> ruleIds = new HashSet<>();
        for (Fields rule : script.optionalArray("forbidden")) {
            ForbiddenRule read = readRule(rule);
            if (!ruleIds.add(read.id())) {
                throw rule.fail("id", "duplicate rule id '" + read.id() + "'");
            }
            String earlier = ruleIdByPhrase.putIfAbsent(FoldedText.of(read.phrase()).folded(), read.id());
            if (earlier != null) {
                throw rule.fail("phrase", "'" + read.phrase() + "' is already the phrase of rule " + earlier);
            }
            rules.add(read);
        }
        checkVariables(script, variables, phrases, cards, rules);
        return new Script(id, name, language, version, appliesTo, variables, flow, phrases, cards, rules);
    }

    private static AppliesTo readAppliesTo(Fields appliesTo) {
        appliesTo.only("direction", "queues", "campaigns");
        String direction = appliesTo.text("direction");
        Direction parsed = Arrays.stream(Direction.values()).filter(d -> d.json().equals(direction)).findFirst()
                .orElseThrow(() -> appliesTo.fail("direction", "'" + direction + "' is not inbound or outbound"));
        return new AppliesTo(parsed, appliesTo.texts("queues"), appliesTo.texts("campaigns"));
    }

    private static Map<String, String> readVariables(Fields variables) {
        Map<String, String> read = new LinkedHashMap<>();
        for (String name : variables.names()) {
            if (!PhraseTemplate.isVariableName(name)) {
                throw variables.fail(name, "variable names are a letter followed by letters or digits");
            }
            read.put(name, variables.text(name));
        }
        return read;
    }

    private static void readStage(Fields stage, Map<Stage, List<Stage>> flow, List<StagePhrase> phrases) {
        stage.only("stage", "next", "phrases");
        Stage name = stage.stage("stage");
        if (flow.containsKey(name)) {
            throw stage.fail("stage", "stage '" + name.json() + "' is listed twice");
        }
        List<Stage> next = new ArrayList<>();
        for (String value : stage.texts("next")) {
            Stage parsed = parseStage(stage, "next", value);
            if (next.contains(parsed)) {
                throw stage.fail("next", "'" + value + "' is listed twice");
            }
            next.add(parsed);
        }
        flow.put(name, next);
        Set<Stage> afters = new HashSet<>();
        boolean ownPhrase = false;
        for (Fields phrase : stage.array("phrases", true)) {
            phrase.only("after", "row", "text", "translation");
            Stage after = phrase.has("after") ? phrase.stage("after") : null;
            if (after == null) {
                if (ownPhrase) {
                    throw phrase.fail("after", "the stage already has a phrase without 'after'");
                }
                ownPhrase = true;
            } else if (!afters.add(after)) {
                throw phrase.fail("after", "the stage already has a phrase after '" + after.json() + "'");
            }
            phrases.add(new StagePhrase(name, after, phrase.optionalRow("row"), phrase.text("text"),
                    phrase.text("translation")));
        }
        if (!ownPhrase) {
            throw stage.fail("phrases", "needs one phrase without 'after' (the stage's own phrase)");
        }
    }

    private static void checkFlow(List<Fields> stageFields, Map<Stage, List<Stage>> flow, List<StagePhrase> phrases) {
        int index = 0;
        for (Map.Entry<Stage, List<Stage>> stage : flow.entrySet()) {
            for (Stage next : stage.getValue()) {
                if (!flow.containsKey(next)) {
                    throw stageFields.get(index).fail("next", "stage '" + next.json() + "' is not defined in this script");
                }
            }
            index++;
        }
        for (StagePhrase phrase : phrases) {
            if (phrase.after() != null && !flow.getOrDefault(phrase.after(), List.of()).contains(phrase.stage())) {
                int stageIndex = new ArrayList<>(flow.keySet()).indexOf(phrase.stage());
                throw stageFields.get(stageIndex).fail("phrases", "a phrase after '" + phrase.after().json()
                        + "' needs stage '" + phrase.after().json() + "' to list '" + phrase.stage().json() + "' in next");
            }
        }
    }

    private static SituationCard readCard(Fields card, Set<Stage> defined) {
        card.only("id", "row", "situation", "situationTranslation", "stages", "text", "translation");
        List<Stage> stages = new ArrayList<>();
        for (String value : card.texts("stages")) {
            Stage stage = parseStage(card, "stages", value);
            if (!defined.contains(stage)) {
                throw card.fail("stages", "stage '" + value + "' is not defined in this script");
            }
            stages.add(stage);
        }
        return new SituationCard(card.text("id"), card.optionalRow("row"), card.text("situation"),
                card.text("situationTranslation"), stages, card.text("text"), card.text("translation"));
    }

    private static ForbiddenRule readRule(Fields rule) {
        rule.only("id", "row", "phrase", "translation", "severity", "wholeUtteranceOnly", "suggestion", "allow");
        String id = rule.text("id");
        Integer row = rule.optionalRow("row");
        if (row == null) {
            throw rule.fail("row", "missing");
        }
        String phrase = rule.text("phrase");
        String severityValue = rule.text("severity");
        Severity severity = Severity.fromJson(severityValue);
        if (severity == null) {
            throw rule.fail("severity", "'" + severityValue + "' is not warn or block");
        }
        boolean singleCharacter = phrase.codePointCount(0, phrase.length()) == 1;
        boolean wholeUtterance = rule.has("wholeUtteranceOnly") ? rule.bool("wholeUtteranceOnly") : singleCharacter;
        if (singleCharacter && !wholeUtterance) {
            throw rule.fail("wholeUtteranceOnly", "a single-character phrase can only match as a whole utterance");
        }
        Fields suggestion = rule.object("suggestion");
        suggestion.only("text", "translation");
        String folded = FoldedText.of(phrase).folded();
        List<String> allow = rule.has("allow") ? rule.texts("allow") : List.of();
        for (int i = 0; i < allow.size(); i++) {
            String allowed = allow.get(i);
            if (!FoldedText.of(allowed).folded().contains(folded) || allowed.equals(phrase)) {
                throw rule.fail("allow[" + i + "]", "'" + allowed + "' must be longer than and contain '" + phrase + "'");
            }
        }
        return new ForbiddenRule(id, row, phrase, rule.text("translation"), severity,
                new Phrase(suggestion.text("text"), suggestion.text("translation")), wholeUtterance, allow);
    }

    private static void checkVariables(Fields script, Map<String, String> declared, List<StagePhrase> phrases,
                                       List<SituationCard> cards, List<ForbiddenRule> rules) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (StagePhrase phrase : phrases) {
            String where = "stages[" + phrase.stage().json() + "]" + (phrase.after() == null ? "" : " after " + phrase.after().json());
            texts.put(where + " text", phrase.text());
            texts.put(where + " translation", phrase.translation());
        }
        for (SituationCard card : cards) {
            texts.put("cards[" + card.id() + "] text", card.text());
            texts.put("cards[" + card.id() + "] translation", card.translation());
        }
        for (ForbiddenRule rule : rules) {
            texts.put("forbidden[" + rule.id() + "] suggestion", rule.suggestion().text());
            texts.put("forbidden[" + rule.id() + "] suggestion translation", rule.suggestion().translation());
        }
        texts.forEach((where, text) -> {
            for (String variable : PhraseTemplate.variablesIn(text)) {
                if (!declared.containsKey(variable)) {
                    throw script.fail("variables", "{" + variable + "} is used in " + where + " but not declared");
                }
            }
        });
    }

    private static Stage parseStage(Fields fields, String field, String value) {
        try {
            return Stage.fromJson(value);
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(Stage.values()).map(Stage::json).collect(Collectors.joining(", "));
            throw fields.fail(field, "'" + value + "' is not a stage (one of " + known + ")");
        }
    }

    /** One JSON object of the script and its path, with typed, path-naming accessors. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
            if (!node.isObject()) {
                throw new ScriptFormatException(path.isEmpty() ? "" : path, "must be a JSON object");
            }
        }

        ScriptFormatException fail(String field, String problem) {
            return new ScriptFormatException(path.isEmpty() ? field : path + "." + field, problem);
        }

        void only(String... known) {
            Set<String> allowed = Set.of(known);
            for (String name : names()) {
                if (!allowed.contains(name)) {
                    throw fail(name, "unknown field (expected one of " + String.join(", ", known) + ")");
                }
            }
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            return names;
        }

        boolean has(String field) {
            return node.has(field) && !node.get(field).isNull();
        }

        private JsonNode required(String field) {
            if (!has(field)) {
                throw fail(field, "missing");
            }
            return node.get(field);
        }

        String text(String field) {
            JsonNode value = required(field);
            if (!value.isTextual()) {
                throw fail(field, "must be a string");
            }
            if (value.asText().isBlank()) {
                throw fail(field, "must not be blank");
            }
            return value.asText();
        }

        int integer(String field) {
            JsonNode value = required(field);
            if (!value.isInt()) {
                throw fail(field, "must be a whole number");
            }
            return value.intValue();
        }

        Integer optionalRow(String field) {
            if (!has(field)) {
                return null;
            }
            int row = integer(field);
            if (row < 1) {
                throw fail(field, "must be 1 or more");
            }
            return row;
        }

        boolean bool(String field) {
            JsonNode value = required(field);
            if (!value.isBoolean()) {
                throw fail(field, "must be true or false");
            }
            return value.booleanValue();
        }

        Stage stage(String field) {
            return parseStage(this, field, text(field));
        }

        Fields object(String field) {
            return new Fields(required(field), childPath(field));
        }

        List<String> texts(String field) {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw fail(field, "must be an array of strings");
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isTextual() || element.asText().isBlank()) {
                    throw fail(field + "[" + i + "]", "must be a non-blank string");
                }
                texts.add(element.asText());
            }
            return texts;
        }

        List<Fields> array(String field, boolean nonEmpty) {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw fail(field, "must be an array");
            }
            if (nonEmpty && value.isEmpty()) {
                throw fail(field, "must not be empty");
            }
            List<Fields> elements = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                elements.add(new Fields(value.get(i), childPath(field) + "[" + i + "]"));
            }
            return elements;
        }

        List<Fields> optionalArray(String field) {
            return has(field) ? array(field, false) : List.of();
        }

        private String childPath(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }
    }
}
