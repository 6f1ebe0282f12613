package io.cuecard.script;

import io.cuecard.call.Stage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A call script as loaded by {@link ScriptLoader}: what the agent says in each call stage, which stage may follow
 * which, situational cards, and the forbidden phrases the console marks in notes.
 *
 * <p>{@code flow} maps each stage the script covers, in the script's order, to the stages that may follow it.
 * {@code stages} holds the stage phrases as written (variables unfilled); {@code variables} maps each variable
 * the phrases may use to a description. Stages the script does not cover (typically RINGING, ENDED, WRAP_UP)
 * have no phrase and no next stages.
 */
public record Script(String id, String name, String language, int version, AppliesTo appliesTo,
                     Map<String, String> variables, Map<Stage, List<Stage>> flow, List<StagePhrase> stages,
                     List<SituationCard> cards, List<ForbiddenRule> rules) {

    public Script {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(appliesTo, "appliesTo");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Map<Stage, List<Stage>> flowCopy = new LinkedHashMap<>();
        flow.forEach((stage, next) -> flowCopy.put(stage, List.copyOf(next)));
        flow = Collections.unmodifiableMap(flowCopy);
        stages = List.copyOf(stages);
        cards = List.copyOf(cards);
        rules = List.copyOf(rules);
    }

    /** The stages this script covers, in the order the script lists them. */
    public List<Stage> stageOrder() {
        return List.copyOf(flow.keySet());
    }

    /** The stages a call may move to from {@code stage}, in script order; empty for a stage the script does not cover. */
    public List<Stage> nextStages(Stage stage) {
        return flow.getOrDefault(stage, List.of());
    }

    /** The phrase for {@code stage} with variables filled from {@code values}; empty if the stage has none. */
    public Optional<Phrase> phraseFor(Stage stage, Map<String, String> values) {
        return find(stage, null).map(phrase -> phrase.phrase().fill(values));
    }

    /**
     * The phrase for {@code stage} when the call comes to it from {@code previous}, e.g. CONVERSATION after HOLD
     * gives the "resume after hold" phrase. Falls back to the stage's own phrase when the script has no phrase
     * for that return, or when {@code previous} is null.
     */
    public Optional<Phrase> phraseFor(Stage stage, Stage previous, Map<String, String> values) {
        Optional<StagePhrase> returning = previous == null ? Optional.empty() : find(stage, previous);
        return returning.or(() -> find(stage, null)).map(phrase -> phrase.phrase().fill(values));
    }

    /** The cards the console offers in {@code stage}, in script order. */
    public List<SituationCard> cardsFor(Stage stage) {
        return cards.stream().filter(card -> card.stages().contains(stage)).toList();
    }

    /** The forbidden rule with this id. */
    public Optional<ForbiddenRule> rule(String ruleId) {
        return rules.stream().filter(rule -> rule.id().equals(ruleId)).findFirst();
    }

    private Optional<StagePhrase> find(Stage stage, Stage after) {
        return stages.stream()
                .filter(phrase -> phrase.stage() == stage && Objects.equals(phrase.after(), after))
                .findFirst();
    }
}
