package io.cuecard.script.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A broken templates file is refused at load with every problem named by its place in the file. */
class NoteTemplateFormatTest {

    @Test
    void theValidFileLoads() {
        NoteTemplates templates = NoteTemplateFiles.load(NoteTemplateFiles.VALID);

        NoteTemplate complaint = templates.get("complaint-test");
        assertThat(complaint.kind()).isEqualTo(NoteKind.COMPLAINT);
        assertThat(complaint.fields()).extracting(NoteField::id).containsExactly("region", "serialNumber", "plateNumber");
        assertThat(complaint.field("region").orElseThrow().label()).isEqualTo(new LocalizedText("地区", "Region"));
        assertThat(complaint.editorialNote()).isEmpty();
    }

    @Test
    void anUnknownPlaceholderIsRefused() {
        assertProblem(NoteTemplateFiles.loadWithProblem("\"sentence\": \"{region}客户", "\"sentence\": \"{regoin}客户"),
                "templates[0].sentence: placeholder {regoin} is not one of this template's fields (region, serialNumber, plateNumber)",
                "templates[0].fields[0]: field 'region' is not used in the sentence",
                "templates[0].translation: must use the same placeholders as the sentence");
    }

    @Test
    void aStrayBraceIsRefused() {
        assertProblem(NoteTemplateFiles.loadWithProblem("\"sentence\": \"{region}客户", "\"sentence\": \"{region}客户{ brand}"),
                "templates[0].sentence: a '{' or '}' stands outside a placeholder");
    }

    @Test
    void aTranslationWithOtherPlaceholdersIsRefused() {
        assertProblem(NoteTemplateFiles.loadWithProblem("A {region} customer", "A customer"),
                "templates[0].translation: must use the same placeholders as the sentence");
    }

    @Test
    void duplicateIdsAreRefused() {
        assertProblem(NoteTemplateFiles.loadWithProblem(
                        "{\"id\": \"plateNumber\", \"label\"", "{\"id\": \"region\", \"label\": {\"zh-CN\": \"x\", \"en\": \"x\"}},\n"
                                + "{\"id\": \"plateNumber\", \"label\""),
                "fields[2].id: duplicate field id 'region' (also fields[0])");
        assertProblem(NoteTemplateFiles.loadWithProblem("{\"id\": \"serialNumber\", \"required\": true}",
                        "{\"id\": \"serialNumber\", \"required\": true}, {\"id\": \"region\", \"required\": false}"),
                "templates[0].fields[2].id: duplicate field 'region' in this template (also templates[0].fields[0])");
        String twoTemplates = NoteTemplateFiles.VALID.replace("]}\n ]}", "]},\n" + templateCopy() + "\n ]}");
        assertProblem(() -> NoteTemplateFiles.load(twoTemplates),
                "templates[1].id: duplicate template id 'complaint-test' (also templates[0])");
    }

    @Test
    void aFieldMissingFromTheCatalogueIsRefused() {
        assertProblem(NoteTemplateFiles.loadWithProblem("{\"id\": \"region\", \"required\": true}",
                        "{\"id\": \"region\", \"required\": true}, {\"id\": \"brand\", \"required\": true}"),
                "templates[0].fields[1].id: unknown field 'brand'; declare it in the top-level \"fields\" first");
    }

    @Test
    void aComplaintMustRequireSerialAndPlateNumbers() {
        assertProblem(NoteTemplateFiles.loadWithProblem("{\"id\": \"plateNumber\", \"required\": true}",
                        "{\"id\": \"plateNumber\", \"required\": false}"),
                "templates[0].fields: a complaint must have the field 'plateNumber' with \"required\": true");
    }

    @Test
    void aCatalogueFieldNoTemplateUsesIsRefused() {
        assertProblem(NoteTemplateFiles.loadWithProblem("{\"id\": \"region\", \"label\"",
                        "{\"id\": \"mileage\", \"label\": {\"zh-CN\": \"行驶里程\", \"en\": \"Mileage\"}},\n{\"id\": \"region\", \"label\""),
                "fields[0].id: field 'mileage' is used by no template");
    }

    @Test
    void malformedValuesAreNamed() {
        assertProblem(NoteTemplateFiles.loadWithProblem("\"kind\": \"complaint\"", "\"kind\": \"praise\""),
                "templates[0].kind: unknown kind 'praise'; one of consulting, rescue, complaint");
        assertProblem(NoteTemplateFiles.loadWithProblem("\"id\": \"complaint-test\"", "\"id\": \"Complaint Test\""),
                "templates[0].id: 'Complaint Test' is not a valid id");
        assertProblem(NoteTemplateFiles.loadWithProblem("\"en\": \"Test complaint\"", "\"en\": \" \""),
                "templates[0].name.en: must be a non-blank string");
        assertProblem(NoteTemplateFiles.loadWithProblem("{\"id\": \"region\", \"required\": true}", "{\"id\": \"region\", \"required\": \"yes\"}"),
                "templates[0].fields[0].required: must be true or false");
        assertProblem(NoteTemplateFiles.loadWithProblem("\"format\": 1", "\"format\": 2"), "format: must be 1");
        assertProblem(NoteTemplateFiles.loadWithProblem("\"format\": 1,", ""), "format: missing");
        assertProblem(NoteTemplateFiles.loadWithProblem("{\"id\": \"region\", \"label\"", "{\"id\": \"Region\", \"label\""),
                "fields[0].id: 'Region' is not a valid id", "templates[0].fields[0].id: unknown field 'region'");
        assertProblem(NoteTemplateFiles.loadWithProblem("\"original\":", "\"comment\": \"x\", \"original\":"),
                "templates[0].comment: unknown key; allowed here:");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String broken = NoteTemplateFiles.VALID.replace("\"kind\": \"complaint\"", "\"kind\": \"praise\"")
                .replace("{region}客户", "{regoin}客户");
        NoteTemplateFormatException e = catchThrowableOfType(NoteTemplateFormatException.class, () -> NoteTemplateFiles.load(broken));

        assertThat(e.problems()).anyMatch(p -> p.startsWith("templates[0].kind:"))
                .anyMatch(p -> p.startsWith("templates[0].sentence:"));
        assertThat(e.getMessage()).contains("invalid note templates (").contains("templates[0].kind: unknown kind 'praise'");
    }

    @Test
    void notJsonIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> NoteTemplateFiles.load("{\"format\": 1,\n \"fields\": [}"))
                .isInstanceOf(NoteTemplateFormatException.class)
                .hasMessageContaining("not valid JSON at line 2");
        assertThatThrownBy(() -> NoteTemplateFiles.load(""))
                .isInstanceOf(NoteTemplateFormatException.class)
                .hasMessageContaining("empty note-templates file");
    }

    private static String templateCopy() {
        String valid = NoteTemplateFiles.VALID;
        return valid.substring(valid.indexOf("{\"id\": \"complaint-test\""), valid.lastIndexOf("]}\n ]}") + 2);
    }

    /** Loading fails with exactly these problems (each given by its start), in this order. */
    private static void assertProblem(ThrowingCallable load, String... expected) {
        NoteTemplateFormatException e = catchThrowableOfType(NoteTemplateFormatException.class, load);
        assertThat(e).as("a NoteTemplateFormatException").isNotNull();
        assertThat(e.problems()).as("problems").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(e.problems().get(i)).startsWith(expected[i]);
        }
    }
}
