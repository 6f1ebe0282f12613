package io.cuecard.script;

/**
 * A forbidden phrase found in an agent's notes: offsets in UTF-16 code units of the notes text, the rule that
 * matched, the situation row of the service manual's phrase table it comes from, and the standard phrase to use
 * instead.
 */
public record ForbiddenHit(String phrase, int start, int end, String ruleId, int row, String severity, String suggestion) {
}
