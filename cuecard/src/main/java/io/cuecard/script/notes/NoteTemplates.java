package io.cuecard.script.notes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call-note templates agents choose from at wrap-up: by default the 18 of source-001 appendix 1
 * (8 consulting, 1 rescue, 9 complaint), read from {@value #DEFAULT_RESOURCE}. Immutable and thread-safe.
 */
public final class NoteTemplates {

    /** Classpath location of the templates shipped with Cuecard. */
    public static final String DEFAULT_RESOURCE = "/notes/templates.json";

    private final Map<String, NoteTemplate> byId = new LinkedHashMap<>();

    NoteTemplates(List<NoteTemplate> templates) {
        templates.forEach(template -> byId.put(template.id(), template));
    }

    /** The templates shipped with Cuecard. */
    public static NoteTemplates loadDefault() {
        try (InputStream in = NoteTemplates.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("note templates " + DEFAULT_RESOURCE + " are not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks a templates file (JSON, format 1). The caller closes the stream.
     *
     * @throws NoteTemplateFormatException listing every problem, if the content is not a valid templates file
     * @throws UncheckedIOException        if the stream cannot be read
     */
    public static NoteTemplates load(InputStream in) {
        return new NoteTemplates(NoteTemplateLoader.read(in));
    }

    /** All templates, in file order (consulting, rescue, complaint in the shipped file). */
    public List<NoteTemplate> all() {
        return List.copyOf(byId.values());
    }

    public List<NoteTemplate> ofKind(NoteKind kind) {
        return byId.values().stream().filter(template -> template.kind() == kind).toList();
    }

    public Optional<NoteTemplate> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * The template with this id.
     *
     * @throws IllegalArgumentException naming the known ids, if there is none
     */
    public NoteTemplate get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown note template '" + id + "'; known templates: " + String.join(", ", byId.keySet())));
    }
}
