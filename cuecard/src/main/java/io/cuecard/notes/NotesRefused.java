package io.cuecard.notes;

import java.util.Map;

/**
 * Ready was refused because the notes are not complete: {@code code} (and what else the console needs to show it, e.g.
 * the missing fields or the forbidden phrases) says what to do.
 */
public final class NotesRefused extends RuntimeException {

    private final Map<String, Object> details;

    NotesRefused(String message, Map<String, Object> details) {
        super(message);
        this.details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** {@code code} and the rest the console needs. */
    public Map<String, Object> details() {
        return details;
    }
}
