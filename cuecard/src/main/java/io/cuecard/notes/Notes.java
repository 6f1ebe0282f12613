package io.cuecard.notes;

import io.cuecard.script.ForbiddenHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent's notes on a call as the console and the API see them: the text with its forbidden-phrase hits, the
 * disposition, the note template and its fields, the justification kept for phrases a {@code block} rule forbids,
 * and whether they are final (the agent pressed Ready). Saved notes are also a CDI event, observed by the consoles.
 */
public record Notes(String callId, String agent, String text, List<ForbiddenHit> hits, String disposition, boolean isFinal,
                    Instant updatedAt, String template, Map<String, String> fields, String justification) {
}
