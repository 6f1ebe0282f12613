package io.cuecard.script;

import java.util.Map;
import java.util.Objects;

/**
 * Words the agent is shown: the script-language {@code text} and its English {@code translation}.
 * As stored in a script the texts may hold variables such as {@code {agentNo}}; {@link #fill(Map)} fills them.
 */
public record Phrase(String text, String translation) {

    public Phrase {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(translation, "translation");
    }

    /** This phrase with its variables filled from {@code values}; see {@link PhraseTemplate#fill(String, Map)}. */
    public Phrase fill(Map<String, String> values) {
        return new Phrase(PhraseTemplate.fill(text, values), PhraseTemplate.fill(translation, values));
    }
}
