package io.cuecard.script.service;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.CallView;
import io.cuecard.call.Stage;
import io.cuecard.script.ForbiddenHit;
import io.cuecard.script.ForbiddenPhraseMatcher;
import io.cuecard.script.Phrase;
import io.cuecard.script.PhraseTemplate;
import io.cuecard.script.Script;
import io.cuecard.script.StageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consoles show from the scripts: the required phrase for a call's current stage (from the script version
 * the call runs with, variables filled from the settings and the stage's agent), what comes next, and
 * forbidden-phrase checking of notes.
 */
@ApplicationScoped
public class ScriptService {

    /**
     * What the console shows for a call: the script version, the phrase to say now (the resume apology, the in-hold
     * phrase after a long hold, the closing with the holiday greeting …), whether it was said, what comes next, the
     * situational cards of the stage, and row 9's phrase when a transfer target did not answer.
     */
    public record Prompt(String id, int version, Phrase phrase, boolean resume, boolean confirmed, boolean inHold,
                         boolean apologyRequired, Phrase transferFailed, List<Next> next, List<Card> cards) {
    }

    public record Next(Stage stage, String text) {
    }

    /** A situational card: the situation and the standard phrase for it. */
    public record Card(String id, String group, Integer row, String situation, String situationTranslation, String text,
                       String translation) {
    }

    @Inject
    ScriptConfig config;

    @Inject
    AgentDirectory agents;

    @Inject
    ScriptLibrary library;

    @Inject
    HolidayService holidays;

    /** Built once per script version (keyed "id#version"). */
    private final Map<String, ForbiddenPhraseMatcher> matchers = new ConcurrentHashMap<>();

    public Prompt prompt(CallView call) {
        Script script = library.forCall(call);
        Map<String, String> values = values(call.stageAgent());
        List<CallView.StageEntry> stages = call.ownStages();
        Stage stage = call.stage();
        Stage previous = stages.size() >= 2 ? stages.get(stages.size() - 2).stage() : null;
        boolean resume = stage == Stage.CONVERSATION && previous == Stage.HOLD;
        boolean inHold = stage == Stage.HOLD && call.longHold();
        Optional<Phrase> phrase = inHold ? script.phraseOn(StageEvent.LONG_HOLD, values)
                : script.phraseFor(stage, previous, values, LocalDate.now(config.zone()), holidays.calendar());
        boolean confirmed = !stages.isEmpty() && stages.get(stages.size() - 1).phraseConfirmed();
        Phrase transferFailed = call.transferFailed() ? script.phraseOn(StageEvent.TRANSFER_FAILED, values).orElse(null) : null;
        List<Next> next = script.nextStages(stage).stream()
                .map(s -> new Next(s, script.phraseFor(s, values).map(Phrase::text).orElse(null)))
                .toList();
        List<Card> cards = script.cardsFor(stage).stream()
                .map(c -> {
                    Phrase p = c.phrase(values);
                    return new Card(c.id(), c.group(), c.row(), c.situation(), c.situationTranslation(), p.text(), p.translation());
                }).toList();
        return new Prompt(script.id(), script.version(), phrase.orElse(null), resume, confirmed, inHold, call.apologyRequired(),
                transferFailed, next, cards);
    }

    /** Forbidden phrases in an agent's notes on a call, by the script the call runs with. */
    public List<ForbiddenHit> check(String text, String agentUsername, CallView call) {
        return check(text, agentUsername, library.forCall(call));
    }

    /** Forbidden phrases in a text, by a script (its newest version); suggestions filled in for the agent. */
    public List<ForbiddenHit> check(String text, String agentUsername, Script script) {
        List<ForbiddenPhraseMatcher.Hit> hits = matchers.computeIfAbsent(script.id() + "#" + script.version(), k -> ForbiddenPhraseMatcher.of(script)).find(text);
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<String, String> values = values(agentUsername);
        return hits.stream()
                .map(h -> new ForbiddenHit(h.phrase(), h.start(), h.end(), h.ruleId(), h.row(), h.severity().json(),
                        h.suggestion() == null ? null : PhraseTemplate.fill(h.suggestion(), values)))
                .toList();
    }

    private Map<String, String> values(String agentUsername) {
        Map<String, String> values = new HashMap<>();
        values.put("centre", config.centre());
        values.put("hotline", config.hotline());
        Optional<AgentRef> agent = agents.byUsername(agentUsername);
        agent.ifPresent(a -> {
            values.put("agentName", a.displayName());
            if (a.employeeNo() != null) {
                values.put("agentNo", a.employeeNo());
            }
        });
        return values;
    }
}
