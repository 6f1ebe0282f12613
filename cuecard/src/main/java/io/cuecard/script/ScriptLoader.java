package io.cuecard.script;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cuecard.call.Direction;
import io.cuecard.call.Stage;
import io.cuecard.script.ScriptFormatException.FieldError;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a script file (format 2, described in {@code docs/script-format.md}) as JSON or YAML and checks it
 * completely before anything uses it. All problems are reported together in one {@link ScriptFormatException},
 * each naming its field, e.g. {@code stages[2].text: missing}. Unknown fields are rejected too, so a misspelt
 * field is not silently ignored.
 */
public final class ScriptLoader {

    /** The file formats a script is read from and written to. */
    public enum Format {
        JSON, YAML;

        /** The format for a name such as {@code json}, {@code yaml}/{@code yml}, or a media type such as {@code application/yaml}. */
        public static Format of(String nameOrMediaType) {
            String value = nameOrMediaType == null ? "" : nameOrMediaType.toLowerCase(Locale.ROOT);
            if (value.contains("yaml") || value.contains("yml")) {
                return YAML;
            }
            if (value.contains("json")) {
                return JSON;
            }
            throw new IllegalArgumentException("'" + nameOrMediaType + "' is neither JSON nor YAML");
        }
    }

    /** The format version this loader reads. */
    public static final int FORMAT = 2;

    /** Classpath location of the default script (inbound service, Simplified Chinese). */
    public static final String DEFAULT_RESOURCE = "/script/inbound.zh-CN.json";

    /** Classpath location of the index of all shipped scripts (a JSON array of resource names beside it). */
    public static final String INDEX_RESOURCE = "/script/index.json";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new YAMLMapper());

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private ScriptLoader() {
    }

    /** The default script ({@value #DEFAULT_RESOURCE}). */
    public static Script loadDefault() {
        return loadResource(DEFAULT_RESOURCE);
    }

    /** Every shipped script, in the order of {@value #INDEX_RESOURCE}. */
    public static List<Script> loadShipped() {
        JsonNode index;
        try (InputStream in = resource(INDEX_RESOURCE)) {
            index = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Script> scripts = new ArrayList<>();
        for (JsonNode entry : index.get("scripts")) {
            scripts.add(loadResource("/script/" + entry.asText()));
        }
        return scripts;
    }

    /** The script at a classpath location, JSON or YAML by its file name. */
    public static Script loadResource(String resource) {
        try (InputStream in = resource(resource)) {
            return load(in, resource.endsWith(".yaml") || resource.endsWith(".yml") ? Format.YAML : Format.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String resource) {
        InputStream in = ScriptLoader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("script resource " + resource + " is not on the classpath");
        }
        return in;
    }

    /** Reads and checks a JSON script; see {@link #load(InputStream, Format)}. */
    public static Script load(InputStream in) {
        return load(in, Format.JSON);
    }

    /**
     * Reads and checks a script: one JSON or YAML document, nothing after it. The caller closes the stream.
     *
     * @throws ScriptFormatException listing every problem if the content is not valid JSON/YAML or not a valid script
     * @throws UncheckedIOException  if the stream cannot be read
     */
    public static Script load(InputStream in, Format format) {
        JsonNode root;
        try {
            root = (format == Format.YAML ? YAML : JSON).readTree(in);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ScriptFormatException("", "not valid " + format + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScriptFormatException("", "empty script file");
        }
        return read(root);
    }

    /** Checks a script given as a JSON tree (e.g. a request body already parsed). */
    public static Script read(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        Script script = new Reader(errors).script(new Fields(root, "", errors));
        if (!errors.isEmpty()) {
            throw new ScriptFormatException(errors);
        }
        return script;
    }

    /** Reads one script, recording every problem in {@code errors} and going on where it can. */
    private static final class Reader {
        private final List<FieldError> errors;

        Reader(List<FieldError> errors) {
            this.errors = errors;
        }

        Script script(Fields script) {
            if (!script.isObject()) {
                return null;
            }
            script.only("format", "id", "name", "language", "version", "appliesTo", "variables", "stages", "cards",
                    "forbidden", "holidayGreeting", "customerQuoteMarkers");
            Integer format = script.integer("format");
            if (format != null && format != FORMAT) {
                script.fail("format", "unsupported format " + format + " (this version of Cuecard reads " + FORMAT
                        + "; see docs/script-format.md to migrate a format-1 file)");
                return null;
            }
            String id = script.text("id");
            if (id != null && !ID.matcher(id).matches()) {
                script.fail("id", "use 1–80 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            String name = script.text("name");
            String language = script.text("language");
            if (language != null && Locale.forLanguageTag(language).getLanguage().isEmpty()) {
                script.fail("language", "'" + language + "' is not a BCP 47 language tag such as zh-CN, en, ko");
            }
            Integer version = script.integer("version");
            if (version != null && version < 1) {
                script.fail("version", "must be 1 or more");
            }
            AppliesTo appliesTo = appliesTo(script.object("appliesTo"));
            Map<String, String> variables = variables(script.object("variables"));
            List<ScriptStage> stages = stages(script.array("stages", true));
            Set<Stage> callStages = stages.stream().map(ScriptStage::callStage).collect(Collectors.toSet());
            List<SituationCard> cards = new ArrayList<>();
            Set<String> cardIds = new HashSet<>();
            for (Fields card : script.optionalArray("cards")) {
                SituationCard read = card(card, callStages);
                if (read != null && !cardIds.add(read.id())) {
                    card.fail("id", "duplicate card id '" + read.id() + "'");
                }
                if (read != null) {
                    cards.add(read);
                }
            }
            List<ForbiddenRule> rules = rules(script.optionalArray("forbidden"));
            Phrase holidayGreeting = script.has("holidayGreeting") ? phrase(script.object("holidayGreeting")) : null;
            List<String> markers = script.has("customerQuoteMarkers") ? script.texts("customerQuoteMarkers")
                    : ForbiddenPhraseMatcher.DEFAULT_QUOTE_MARKERS;
            if (variables != null) {
                checkVariables(script, variables, stages, cards, rules, holidayGreeting);
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new Script(id, name, language, version, appliesTo, variables, stages, cards, rules,
                    holidayGreeting, markers);
        }

        private AppliesTo appliesTo(Fields appliesTo) {
            if (appliesTo == null) {
                return null;
            }
            appliesTo.only("direction", "queues", "campaigns");
            String direction = appliesTo.text("direction");
            Direction parsed = null;
            if (direction != null) {
                parsed = Arrays.stream(Direction.values()).filter(d -> d.json().equals(direction)).findFirst()
                        .orElse(null);
                if (parsed == null) {
                    appliesTo.fail("direction", "'" + direction + "' is not inbound or outbound");
                }
            }
            List<String> queues = appliesTo.texts("queues");
            List<String> campaigns = appliesTo.texts("campaigns");
            return parsed == null || queues == null || campaigns == null ? null
                    : new AppliesTo(parsed, queues, campaigns);
        }

        private Map<String, String> variables(Fields variables) {
            if (variables == null) {
                return null;
            }
            Map<String, String> read = new LinkedHashMap<>();
            for (String name : variables.names()) {
                if (!PhraseTemplate.isVariableName(name)) {
                    variables.fail(name, "variable names are a letter followed by letters or digits");
                }
                read.put(name, variables.text(name));
            }
            return read;
        }

        private List<ScriptStage> stages(List<Fields> stageFields) {
            List<ScriptStage> stages = new ArrayList<>();
            Map<String, Fields> byId = new LinkedHashMap<>();
            Set<String> variants = new HashSet<>();
            for (Fields stage : stageFields) {
                if (!stage.isObject()) {
                    continue;
                }
                stage.only("id", "callStage", "after", "event", "row", "text", "translation", "next");
                String id = stage.text("id");
                if (id != null && !ID.matcher(id).matches()) {
                    stage.fail("id", "use letters, digits, '.', '_' or '-'");
                } else if (id != null && byId.putIfAbsent(id, stage) != null) {
                    stage.fail("id", "stage id '" + id + "' is used twice");
                }
                Stage callStage = stage.has("callStage") ? stage.callStage("callStage") : missing(stage, "callStage");
                Stage after = stage.has("after") ? stage.callStage("after") : null;
                StageEvent event = null;
                if (stage.has("event")) {
                    String value = stage.text("event");
                    event = value == null ? null : StageEvent.fromJson(value);
                    if (value != null && event == null) {
                        stage.fail("event", "'" + value + "' is not long-hold or transfer-failed");
                    }
                }
                if (after != null && event != null) {
                    stage.fail("event", "a stage has either 'after' or 'event', not both");
                }
                if (callStage != null && (after != null || event != null)) {
                    String variant = callStage.json() + (after != null ? " after " + after.json() : " on " + event.json());
                    if (!variants.add(variant)) {
                        stage.fail(after != null ? "after" : "event", "another stage is already shown in " + variant);
                    }
                }
                Integer row = stage.optionalRow("row");
                String text = stage.text("text");
                String translation = stage.text("translation");
                List<String> next = stage.has("next") ? stage.texts("next") : List.of();
                if (next != null && new HashSet<>(next).size() < next.size()) {
                    stage.fail("next", "lists a stage twice");
                }
                if (id != null && callStage != null && text != null && translation != null && next != null
                        && !(after != null && event != null)) {
                    stages.add(new ScriptStage(id, callStage, after, event, row, text, translation, next));
                }
            }
            for (ScriptStage stage : stages) {
                for (int i = 0; i < stage.next().size(); i++) {
                    if (!byId.containsKey(stage.next().get(i))) {
                        byId.get(stage.id()).fail("next[" + i + "]", "'" + stage.next().get(i) + "' is not a stage id of this script");
                    }
                }
            }
            if (!stageFields.isEmpty() && stages.stream().noneMatch(ScriptStage::plain) && errors.isEmpty()) {
                errors.add(new FieldError("stages", "needs at least one stage without 'after' or 'event'"));
            }
            return stages;
        }

        private Stage missing(Fields fields, String field) {
            fields.fail(field, "missing");
            return null;
        }

        private SituationCard card(Fields card, Set<Stage> callStages) {
            if (!card.isObject()) {
                return null;
            }
            card.only("id", "group", "row", "situation", "situationTranslation", "stages", "text", "translation");
            String id = card.text("id");
            String group = card.text("group");
            Integer row = card.optionalRow("row");
            List<String> stageNames = card.texts("stages");
            List<Stage> stages = new ArrayList<>();
            if (stageNames != null) {
                for (int i = 0; i < stageNames.size(); i++) {
                    Stage stage = parseStage(card, "stages[" + i + "]", stageNames.get(i));
                    if (stage != null && !callStages.contains(stage)) {
                        card.fail("stages[" + i + "]", "no stage of this script is shown in call stage '" + stage.json() + "'");
                    }
                    stages.add(stage);
                }
            }
            String situation = card.text("situation");
            String situationTranslation = card.text("situationTranslation");
            String text = card.text("text");
            String translation = card.text("translation");
            if (id == null || group == null || stageNames == null || stages.contains(null) || situation == null
                    || situationTranslation == null || text == null || translation == null) {
                return null;
            }
            return new SituationCard(id, group, row, situation, situationTranslation, stages, text, translation);
        }

        private List<ForbiddenRule> rules(List<Fields> ruleFields) {
            List<ForbiddenRule> rules = new ArrayList<>();
            Map<String, String> ruleIdByPhrase = new HashMap<>();
            Set<String> ids = new HashSet<>();
            for (Fields rule : ruleFields) {
                ForbiddenRule read = rule(rule);
                if (read == null) {
                    continue;
                }
                if (!ids.add(read.id())) {
                    rule.fail("id", "duplicate rule id '" + read.id() + "'");
                }
                String key = FoldedText.of(read.phrase()).folded() + "×" + read.minRepeat();
                String earlier = ruleIdByPhrase.putIfAbsent(key, read.id());
                if (earlier != null) {
                    rule.fail("phrase", "same phrase as rule '" + earlier + "' (after folding case, width, "
                            + "Traditional/Simplified, spaces and punctuation)");
                }
                rules.add(read);
            }
            return rules;
        }

        private ForbiddenRule rule(Fields rule) {
            if (!rule.isObject()) {
                return null;
            }
            int before = errors.size();
            rule.only("id", "row", "phrase", "translation", "severity", "wholeUtteranceOnly", "minRepeat",
                    "suggestion", "allow");
            String id = rule.text("id");
            Integer row = rule.optionalRow("row");
            if (row == null && !rule.has("row")) {
                rule.fail("row", "missing");
            }
            String phrase = rule.text("phrase");
            String folded = phrase == null ? null : FoldedText.of(phrase).folded();
            if (folded != null && folded.isEmpty()) {
                rule.fail("phrase", "has no letters or digits");
            }
            String translation = rule.text("translation");
            String severityValue = rule.text("severity");
            Severity severity = severityValue == null ? null : Severity.fromJson(severityValue);
            if (severityValue != null && severity == null) {
                rule.fail("severity", "'" + severityValue + "' is not warn or block");
            }
            boolean singleCharacter = folded != null && folded.length() == 1;
            Boolean wholeUtterance = rule.has("wholeUtteranceOnly") ? rule.bool("wholeUtteranceOnly") : singleCharacter;
            if (singleCharacter && Boolean.FALSE.equals(wholeUtterance)) {
                rule.fail("wholeUtteranceOnly", "a single-character phrase can only match as a whole utterance");
            }
            Integer minRepeat = rule.has("minRepeat") ? rule.integer("minRepeat") : Integer.valueOf(1);
            if (minRepeat != null && minRepeat < 1) {
                rule.fail("minRepeat", "must be 1 or more");
            }
            Phrase suggestion = phrase(rule.object("suggestion"));
            List<String> allow = rule.has("allow") ? rule.texts("allow") : List.of();
            if (allow != null && folded != null) {
                for (int i = 0; i < allow.size(); i++) {
                    String allowed = FoldedText.of(allow.get(i)).folded();
                    if (!allowed.contains(folded) || allowed.equals(folded)) {
                        rule.fail("allow[" + i + "]", "'" + allow.get(i) + "' must be longer than and contain '" + phrase + "'");
                    }
                }
            }
            if (errors.size() > before || id == null || row == null || phrase == null || translation == null
                    || severity == null || wholeUtterance == null || minRepeat == null || suggestion == null
                    || allow == null) {
                return null;
            }
            return new ForbiddenRule(id, row, phrase, translation, severity, suggestion, wholeUtterance, allow, minRepeat);
        }

        private Phrase phrase(Fields phrase) {
            if (phrase == null || !phrase.isObject()) {
                return null;
            }
            phrase.only("text", "translation");
            String text = phrase.text("text");
            String translation = phrase.text("translation");
            return text == null || translation == null ? null : new Phrase(text, translation);
        }

        private void checkVariables(Fields script, Map<String, String> declared, List<ScriptStage> stages,
                                    List<SituationCard> cards, List<ForbiddenRule> rules, Phrase holidayGreeting) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (int i = 0; i < stages.size(); i++) {
                texts.put("stages[" + stages.get(i).id() + "].text", stages.get(i).text());
                texts.put("stages[" + stages.get(i).id() + "].translation", stages.get(i).translation());
            }
            for (SituationCard card : cards) {
                texts.put("cards[" + card.id() + "].text", card.text());
                texts.put("cards[" + card.id() + "].translation", card.translation());
            }
            for (ForbiddenRule rule : rules) {
                texts.put("forbidden[" + rule.id() + "].suggestion.text", rule.suggestion().text());
                texts.put("forbidden[" + rule.id() + "].suggestion.translation", rule.suggestion().translation());
            }
            if (holidayGreeting != null) {
                texts.put("holidayGreeting.text", holidayGreeting.text());
                texts.put("holidayGreeting.translation", holidayGreeting.translation());
            }
            texts.forEach((where, text) -> {
                for (String variable : PhraseTemplate.variablesIn(text)) {
                    if (!declared.containsKey(variable)) {
                        script.fail("variables", "{" + variable + "} is used in " + where + " but not declared");
                    }
                }
            });
        }
    }

    private static Stage parseStage(Fields fields, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Stage.fromJson(value);
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(Stage.values()).map(Stage::json).collect(Collectors.joining(", "));
            fields.fail(field, "'" + value + "' is not a call stage (one of " + known + ")");
            return null;
        }
    }

    /** One JSON object of the script and its path, with typed accessors that record problems and return null. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;
        private final List<FieldError> errors;

        Fields(JsonNode node, String path, List<FieldError> errors) {
            this.node = node;
            this.path = path;
            this.errors = errors;
            if (!node.isObject()) {
                errors.add(new FieldError(path, "must be an object"));
            }
        }

        boolean isObject() {
            return node.isObject();
        }

        void fail(String field, String problem) {
            errors.add(new FieldError(childPath(field), problem));
        }

        void only(String... known) {
            Set<String> allowed = Set.of(known);
            for (String name : names()) {
                if (!allowed.contains(name)) {
                    fail(name, "unknown field (expected one of " + String.join(", ", known) + ")");
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
                fail(field, "missing");
                return null;
            }
            return node.get(field);
        }

        String text(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isTextual()) {
                fail(field, "must be a string");
                return null;
            }
            if (value.asText().isBlank()) {
                fail(field, "must not be blank");
                return null;
            }
            return value.asText();
        }

        Integer integer(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isInt()) {
                fail(field, "must be a whole number");
                return null;
            }
            return value.intValue();
        }

        Integer optionalRow(String field) {
            if (!has(field)) {
                return null;
            }
            Integer row = integer(field);
            if (row != null && row < 1) {
                fail(field, "must be 1 or more");
                return null;
            }
            return row;
        }

        Boolean bool(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isBoolean()) {
                fail(field, "must be true or false");
                return null;
            }
            return value.booleanValue();
        }

        Stage callStage(String field) {
            return parseStage(this, field, text(field));
        }

        Fields object(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            Fields child = new Fields(value, childPath(field), errors);
            return child.isObject() ? child : null;
        }

        List<String> texts(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                fail(field, "must be an array of strings");
                return null;
            }
            List<String> texts = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isTextual() || element.asText().isBlank()) {
                    fail(field + "[" + i + "]", "must be a non-blank string");
                    ok = false;
                } else {
                    texts.add(element.asText());
                }
            }
            return ok ? texts : null;
        }

        List<Fields> array(String field, boolean nonEmpty) {
            JsonNode value = required(field);
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                fail(field, "must be an array");
                return List.of();
            }
            if (nonEmpty && value.isEmpty()) {
                fail(field, "must not be empty");
            }
            List<Fields> elements = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                elements.add(new Fields(value.get(i), childPath(field) + "[" + i + "]", errors));
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
