package io.cuecard.script;

import io.cuecard.call.Stage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stage of a script: the words the agent says at one point of the call, under the script's own {@code id}
 * (e.g. {@code greeting}, {@code identity-check}, {@code resume}). {@code callStage} is the call stage
 * ({@link Stage}, driven by the PBX and the console) the script stage is shown in: several script stages may
 * share one (an identity check is shown in the GREETING call stage, after or before the greeting, as the script
 * orders them). A script stage is one of:
 * <ul>
 *   <li>a plain stage ({@code after} and {@code event} null), shown while the call is in {@code callStage};</li>
 *   <li>a return stage ({@code after} set): replaces the call stage's first plain stage when the call comes back to
 *       {@code callStage} from {@code after} (row 4, "sorry to have kept you waiting", is CONVERSATION after HOLD);</li>
 *   <li>an event stage ({@code event} set): shown when that happens during {@code callStage} (row 5 on a long hold).</li>
 * </ul>
 * {@code next} lists the ids of the script stages that may follow; {@code row} is the situation row of the source table,
 * or {@code null} for a prompt of the script's own. Texts are as written (variables unfilled).
 */
public record ScriptStage(String id, Stage callStage, Stage after, StageEvent event, Integer row, String text,
                         String translation, List<String> next) {

    public ScriptStage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callStage, "callStage");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(translation, "translation");
        if (after != null && event != null) {
            throw new IllegalArgumentException("stage " + id + " cannot have both 'after' and 'event'");
        }
        next = List.copyOf(next);
    }

    /** Whether this is a plain stage (neither a return stage nor an event stage). */
    public boolean plain() {
        return after == null && event == null;
    }

    /** The text and translation as a {@link Phrase}, variables still unfilled. */
    public Phrase phrase() {
        return new Phrase(text, translation);
    }

    /** The phrase with its variables filled from {@code values}. */
    public Phrase phrase(Map<String, String> values) {
        return phrase().fill(values);
    }
}
