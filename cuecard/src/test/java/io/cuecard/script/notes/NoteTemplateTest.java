package io.cuecard.script.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering a note from its fields and finding what is missing. */
class NoteTemplateTest {

    private final NoteTemplate complaint = NoteTemplateFiles.load(NoteTemplateFiles.VALID).get("complaint-test");

    @Test
    void fillsEveryField() {
        assertThat(complaint.render(Map.of("region", "上海", "serialNumber", "LFV123", "plateNumber", "沪A12345")))
                .isEqualTo("上海客户投诉。(LFV123,沪A12345)");
    }

    @Test
    void anUnfilledOrBlankFieldStaysVisible() {
        assertThat(complaint.render(Map.of("region", "上海", "serialNumber", "  "))).isEqualTo("上海客户投诉。({serialNumber},{plateNumber})");
        assertThat(complaint.render(null)).isEqualTo("{region}客户投诉。({serialNumber},{plateNumber})");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("region", null);
        assertThat(complaint.render(withNull)).startsWith("{region}客户");
    }

    @Test
    void valuesAreTrimmedAndNeverExpandedAgain() {
        assertThat(complaint.render(Map.of("region", " 上海 ", "serialNumber", "{plateNumber}", "plateNumber", "$1\\")))
                .isEqualTo("上海客户投诉。({plateNumber},$1\\)");
    }

    @Test
    void valuesForOtherFieldsAreIgnored() {
        assertThat(complaint.render(Map.of("brand", "日产", "region", "上海"))).isEqualTo("上海客户投诉。({serialNumber},{plateNumber})");
    }

    @Test
    void reportsMissingRequiredFieldsInFieldOrder() {
        assertThat(complaint.missingRequired(Map.of("region", "上海"))).containsExactly("serialNumber", "plateNumber");
        assertThat(complaint.missingRequired(Map.of("region", "上海", "serialNumber", "LFV123", "plateNumber", " ")))
                .containsExactly("plateNumber");
        assertThat(complaint.missingRequired(Map.of("region", "上海", "serialNumber", "LFV123", "plateNumber", "沪A12345"))).isEmpty();
        assertThat(complaint.missingRequired(null)).containsExactly("region", "serialNumber", "plateNumber");
    }

    @Test
    void anOptionalFieldIsNeverMissing() {
        NoteTemplate optionalRegion = NoteTemplateFiles.loadWith("{\"id\": \"region\", \"required\": true}",
                "{\"id\": \"region\", \"required\": false}").get("complaint-test");

        assertThat(optionalRegion.field("region").orElseThrow().required()).isFalse();
        assertThat(optionalRegion.missingRequired(Map.of())).containsExactly("serialNumber", "plateNumber");
        assertThat(optionalRegion.render(Map.of())).startsWith("{region}");
    }
}
