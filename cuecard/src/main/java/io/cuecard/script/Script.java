package io.cuecard.script;

import io.cuecard.call.Stage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A call script as loaded by {@link ScriptLoader}: the script stages the agent follows (in the script's order, each
 * shown in a call stage, see {@link ScriptStage}), situational cards, the forbidden phrases the console marks in notes, the greeting added to
 * the closing on holidays, and the markers that introduce the customer's own words in a note.
 *
 * <p>{@code variables} maps each variable the phrases may use to a description. Call stages without a script stage
 * (typically RINGING, ENDED, WRAP_UP) have no phrase and no next stages.
 */
public record Script(String id, String name, String language, int version, AppliesTo appliesTo,
                     Map<String, String> variables, List<ScriptStage> stages, List<SituationCard> cards,
                     List<ForbiddenRule> rules, Phrase holidayGreeting, List<String> customerQuoteMarkers) {

    public Script {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(appliesTo, "appliesTo");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        stages = List.copyOf(stages);
        cards = List.copyOf(cards);
        rules = List.copyOf(rules);
        customerQuoteMarkers = List.copyOf(customerQuoteMarkers);
    }

    /** The same script under another version number (the content is unchanged). */
    public Script withVersion(int newVersion) {
        return new Script(id, name, language, newVersion, appliesTo, variables, stages, cards, rules, holidayGreeting,
                customerQuoteMarkers);
    }

    /** The call stages this script has plain script stages for, in the order of their first one. */
    public List<Stage> stageOrder() {
        Set<Stage> order = new LinkedHashSet<>();
        stages.stream().filter(ScriptStage::plain).forEach(step -> order.add(step.callStage()));
        return List.copyOf(order);
    }

    /** The script stage with this id. */
    public Optional<ScriptStage> stage(String stageId) {
        return stages.stream().filter(step -> step.id().equals(stageId)).findFirst();
    }

    /** The plain script stages shown in call stage {@code stage}, in script order (e.g. greeting, then identity check). */
    public List<ScriptStage> stagesFor(Stage stage) {
        return stages.stream().filter(step -> step.plain() && step.callStage() == stage).toList();
    }

    /**
     * The call stages a call may move to from {@code stage}, in script order: the call stages of the script stages that
     * the script stages of {@code stage} list in {@code next}, other than {@code stage} itself. Empty for a call
     * stage without script stages.
     */
    public List<Stage> nextStages(Stage stage) {
        Set<Stage> next = new LinkedHashSet<>();
        for (ScriptStage step : stages) {
            if (step.callStage() != stage) {
                continue;
            }
            for (String id : step.next()) {
                stage(id).map(ScriptStage::callStage).filter(s -> s != stage).ifPresent(next::add);
            }
        }
        return List.copyOf(next);
    }

    /** The phrase of the first plain script stage of {@code stage}, variables filled; empty if the stage has none. */
    public Optional<Phrase> phraseFor(Stage stage, Map<String, String> values) {
        return firstPlain(stage).map(step -> step.phrase(values));
    }

    /**
     * The phrase for {@code stage} when the call comes to it from {@code previous}, e.g. CONVERSATION after HOLD
     * gives the "resume after hold" phrase. Falls back to the first plain script stage when the script has no
     * return stage for {@code previous}, or when {@code previous} is null.
     */
    public Optional<Phrase> phraseFor(Stage stage, Stage previous, Map<String, String> values) {
        Optional<ScriptStage> returning = previous == null ? Optional.empty() : stages.stream()
                .filter(step -> step.callStage() == stage && step.after() == previous).findFirst();
        return returning.or(() -> firstPlain(stage)).map(step -> step.phrase(values));
    }

    /**
     * As {@link #phraseFor(Stage, Stage, Map)}, and on a holiday of {@code calendar} the CLOSING phrase ends with
     * the script's {@link #holidayGreeting()} (祝您节日愉快).
     */
    public Optional<Phrase> phraseFor(Stage stage, Stage previous, Map<String, String> values, LocalDate today,
                                      HolidayCalendar calendar) {
        Optional<Phrase> phrase = phraseFor(stage, previous, values);
        if (stage != Stage.CLOSING || holidayGreeting == null || !calendar.isHoliday(today)) {
            return phrase;
        }
        Phrase greeting = holidayGreeting.fill(values);
        return phrase.map(p -> new Phrase(p.text() + greeting.text(), p.translation() + " " + greeting.translation()));
    }

    /** The phrase of the script stage for {@code event} (row 5 on a long hold, row 9 when a transfer fails), variables filled. */
    public Optional<Phrase> phraseOn(StageEvent event, Map<String, String> values) {
        return stages.stream().filter(step -> step.event() == event).findFirst().map(step -> step.phrase(values));
    }

    /** The cards the console offers in {@code stage}, in script order. */
    public List<SituationCard> cardsFor(Stage stage) {
        return cards.stream().filter(card -> card.stages().contains(stage)).toList();
    }

    /** The forbidden rule with this id. */
    public Optional<ForbiddenRule> rule(String ruleId) {
        return rules.stream().filter(rule -> rule.id().equals(ruleId)).findFirst();
    }

    /** Every standard phrase of the script as written: stages, cards, suggestions and the holiday greeting. */
    public List<Phrase> standardPhrases() {
        List<Phrase> phrases = new ArrayList<>();
        stages.forEach(step -> phrases.add(step.phrase()));
        cards.forEach(card -> phrases.add(new Phrase(card.text(), card.translation())));
        rules.forEach(rule -> phrases.add(rule.suggestion()));
        if (holidayGreeting != null) {
            phrases.add(holidayGreeting);
        }
        return phrases;
    }

    private Optional<ScriptStage> firstPlain(Stage stage) {
        return stages.stream().filter(step -> step.plain() && step.callStage() == stage).findFirst();
    }
}
