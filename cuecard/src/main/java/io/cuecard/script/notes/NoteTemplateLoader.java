package io.cuecard.script.notes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.script.PhraseTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the note-templates file and checks all of it before anything uses it, collecting every problem:
 * unknown or missing keys, malformed or duplicate ids, placeholders that are not fields of their template,
 * fields the sentence never uses, a translation with other placeholders than its sentence, stray braces,
 * complaints that do not require the serial and plate numbers, catalogue fields no template uses.
 *
 * <p>File layout: {@code {"format": 1, "fields": [{"id", "label": {"zh-CN", "en"}}], "templates": [{"id",
 * "kind", "name": {"zh-CN", "en"}, "original", "editorialNote"?, "sentence", "translation", "fields":
 * [{"id", "required"}]}]}}. Labels live once in the top-level field catalogue; templates refer to them by id.
 */
final class NoteTemplateLoader {

    static final int FORMAT = 1;

    /** The fields every complaint note must require (source-001 §4: every complaint ends with (出厂编号,车牌号码)). */
    static final List<String> COMPLAINT_FIELDS = List.of("serialNumber", "plateNumber");

    private static final Pattern FIELD_ID = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<String> problems = new ArrayList<>();
    /** Every field id some template refers to, valid or not (so one broken template does not make its fields look unused). */
    private final Set<String> referenced = new HashSet<>();

    private NoteTemplateLoader() {
    }

    static List<NoteTemplate> read(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new NoteTemplateFormatException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new NoteTemplateFormatException(List.of("empty note-templates file"));
        }
        NoteTemplateLoader loader = new NoteTemplateLoader();
        List<NoteTemplate> templates = loader.readFile(root);
        if (!loader.problems.isEmpty()) {
            throw new NoteTemplateFormatException(loader.problems);
        }
        return templates;
    }

    private List<NoteTemplate> readFile(JsonNode root) {
        if (!isObject(root, "(file)")) {
            return List.of();
        }
        only(root, "", "format", "fields", "templates");
        JsonNode format = root.get("format");
        if (format == null) {
            problem("format", "missing; must be " + FORMAT);
        } else if (!format.isInt() || format.intValue() != FORMAT) {
            problem("format", "must be " + FORMAT + " (the format this version of Cuecard reads), found " + format);
        }
        Map<String, CatalogueField> catalogue = readCatalogue(root.get("fields"));
        List<NoteTemplate> templates = new ArrayList<>();
        Map<String, String> seenIds = new HashMap<>();
        for (Element element : elements(root.get("templates"), "templates")) {
            NoteTemplate template = readTemplate(element.node(), element.path(), catalogue);
            if (template == null) {
                continue;
            }
            String earlier = seenIds.putIfAbsent(template.id(), element.path());
            if (earlier != null) {
                problem(element.path() + ".id", "duplicate template id '" + template.id() + "' (also " + earlier + ")");
            }
            templates.add(template);
        }
        catalogue.forEach((fieldId, entry) -> {
            if (!referenced.contains(fieldId)) {
                problem(entry.path() + ".id", "field '" + fieldId + "' is used by no template");
            }
        });
        return templates;
    }

    private Map<String, CatalogueField> readCatalogue(JsonNode fields) {
        Map<String, CatalogueField> catalogue = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (Element element : elements(fields, "fields")) {
            JsonNode field = element.node();
            String path = element.path();
            if (!isObject(field, path)) {
                continue;
            }
            only(field, path, "id", "label");
            String id = id(field, path, FIELD_ID, "a letter a-z then letters or digits, e.g. plateNumber");
            LocalizedText label = localized(field.get("label"), path + ".label");
            if (id == null) {
                continue;
            }
            String earlier = seen.putIfAbsent(id, path);
            if (earlier != null) {
                problem(path + ".id", "duplicate field id '" + id + "' (also " + earlier + ")");
            } else if (label != null) {
                catalogue.put(id, new CatalogueField(label, path));
            }
        }
        return catalogue;
    }

    private NoteTemplate readTemplate(JsonNode template, String path, Map<String, CatalogueField> catalogue) {
        if (!isObject(template, path)) {
            return null;
        }
        only(template, path, "id", "kind", "name", "original", "editorialNote", "sentence", "translation", "fields");
        int before = problems.size();
        String id = id(template, path, TEMPLATE_ID, "lower-case words joined by '-', e.g. complaint-service-attitude");
        String kindText = text(template, path, "kind");
        NoteKind kind = kindText == null ? null : NoteKind.fromId(kindText).orElse(null);
        if (kindText != null && kind == null) {
            problem(path + ".kind", "unknown kind '" + kindText + "'; one of "
                    + Arrays.stream(NoteKind.values()).map(NoteKind::id).collect(Collectors.joining(", ")));
        }
        LocalizedText name = localized(template.get("name"), path + ".name");
        String original = text(template, path, "original");
        String editorialNote = template.has("editorialNote") ? text(template, path, "editorialNote") : null;
        String sentence = text(template, path, "sentence");
        String translation = text(template, path, "translation");
        Set<String> declared = new LinkedHashSet<>();
        List<NoteField> fields = readTemplateFields(template.get("fields"), path + ".fields", catalogue, declared);

        Set<String> inSentence = placeholders(sentence, path + ".sentence", declared);
        for (int i = 0; i < fields.size(); i++) {
            if (sentence != null && !inSentence.contains(fields.get(i).id())) {
                problem(path + ".fields[" + i + "]", "field '" + fields.get(i).id() + "' is not used in the sentence");
            }
        }
        Set<String> inTranslation = placeholders(translation, path + ".translation", declared);
        if (sentence != null && translation != null && !inTranslation.equals(inSentence)) {
            problem(path + ".translation", "must use the same placeholders as the sentence: " + inSentence + ", found " + inTranslation);
        }
        if (kind == NoteKind.COMPLAINT) {
            for (String required : COMPLAINT_FIELDS) {
                boolean ok = fields.stream().anyMatch(field -> field.id().equals(required) && field.required());
                if (!ok) {
                    problem(path + ".fields", "a complaint must have the field '" + required + "' with \"required\": true");
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new NoteTemplate(id, kind, name, sentence, translation, fields, original, editorialNote);
    }

    /** The valid fields; {@code declared} receives every id the template names, valid or not. */
    private List<NoteField> readTemplateFields(JsonNode node, String path, Map<String, CatalogueField> catalogue, Set<String> declared) {
        List<NoteField> fields = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<Element> elements = elements(node, path);
        if (node != null && node.isArray() && elements.isEmpty()) {
            problem(path, "a template needs at least one field");
        }
        for (Element element : elements) {
            JsonNode field = element.node();
            String at = element.path();
            if (!isObject(field, at)) {
                continue;
            }
            only(field, at, "id", "required");
            String id = text(field, at, "id");
            JsonNode required = field.get("required");
            if (required == null || !required.isBoolean()) {
                problem(at + ".required", required == null ? "missing" : "must be true or false");
            }
            if (id == null) {
                continue;
            }
            referenced.add(id);
            declared.add(id);
            CatalogueField known = catalogue.get(id);
            String earlier = seen.putIfAbsent(id, at);
            if (earlier != null) {
                problem(at + ".id", "duplicate field '" + id + "' in this template (also " + earlier + ")");
            } else if (known == null) {
                problem(at + ".id", "unknown field '" + id + "'; declare it in the top-level \"fields\" first");
            } else if (required != null && required.isBoolean()) {
                fields.add(new NoteField(id, known.label(), required.booleanValue()));
            }
        }
        return fields;
    }

    /**
     * The placeholders of {@code text} (empty when it is null), after recording any that is not a declared
     * field and any brace standing outside a placeholder (a typo such as {@code { region}} would otherwise
     * show up as text in every note).
     */
    private Set<String> placeholders(String text, String path, Set<String> declared) {
        if (text == null) {
            return Set.of();
        }
        Set<String> placeholders = PhraseTemplate.variablesIn(text);
        for (String placeholder : placeholders) {
            if (!declared.contains(placeholder)) {
                problem(path, "placeholder {" + placeholder + "} is not one of this template's fields ("
                        + String.join(", ", declared) + ")");
            }
        }
        Map<String, String> marks = new HashMap<>();
        placeholders.forEach(placeholder -> marks.put(placeholder, "\u00b7"));
        String withoutPlaceholders = PhraseTemplate.fill(text, marks);
        if (withoutPlaceholders.indexOf('{') >= 0 || withoutPlaceholders.indexOf('}') >= 0) {
            problem(path, "a '{' or '}' stands outside a placeholder; a placeholder is {fieldId}: a letter, then letters or digits");
        }
        return placeholders;
    }

    private LocalizedText localized(JsonNode node, String path) {
        if (node == null) {
            problem(path, "missing");
            return null;
        }
        if (!isObject(node, path)) {
            return null;
        }
        only(node, path, "zh-CN", "en");
        String zh = text(node, path, "zh-CN");
        String en = text(node, path, "en");
        return zh == null || en == null ? null : new LocalizedText(zh, en);
    }

    private String id(JsonNode node, String path, Pattern pattern, String form) {
        String id = text(node, path, "id");
        if (id != null && !pattern.matcher(id).matches()) {
            problem(path + ".id", "'" + id + "' is not a valid id: use " + form);
            return null;
        }
        return id;
    }

    /** The non-blank string at {@code node.name}, or null after recording why there is none. */
    private String text(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        String at = path.isEmpty() ? name : path + "." + name;
        if (value == null || value.isNull()) {
            problem(at, "missing");
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problem(at, "must be a non-blank string");
            return null;
        }
        return value.textValue();
    }

    private void only(JsonNode node, String path, String... allowed) {
        Set<String> names = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                problem(path.isEmpty() ? name : path + "." + name, "unknown key; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    private boolean isObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problem(path, node == null ? "missing" : "must be a JSON object");
            return false;
        }
        return true;
    }

    private List<Element> elements(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            problem(path, node == null ? "missing" : "must be a JSON array");
            return List.of();
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Element(node.get(i), path + "[" + i + "]"));
        }
        return elements;
    }

    private void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    private record Element(JsonNode node, String path) {
    }

    private record CatalogueField(LocalizedText label, String path) {
    }
}
