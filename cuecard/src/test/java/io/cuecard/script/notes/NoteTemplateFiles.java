package io.cuecard.script.notes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A small valid templates file for tests, and loading of variants of it. */
final class NoteTemplateFiles {

    /** One complaint template with region, serial and plate number, all required. */
    static final String VALID = """
            {"format": 1,
             "fields": [
               {"id": "region", "label": {"zh-CN": "地区", "en": "Region"}},
               {"id": "serialNumber", "label": {"zh-CN": "出厂编号", "en": "Serial number"}},
               {"id": "plateNumber", "label": {"zh-CN": "车牌号码", "en": "Plate number"}}
             ],
             "templates": [
               {"id": "complaint-test", "kind": "complaint", "name": {"zh-CN": "投诉测试", "en": "Test complaint"},
                "original": "(地区)客户投诉。(出厂编号,车牌号码)",
                "sentence": "{region}客户投诉。({serialNumber},{plateNumber})",
                "translation": "A {region} customer complains. ({serialNumber}, {plateNumber})",
                "fields": [
                  {"id": "region", "required": true},
                  {"id": "serialNumber", "required": true},
                  {"id": "plateNumber", "required": true}
                ]}
             ]}
            """;

    static NoteTemplates load(String json) {
        return NoteTemplates.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #VALID} with one exact piece of text replaced (which must be there). */
    static NoteTemplates loadWith(String find, String replacement) {
        if (!VALID.contains(find)) {
            throw new IllegalArgumentException("not in the valid file: " + find);
        }
        return load(VALID.replace(find, replacement));
    }

    /** Loading {@link #VALID} with one piece of text replaced, for asserting that it fails. */
    static ThrowingCallable loadWithProblem(String find, String replacement) {
        return () -> loadWith(find, replacement);
    }

    private NoteTemplateFiles() {
    }
}
