package io.cuecard.console;

import io.cuecard.call.CallView;
import io.cuecard.call.Stage;
import io.cuecard.call.TransferState;
import java.time.Duration;
import java.time.Instant;

/**
 * Where an agent is, as the console shows it: idle, ringing (a call offered to them, or a customer transferred to them
 * whose transfer they have not answered yet), on a call, or in the wrap-up of a call (with when the wrap-up ends at
 * the latest). The one agent-state function: the console hub computes every agent state with it, and
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
            // the stage agent of a call handed over to a transfer target is that target, whose phone rings (after an
            // unanswered target the stage has no agent until someone talks to the customer again)
            boolean ringing = call.stage() == Stage.RINGING
                    || (call.stage() == Stage.TRANSFER && call.transferState() == TransferState.RINGING_TARGET);
            return new AgentState(ringing ? "ringing" : "on-call", call.id(), null);
        }
        Instant entered = call.stages().stream()
                .filter(s -> s.stage() == Stage.WRAP_UP && s.leftAt() == null && username.equals(s.agent()))
                .map(CallView.StageEntry::enteredAt).findFirst().orElse(call.endedAt());
        return new AgentState("wrap-up", call.id(), entered == null ? null : entered.plus(wrapUpMaximum).toString());
    }
}
