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
 * The agents in wrap-up: paused in their queues ({@link PbxControl#pauseAgent}) from the end of their call until they
 * are ready or the wrap-up maximum has passed. One wrap-up per agent; a new one ends the previous. Owned by the
 * tracker's thread.
 */
final class WrapUpDesk {

    private static final Logger LOG = Logger.getLogger(WrapUpDesk.class);
    static final String PAUSE_REASON = "wrap-up";

    private final AgentDirectory directory;
    private final PbxControl pbx;
    private final Map<String, CallRecord> callByAgent = new HashMap<>();

    WrapUpDesk(AgentDirectory directory, PbxControl pbx) {
        this.directory = directory;
        this.pbx = pbx;
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
        pause(username, true);
        return previous;
    }

    /** Ends the agent's wrap-up ({@code why} goes to the timeline) and un-pauses the agent; false when none. */
    boolean finish(String username, Instant at, String why) {
        CallRecord call = callOf(username);
        if (call == null || !call.closeWrapUp(username, at, why)) {
            return false;
        }
        callByAgent.remove(username);
        pause(username, false);
        return true;
    }

    /** A wrap-up still open in a restored call record (the agent is still paused). */
    void restore(CallRecord call, String username, Instant since) {
        call.wrapUpRestored(username, since);
        callByAgent.put(username, call);
    }

    /** Ends the wrap-ups older than {@code maximum} (at their deadline); returns the calls changed. */
    List<CallRecord> expire(Instant now, Duration maximum) {
        List<CallRecord> changed = new ArrayList<>();
        for (Map.Entry<String, CallRecord> e : List.copyOf(callByAgent.entrySet())) {
            Instant started = e.getValue().wrapUpStartedAt(e.getKey());
            if (started != null) {
                Instant deadline = started.plus(maximum);
                if (!now.isBefore(deadline) && finish(e.getKey(), deadline, "wrap-up-maximum")) {
                    changed.add(e.getValue());
                }
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
        try {
            pbx.pauseAgent(agent.get().memberInterface(), paused, PAUSE_REASON);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s of %s failed", paused ? "pausing" : "un-pausing", username);
        }
    }
}
