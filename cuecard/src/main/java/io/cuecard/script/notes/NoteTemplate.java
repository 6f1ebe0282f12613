package io.cuecard.script.notes;

import io.cuecard.script.PhraseTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One standard call-note sentence of source-001 appendix 1 (信息记录规范标准), e.g. 投诉服务态度差: the sentence
 * with {@code {field}} placeholders, its English translation and the fields the agent fills in. Instances come
 * from {@link NoteTemplates}, which has checked that the sentence uses exactly the declared fields.
 */
public final class NoteTemplate {

    private final String id;
    private final NoteKind kind;
    private final LocalizedText name;
    private final String sentence;
    private final String translation;
    private final List<NoteField> fields;
    private final String original;
    private final String editorialNote;

    NoteTemplate(String id, NoteKind kind, LocalizedText name, String sentence, String translation, List<NoteField> fields,
            String original, String editorialNote) {
        this.id = Objects.requireNonNull(id);
        this.kind = Objects.requireNonNull(kind);
        this.name = Objects.requireNonNull(name);
        this.sentence = Objects.requireNonNull(sentence);
        this.translation = Objects.requireNonNull(translation);
        this.fields = List.copyOf(fields);
        this.original = Objects.requireNonNull(original);
        this.editorialNote = editorialNote;
    }

    /** Stable id, e.g. {@code complaint-service-attitude}; stored with the call's notes. */
    public String id() {
        return id;
    }

    public NoteKind kind() {
        return kind;
    }

    /** The source's sub-type name (e.g. 投诉服务态度差) and its English translation. */
    public LocalizedText name() {
        return name;
    }

    /** The standard sentence in Chinese with {@code {field}} placeholders. */
    public String sentence() {
        return sentence;
    }

    /** The sentence in English, with the same placeholders (for readers of the call log who read no Chinese). */
    public String translation() {
        return translation;
    }

    /** The fields in the order the agent fills them in. */
    public List<NoteField> fields() {
        return fields;
    }

    /** The field with this id, if this template has it. */
    public Optional<NoteField> field(String fieldId) {
        return fields.stream().filter(field -> field.id().equals(fieldId)).findFirst();
    }

    /** The template exactly as the source writes it, with its {@code (…)} slots. */
    public String original() {
        return original;
    }

    /** How and why {@link #sentence()} departs from {@link #original()} (a quirk of the source), if it does. */
    public Optional<String> editorialNote() {
        return Optional.ofNullable(editorialNote);
    }

    /**
     * The standard sentence with the given field values (trimmed) in place of the placeholders. A field
     * without a value, or with a blank one, stays visible as {@code {fieldId}} so nobody mistakes the note for
     * complete. Values for ids this template does not have are ignored.
     */
    public String render(Map<String, String> values) {
        Map<String, String> trimmed = new HashMap<>();
        if (values != null) {
            values.forEach((fieldId, value) -> {
                if (fieldId != null && value != null) {
                    trimmed.put(fieldId, value.strip());
                }
            });
        }
        return PhraseTemplate.fill(sentence, trimmed);
    }

    /** The ids of the required fields that have no value or a blank one in {@code values}, in field order. */
    public List<String> missingRequired(Map<String, String> values) {
        return fields.stream()
                .filter(NoteField::required)
                .map(NoteField::id)
                .filter(fieldId -> {
                    String value = values == null ? null : values.get(fieldId);
                    return value == null || value.isBlank();
                })
                .toList();
    }

    @Override
    public String toString() {
        return "NoteTemplate[" + id + "]";
    }
}
