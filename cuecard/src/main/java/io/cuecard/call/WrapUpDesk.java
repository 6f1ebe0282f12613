package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The agents in wrap-up: paused in their queues ({@link QueuePauses#request}) from the end of their call until they
 * are ready or their deadline (the wrap-up maximum after the start) has passed. One wrap-up per agent; a new one ends
 * the previous. A wrap-up restored after a restart keeps the deadline it had. Owned by the tracker's thread.
 */
final class WrapUpDesk {

    private static final Logger LOG = Logger.getLogger(WrapUpDesk.class);
    static final String PAUSE_REASON = QueuePauses.WRAP_UP;

    private final AgentDirectory directory;
    private final QueuePauses pauses;
    private final Duration maximum;
    private final Map<String, CallRecord> callByAgent = new HashMap<>();
    /** When each agent's wrap-up ends at the latest. */
    private final Map<String, Instant> deadlines = new HashMap<>();

    WrapUpDesk(AgentDirectory directory, QueuePauses pauses, Duration maximum) {
        this.directory = directory;
        this.pauses = pauses;
        this.maximum = maximum;
    }

    /** Whether the agent is in wrap-up. */
    boolean inWrapUp(String username) {
        return username != null && callByAgent.containsKey(username);
    }

    /** The call the agent is in wrap-up for, or null. */
    CallRecord callOf(String username) {
        return username == null ? null : callByAgent.get(username);
    }

    /**
     * Starts the agent's wrap-up for the call (ended, or left after a transfer) and pauses the agent. The first agent's
     * wrap-up entry follows the ENDED stage; further agents, and agents who left a live call, get their own entries
     * beside it. Returns the call whose wrap-up this ended, or null.
     */
    CallRecord start(CallRecord call, String username, Instant at, boolean firstAgent) {
        CallRecord previous = callByAgent.get(username);
        if (previous == call && call.wrapUpStartedAt(username) != null) {
            return null; // already wrapping this call up (left it after transferring the customer)
        }
        if (previous != null && !finish(username, at, "wrap-up-superseded")) {
            previous = null;
        }
        call.startWrapUp(username, at, firstAgent);
        callByAgent.put(username, call);
        deadlines.put(username, at.plus(maximum));
        pause(username, true);
        return previous;
    }

    /**
     * The agent wrapping up a call that goes on (they transferred the customer and left) talks to its customer again
     * (the transfer's target did not answer and the PBX gave the customer back): that wrap-up ends (timeline
     * {@code wrap-up-back-on-call}); the agent stays paused, being on the call, and wraps up again when it ends.
     */
    void backOnTheCall(CallRecord call, String username, Instant at) {
        if (callOf(username) == call && call.closeWrapUp(username, at, "wrap-up-back-on-call")) {
            callByAgent.remove(username);
            deadlines.remove(username);
        }
    }

    /** Ends the agent's wrap-up ({@code why} goes to the timeline) and un-pauses the agent; false when none. */
    boolean finish(String username, Instant at, String why) {
        CallRecord call = callOf(username);
        if (call == null || !call.closeWrapUp(username, at, why)) {
            return false;
        }
        callByAgent.remove(username);
        deadlines.remove(username);
        pause(username, false);
        return true;
    }

    /**
     * A wrap-up still open in a restored call record (the agent is still paused): it ends at {@code deadline} (null:
     * the wrap-up maximum after {@code since}) unless the agent is ready first.
     */
    void restore(CallRecord call, String username, Instant since, Instant deadline) {
        call.wrapUpRestored(username, since);
        callByAgent.put(username, call);
        deadlines.put(username, deadline != null ? deadline : since.plus(maximum));
    }

    /** Ends the wrap-ups whose deadline has come (at their deadline); returns the calls changed. */
    List<CallRecord> expire(Instant now) {
        List<CallRecord> changed = new ArrayList<>();
        for (Map.Entry<String, CallRecord> e : List.copyOf(callByAgent.entrySet())) {
            Instant deadline = deadlines.get(e.getKey());
            if (deadline != null && !now.isBefore(deadline) && finish(e.getKey(), deadline, "wrap-up-maximum")) {
                changed.add(e.getValue());
            }
        }
        return changed;
    }

    private void pause(String username, boolean paused) {
        Optional<AgentRef> agent = directory.byUsername(username);
        if (agent.isEmpty() || agent.get().memberInterface() == null) {
            LOG.warnf("cannot %s agent %s: no member interface", paused ? "pause" : "un-pause", username);
            return;
        }
        pauses.request(agent.get(), paused);
    }
}
