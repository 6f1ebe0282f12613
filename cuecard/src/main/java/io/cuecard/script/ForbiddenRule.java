package io.cuecard.script;

import java.util.List;
import java.util.Objects;

/**
 * One forbidden phrase (服务禁语) of a script: {@code id} such as {@code r01-wei}, the source-table {@code row},
 * the {@code phrase} and its English {@code translation}, the {@code severity}, and the standard phrase to say
 * instead ({@code suggestion}).
 * <ul>
 *   <li>{@code wholeUtteranceOnly}: the phrase counts only as an utterance of its own, between punctuation, text
 *       ends or (beside a non-Latin character) spaces: 喂 in "喂,您好" but not in 喂养. Always true for a single
 *       character.</li>
 *   <li>{@code allow}: longer phrases that contain {@code phrase} and are fine (您说什么时候 for 您说什么): no hit
 *       is reported inside them.</li>
 *   <li>{@code minRepeat}: 1 for a plain phrase; 2 or more for a phrase that is forbidden only when repeated at
 *       least that many times in a row (喂,喂,喂 / 喂喂喂 for row 6); the hit then spans the whole run.</li>
 * </ul>
 */
public record ForbiddenRule(String id, int row, String phrase, String translation, Severity severity,
                            Phrase suggestion, boolean wholeUtteranceOnly, List<String> allow, int minRepeat) {

    public ForbiddenRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(translation, "translation");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(suggestion, "suggestion");
        allow = List.copyOf(allow);
        if (minRepeat < 1) {
            throw new IllegalArgumentException("minRepeat must be 1 or more");
        }
    }

    /** A rule for a phrase that is forbidden on its own (not only when repeated). */
    public ForbiddenRule(String id, int row, String phrase, String translation, Severity severity,
                         Phrase suggestion, boolean wholeUtteranceOnly, List<String> allow) {
        this(id, row, phrase, translation, severity, suggestion, wholeUtteranceOnly, allow, 1);
    }

    /** Whether this rule needs its phrase repeated ({@code minRepeat > 1}). */
    public boolean repeated() {
        return minRepeat > 1;
    }
}
