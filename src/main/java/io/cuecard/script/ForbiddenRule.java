package io.cuecard.script;

import java.util.List;
import java.util.Objects;

/**
 * One forbidden phrase (服务禁语) of a script: {@code id} such as {@code r01-wei}, the source-table {@code row},
 * the {@code phrase} and its English {@code translation}, the {@code severity}, and the standard phrase to say
 * instead ({@code suggestion}). {@code wholeUtteranceOnly} phrases count only as an utterance of their own,
 * between punctuation, spaces or text ends (喂 in "喂,您好" but not in 喂养). {@code allow} lists longer phrases
 * that contain {@code phrase} and are fine (您说什么时候 for 您说什么): no hit is reported inside them.
 */
public record ForbiddenRule(String id, int row, String phrase, String translation, Severity severity,
                            Phrase suggestion, boolean wholeUtteranceOnly, List<String> allow) {

    public ForbiddenRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(translation, "translation");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(suggestion, "suggestion");
        allow = List.copyOf(allow);
    }
}
