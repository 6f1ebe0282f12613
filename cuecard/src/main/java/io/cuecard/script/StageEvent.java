package io.cuecard.script;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Something that happens within a call stage and has a phrase of its own: a hold that lasts longer than the
 * limit (row 5, "please bear with us" while the customer waits) or a transfer whose target does not answer
 * (row 9, offer a message or a callback). Written {@code long-hold} / {@code transfer-failed} in script files.
 */
public enum StageEvent {
    LONG_HOLD, TRANSFER_FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The event for a script-file value, or {@code null} when there is none by that name. */
    static StageEvent fromJson(String value) {
        for (StageEvent event : values()) {
            if (event.json().equals(value)) {
                return event;
            }
        }
        return null;
    }
}
