package io.cuecard.script;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How hard the console reacts to a forbidden phrase: {@code WARN} marks it, {@code BLOCK} marks it and asks the
 * agent to rephrase before the note is saved. Written {@code warn} / {@code block} in script files and JSON.
 */
public enum Severity {
    WARN, BLOCK;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    /** The severity for a script-file value, or {@code null} when the value is neither {@code warn} nor {@code block}. */
    static Severity fromJson(String value) {
        for (Severity severity : values()) {
            if (severity.json().equals(value)) {
                return severity;
            }
        }
        return null;
    }
}
