package io.cuecard.script;

import io.cuecard.call.Stage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A situational card the agent can open beside the stage phrase, e.g. "the customer does not respond" (row 6):
 * the {@code group} it is filed under (e.g. {@code clarify}, {@code complaint-soothing}), the source-table
 * {@code row}, the {@code situation} (with translation), the call stages it is offered in, and the standard phrase
 * to say ({@code text}/{@code translation}, variables unfilled).
 */
public record SituationCard(String id, String group, Integer row, String situation, String situationTranslation,
                            List<Stage> stages, String text, String translation) {

    public SituationCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(situationTranslation, "situationTranslation");
        stages = List.copyOf(stages);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(translation, "translation");
    }

    /** The card's phrase with its variables filled. */
    public Phrase phrase(Map<String, String> values) {
        return new Phrase(text, translation).fill(values);
    }
}
