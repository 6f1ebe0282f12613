package io.cuecard.script;

import io.cuecard.call.Stage;

import java.util.Objects;

/**
 * The phrase a script asks the agent to say in a call stage, as written in the script (variables unfilled).
 * {@code after} is {@code null} for the stage's own phrase; otherwise the phrase replaces it when the call comes
 * back to {@code stage} from {@code after} (row 4, "sorry to have kept you waiting", is CONVERSATION after HOLD).
 * {@code row} is the situation row of the source table, or {@code null} for a phrase of the script's own.
 */
public record StagePhrase(Stage stage, Stage after, Integer row, String text, String translation) {

    public StagePhrase {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(translation, "translation");
    }

    /** The text and translation as a {@link Phrase}, variables still unfilled. */
    public Phrase phrase() {
        return new Phrase(text, translation);
    }
}
