package io.cuecard.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cuecard.call.Stage;

import java.io.UncheckedIOException;

/**
 * Writes a {@link Script} as a format-2 script file, JSON or YAML, that {@link ScriptLoader} reads back to an
 * equal script (for export, and for storing script versions).
 */
public final class ScriptWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private ScriptWriter() {
    }

    /** The script as a file in {@code format}. */
    public static String write(Script script, ScriptLoader.Format format) {
        try {
            String text = (format == ScriptLoader.Format.YAML ? YAML : JSON).writeValueAsString(toTree(script));
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script as a JSON tree in file format 2. */
    public static ObjectNode toTree(Script script) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ScriptLoader.FORMAT);
        root.put("id", script.id());
        root.put("name", script.name());
        root.put("language", script.language());
        root.put("version", script.version());
        ObjectNode appliesTo = root.putObject("appliesTo");
        appliesTo.put("direction", script.appliesTo().direction().json());
        script.appliesTo().queues().forEach(appliesTo.putArray("queues")::add);
        script.appliesTo().campaigns().forEach(appliesTo.putArray("campaigns")::add);
        ObjectNode variables = root.putObject("variables");
        script.variables().forEach(variables::put);
        ArrayNode stages = root.putArray("stages");
        for (ScriptStage stage : script.stages()) {
            ObjectNode node = stages.addObject();
            node.put("id", stage.id());
            node.put("callStage", stage.callStage().json());
            if (stage.after() != null) {
                node.put("after", stage.after().json());
            }
            if (stage.event() != null) {
                node.put("event", stage.event().json());
            }
            if (stage.row() != null) {
                node.put("row", stage.row());
            }
            node.put("text", stage.text());
            node.put("translation", stage.translation());
            stage.next().forEach(node.putArray("next")::add);
        }
        ArrayNode cards = root.putArray("cards");
        for (SituationCard card : script.cards()) {
            ObjectNode node = cards.addObject();
            node.put("id", card.id());
            node.put("group", card.group());
            if (card.row() != null) {
                node.put("row", card.row());
            }
            node.put("situation", card.situation());
            node.put("situationTranslation", card.situationTranslation());
            ArrayNode cardStages = node.putArray("stages");
            card.stages().stream().map(Stage::json).forEach(cardStages::add);
            node.put("text", card.text());
            node.put("translation", card.translation());
        }
        ArrayNode forbidden = root.putArray("forbidden");
        for (ForbiddenRule rule : script.rules()) {
            ObjectNode node = forbidden.addObject();
            node.put("id", rule.id());
            node.put("row", rule.row());
            node.put("phrase", rule.phrase());
            node.put("translation", rule.translation());
            node.put("severity", rule.severity().json());
            node.put("wholeUtteranceOnly", rule.wholeUtteranceOnly());
            if (rule.minRepeat() != 1) {
                node.put("minRepeat", rule.minRepeat());
            }
            if (!rule.allow().isEmpty()) {
                rule.allow().forEach(node.putArray("allow")::add);
            }
            phrase(node.putObject("suggestion"), rule.suggestion());
        }
        if (script.holidayGreeting() != null) {
            phrase(root.putObject("holidayGreeting"), script.holidayGreeting());
        }
        script.customerQuoteMarkers().forEach(root.putArray("customerQuoteMarkers")::add);
        return root;
    }

    private static void phrase(ObjectNode node, Phrase phrase) {
        node.put("text", phrase.text());
        node.put("translation", phrase.translation());
    }
}
