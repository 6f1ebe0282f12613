package io.cuecard.script.notes.rest;

import io.cuecard.script.notes.LocalizedText;
import io.cuecard.script.notes.NoteField;
import io.cuecard.script.notes.NoteTemplate;
import io.cuecard.script.notes.NoteTemplates;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The structured call-note templates (source-001 appendix 1) for the console's wrap-up form:
 * {@code GET /api/note-templates}, open to every signed-in user.
 */
@Path("/api/note-templates")
@Authenticated
public class NoteTemplateResource {

    /** One template as the console gets it; {@code name} and labels are keyed {@code zh-CN} and {@code en}. */
    public record TemplateView(@Schema(required = true) String id, @Schema(required = true) String kind,
                               @Schema(required = true) Map<String, String> name, @Schema(required = true) List<FieldView> fields,
                               @Schema(required = true) String sentence, String translation) {
    }

    /** One fill-in field of a template. */
    public record FieldView(@Schema(required = true) String id, @Schema(required = true) Map<String, String> label,
                            @Schema(required = true) boolean required) {
    }

    @Inject
    NoteTemplates templates;

    @GET
    public List<TemplateView> list() {
        return templates.all().stream().map(NoteTemplateResource::view).toList();
    }

    private static TemplateView view(NoteTemplate template) {
        return new TemplateView(template.id(), template.kind().id(), localized(template.name()),
                template.fields().stream().map(NoteTemplateResource::view).toList(), template.sentence(), template.translation());
    }

    private static FieldView view(NoteField field) {
        return new FieldView(field.id(), localized(field.label()), field.required());
    }

    private static Map<String, String> localized(LocalizedText text) {
        Map<String, String> byLanguage = new LinkedHashMap<>();
        byLanguage.put("zh-CN", text.zhCn());
        byLanguage.put("en", text.en());
        return byLanguage;
    }
}
