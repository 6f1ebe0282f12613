package io.cuecard.console;

import io.cuecard.call.CallView;
import io.cuecard.call.Stage;
import java.time.Duration;
import java.time.Instant;

/**
 * Where an agent is, as the console shows it: idle, ringing, on a call, or in the wrap-up of a call (with when the
 * wrap-up ends at the latest). The one agent-state function: the console hub computes every agent state with it, and
 * the tests check it on calls the tracker made.
 */
public final class AgentPresence {

    /** The console's {@code agentState}: {@code state} idle | ringing | on-call | wrap-up. */
    public record AgentState(String state, String callId, String wrapUpEndsAt) {
        public static final AgentState IDLE = new AgentState("idle", null, null);
    }

    private AgentPresence() {
    }

    /**
     * The call an agent works on now among {@code calls} (those concerning the agent): a live call whose stage is the
     * agent's, or a call the agent is wrapping up (ended, or live: the agent left it after transferring the customer);
     * the most recently started if several.
     */
    public static CallView currentCall(String username, Iterable<CallView> calls) {
        CallView best = null;
        for (CallView call : calls) {
            if (call == null) {
                continue;
            }
            boolean mine = (call.live() && username.equals(call.stageAgent())) || call.wrappingUp(username);
            if (mine && (best == null || call.startedAt().isAfter(best.startedAt()))) {
                best = call;
            }
        }
        return best;
    }

    /** The agent's state among {@code calls}; a wrap-up ends {@code wrapUpMaximum} after it began at the latest. */
    public static AgentState of(String username, Iterable<CallView> calls, Duration wrapUpMaximum) {
        CallView call = currentCall(username, calls);
        if (call == null) {
            return AgentState.IDLE;
        }
        if (call.live() && username.equals(call.stageAgent())) {
            return new AgentState(call.stage() == Stage.RINGING ? "ringing" : "on-call", call.id(), null);
        }
        Instant entered = call.stages().stream()
                .filter(s -> s.stage() == Stage.WRAP_UP && s.leftAt() == null && username.equals(s.agent()))
                .map(CallView.StageEntry::enteredAt).findFirst().orElse(call.endedAt());
        return new AgentState("wrap-up", call.id(), entered == null ? null : entered.plus(wrapUpMaximum).toString());
    }
}
