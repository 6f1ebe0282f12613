package io.cuecard.script.service;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.CallView;
import io.cuecard.call.ForbiddenHit;
import io.cuecard.call.Stage;
import io.cuecard.script.ForbiddenPhraseMatcher;
import io.cuecard.script.Phrase;
import io.cuecard.script.PhraseTemplate;
import io.cuecard.script.Script;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** What the console shows for a call: the phrase to say now, whether it is the resume-after-hold phrase, what comes next. */
    public record Prompt(String id, int version, Phrase phrase, boolean resume, boolean confirmed, List<Next> next) {
    }

    public record Next(Stage stage, String text) {
    }

    @Inject
    ScriptConfig config;

    @Inject
    AgentDirectory agents;

    @Inject
    ScriptLibrary library;

    /** Built once per script version (keyed "id#version"). */
    private final Map<String, ForbiddenPhraseMatcher> matchers = new ConcurrentHashMap<>();

    public Prompt prompt(CallView call) {
        Script script = library.forCall(call);
        Map<String, String> values = values(call.stageAgent());
        List<CallView.StageEntry> stages = call.stages();
        Stage previous = stages.size() >= 2 ? stages.get(stages.size() - 2).stage() : null;
        boolean resume = call.stage() == Stage.CONVERSATION && previous == Stage.HOLD;
        Optional<Phrase> phrase = script.phraseFor(call.stage(), previous, values);
        boolean confirmed = !stages.isEmpty() && stages.get(stages.size() - 1).phraseConfirmed();
        List<Next> next = script.nextStages(call.stage()).stream()
                .map(stage -> new Next(stage, script.phraseFor(stage, values).map(Phrase::text).orElse(null)))
                .toList();
        return new Prompt(script.id(), script.version(), phrase.orElse(null), resume, confirmed, next);
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
                .map(h -> new ForbiddenHit(h.phrase(), h.start(), h.end(), h.ruleId(), h.severity().json(),
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
