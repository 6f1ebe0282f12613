package io.cuecard.script.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The templates shipped in notes/templates.json against source-001 §4 (附件1 信息记录规范标准). */
class NoteTemplatesTest {

    static final NoteTemplates SHIPPED = NoteTemplates.loadDefault();

    static Stream<NoteTemplate> shipped() {
        return SHIPPED.all().stream();
    }

    @Test
    void theSourceHasEightConsultingOneRescueAndNineComplaintTemplates() {
        assertThat(SHIPPED.ofKind(NoteKind.CONSULTING)).hasSize(8);
        assertThat(SHIPPED.ofKind(NoteKind.RESCUE)).hasSize(1);
        assertThat(SHIPPED.ofKind(NoteKind.COMPLAINT)).hasSize(9);
        assertThat(SHIPPED.all()).hasSize(18);
        assertThat(SHIPPED.ofKind(NoteKind.CONSULTING)).extracting(t -> t.name().zhCn()).containsExactly(
                "咨询服务商", "咨询服务政策", "咨询产品技术状态", "咨询产品价格", "咨询产品促销活动", "咨询事情处理进度及结果",
                "简单故障排除及维护指导", "咨询配件技术参数及价格");
        assertThat(SHIPPED.ofKind(NoteKind.RESCUE)).extracting(t -> t.name().zhCn()).containsExactly("途中车辆出现故障救援");
        assertThat(SHIPPED.ofKind(NoteKind.COMPLAINT)).extracting(t -> t.name().zhCn()).containsExactly(
                "投诉服务态度差", "投诉服务不及时", "投诉维修水平差", "投诉售中服务不到位", "投诉配件供应不及时", "投诉首保服务违纪",
                "投诉保修服务违纪", "投诉配件服务违纪", "投诉车辆产品质量");
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void rendersWithEveryFieldFilledAndNoPlaceholderLeft(NoteTemplate template) {
        Map<String, String> values = new LinkedHashMap<>();
        template.fields().forEach(field -> values.put(field.id(), "〈" + field.id() + "〉"));

        String note = template.render(values);

        assertThat(note).doesNotContain("{").doesNotContain("}");
        template.fields().forEach(field -> assertThat(note).contains("〈" + field.id() + "〉"));
        assertThat(template.missingRequired(values)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void withNothingFilledEveryRequiredFieldIsMissingAndVisible(NoteTemplate template) {
        assertThat(template.render(Map.of())).isEqualTo(template.sentence());
        assertThat(template.missingRequired(Map.of()))
                .containsExactlyElementsOf(template.fields().stream().filter(NoteField::required).map(NoteField::id).toList());
        template.fields().forEach(field -> assertThat(template.sentence()).contains("{" + field.id() + "}"));
    }

    @Test
    void everyComplaintRequiresTheSerialAndPlateNumbers() {
        for (NoteTemplate complaint : SHIPPED.ofKind(NoteKind.COMPLAINT)) {
            Map<String, String> allButIds = new LinkedHashMap<>();
            complaint.fields().forEach(field -> allButIds.put(field.id(), "x"));
            allButIds.remove("serialNumber");
            allButIds.remove("plateNumber");

            assertThat(complaint.missingRequired(allButIds)).as(complaint.id()).containsExactly("serialNumber", "plateNumber");
            assertThat(complaint.sentence()).as(complaint.id()).endsWith("。({serialNumber},{plateNumber})");
            assertThat(complaint.field("serialNumber").orElseThrow().label().zhCn()).isEqualTo("出厂编号");
            assertThat(complaint.field("plateNumber").orElseThrow().label().zhCn()).isEqualTo("车牌号码");
        }
    }

    @Test
    void aComplaintNoteReadsAsTheStandardSentence() {
        NoteTemplate attitude = SHIPPED.get("complaint-service-attitude");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("region", "北京");
        values.put("brand", "东风日产");
        values.put("purchaseDate", "2023/5/8");
        values.put("mileage", "12000公里");
        values.put("visitDate", "2024/3/2");
        values.put("serviceStation", "朝阳服务站");
        values.put("faultName", "空调不制冷");
        values.put("staffConduct", "态度冷淡、不予解释");
        values.put("serialNumber", "LGBH52E0XAY123456");

        assertThat(attitude.render(values)).isEqualTo("北京东风日产客户于2023/5/8购车,行驶了12000公里,客户于2024/3/2到朝阳服务站维修空调不制冷时,"
                + "服务站的工作人员态度冷淡、不予解释,对此客户对该服务站的工作人员的服务态度表示不满。(LGBH52E0XAY123456,{plateNumber})");
        assertThat(attitude.missingRequired(values)).containsExactly("plateNumber");
    }

    /**
     * The sentence keeps the source's wording: with the slots taken out of both (and the separators 、 , ( ) _
     * that only delimit slots), the original and the sentence are the same text. Fixes the source's missing ")"
     * in complaint 2 first; complaint 5's "(1分)" has the form of a slot and drops out like one.
     */
    @ParameterizedTest
    @MethodSource("shipped")
    void theSentenceKeepsTheOriginalWordingOutsideTheSlots(NoteTemplate template) {
        String original = template.original().replace("(地区、品牌客户", "(地区、品牌)客户");
        String literalOfOriginal = original.replaceAll("\\([^()]*\\)", "").replaceAll("[()、,_]", "");
        String literalOfSentence = template.sentence().replaceAll("\\{[A-Za-z][A-Za-z0-9]*}", "").replaceAll("[()、,_]", "");

        assertThat(literalOfSentence).isEqualTo(literalOfOriginal);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyTemplateAndFieldIsNamedInBothLanguages(NoteTemplate template) {
        assertThat(template.name().zhCn()).isNotBlank();
        assertThat(template.name().en()).isNotBlank();
        assertThat(template.translation()).doesNotContainPattern("\\p{IsHan}");
        template.fields().forEach(field -> {
            assertThat(field.label().zhCn()).isNotBlank();
            assertThat(field.label().en()).isNotBlank();
        });
    }

    @Test
    void findsTemplatesById() {
        assertThat(SHIPPED.find("rescue-roadside-breakdown")).map(NoteTemplate::kind).contains(NoteKind.RESCUE);
        assertThat(SHIPPED.find("no-such-template")).isEmpty();
        assertThat(SHIPPED.find(null)).isEmpty();
        assertThatThrownBy(() -> SHIPPED.get("no-such-template"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown note template 'no-such-template'")
                .hasMessageContaining("complaint-service-attitude");
        assertThat(SHIPPED.all()).extracting(NoteTemplate::id).doesNotHaveDuplicates();
    }

    @Test
    void fieldIdsMeanTheSameThingInEveryTemplate() {
        List<NoteField> all = SHIPPED.all().stream().flatMap(t -> t.fields().stream()).toList();
        for (NoteField field : all) {
            assertThat(all).filteredOn(other -> other.id().equals(field.id())).extracting(NoteField::label).containsOnly(field.label());
        }
    }
}
