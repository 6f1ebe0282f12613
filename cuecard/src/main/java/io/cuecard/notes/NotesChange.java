package io.cuecard.notes;

import io.cuecard.script.ForbiddenHit;
import java.util.List;
import java.util.Map;

/** A change of an agent's notes; null members leave what is stored as it is. */
record NotesChange(String text, List<ForbiddenHit> hits, String disposition, String template, Map<String, String> fields,
                   String justification, boolean makeFinal) {

    static NotesChange text(String text, List<ForbiddenHit> hits, String template, Map<String, String> fields) {
        return new NotesChange(text, hits, null, template, fields, null, false);
    }

    static NotesChange disposition(String code) {
        return new NotesChange(null, null, code, null, null, null, false);
    }

    static NotesChange closing(String justification) {
        return new NotesChange(null, null, null, null, null, justification, true);
    }
}
