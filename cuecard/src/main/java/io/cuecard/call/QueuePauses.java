package io.cuecard.call;

import io.cuecard.agent.AgentRef;
import io.cuecard.call.event.CallEvent.MemberPause;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The agents' pauses in the queues: what the PBX says of each queue member ({@code QueueMemberPause} events, the
 * {@code QueueStatus} list after every (re)connect) against what Cuecard wants, and the {@link PbxControl#pauseAgent
 * QueuePause} that closes the gap. Reason {@value #WRAP_UP} is Cuecard's (asterisk-config's hangup handler pauses the
 * agent with it as the agent leg of a queue call hangs up, and so does Cuecard when the wrap-up starts); a pause with
 * any other reason is the agent's own and is left alone. What Cuecard wants:
 * <ul>
 *   <li>an agent in wrap-up is paused (un-paused: paused with reason {@value #WRAP_UP});</li>
 *   <li>an agent Cuecard considers ready (no wrap-up, no leg on the PBX, no live call whose stage is theirs) whose
 *       member is paused with reason {@value #WRAP_UP} is un-paused;</li>
 *   <li>an agent on a call: nothing yet (the hangup handler's pause arrives before the leg's hangup and before the
 *       call's end starts the wrap-up).</li>
 * </ul>
 * The list after every (re)connect is compared in both directions; between connects only a pause for wrap-up is (the
 * agent may be ready: a transferring agent, a call Cuecard did not see end). A QueuePause sent is taken as done; should
 * the PBX refuse it (e.g. while shutting down), the next connect's list shows the difference and it is sent again.
 * Owned by the tracker's thread.
 */
final class QueuePauses {

    private static final Logger LOG = Logger.getLogger(QueuePauses.class);
    static final String WRAP_UP = "wrap-up";

    /** A member's pause in one queue; reason "" when none. */
    private record Pause(boolean paused, String reason) {
        boolean forWrapUp() {
            return paused && WRAP_UP.equals(reason);
        }

        /** Paused by the agent (or a supervisor) for a reason of their own. */
        boolean own() {
            return paused && !WRAP_UP.equals(reason);
        }
    }

    private final CallBook book;
    private final PbxControl pbx;
    /** What the PBX last said (or was last asked) of each member interface, per queue. */
    private final Map<String, Map<String, Pause>> reported = new HashMap<>();
    /** Member interfaces whose pause may differ from what Cuecard wants; looked at again after every event. */
    private final Set<String> unsettled = new LinkedHashSet<>();

    QueuePauses(CallBook book, PbxControl pbx) {
        this.book = book;
        this.pbx = pbx;
    }

    /**
     * The PBX paused or un-paused a member (AMI {@code QueueMemberPause}). A pause for wrap-up is looked at (the agent
     * may be ready); an un-pause is not: an agent in wrap-up un-paused on the PBX (by a supervisor) is paused again only
     * at the next connect, as a lost pause is.
     */
    void reported(MemberPause pause) {
        if (record(pause) && pause.paused() && WRAP_UP.equals(reasonOf(pause.reason()))) {
            unsettled.add(pause.memberInterface());
        }
    }

    /** The members of every queue after a (re)connect ({@code QueueStatus}): replaces what was known, all to be settled. */
    void listed(List<MemberPause> members) {
        reported.clear();
        for (MemberPause m : members) {
            record(m);
        }
        unsettled.clear();
        unsettled.addAll(reported.keySet());
    }

    private boolean record(MemberPause pause) {
        if (pause.memberInterface() == null || pause.memberInterface().isBlank()) {
            return false;
        }
        reported.computeIfAbsent(pause.memberInterface(), k -> new LinkedHashMap<>())
                .put(pause.queue() == null ? "" : pause.queue(), new Pause(pause.paused(), reasonOf(pause.reason())));
        return true;
    }

    /**
     * Asks the PBX to pause or un-pause the agent's member with reason {@value #WRAP_UP} (the wrap-up starts or ends),
     * unless the PBX says the member is paused for a reason of the agent's own: that pause stays as it is.
     */
    void request(AgentRef agent, boolean paused) {
        String iface = agent.memberInterface();
        Map<String, Pause> queues = reported.get(iface);
        if (queues != null && !queues.isEmpty() && queues.values().stream().allMatch(Pause::own)) {
            LOG.debugf("%s is paused for a reason of its own; not %s for wrap-up", iface, paused ? "pausing" : "un-pausing");
            return;
        }
        send(iface, paused);
    }

    /**
     * Sends what the agents of the unsettled members need: a pause for an agent in wrap-up whose member is not paused,
     * an un-pause for a ready agent whose member is paused for wrap-up. {@code inWrapUp} tells the agents in wrap-up.
     */
    void settle(Predicate<String> inWrapUp) {
        if (unsettled.isEmpty()) {
            return;
        }
        for (String iface : List.copyOf(unsettled)) {
            Map<String, Pause> queues = reported.getOrDefault(iface, Map.of());
            AgentRef agent = book.agentAt(iface);
            if (agent == null || queues.isEmpty()) {
                unsettled.remove(iface);
                continue;
            }
            if (inWrapUp.test(agent.username())) {
                unsettled.remove(iface);
                if (queues.values().stream().anyMatch(p -> !p.paused())) {
                    LOG.infof("%s is in wrap-up but %s is not paused on the PBX; pausing it", agent.username(), iface);
                    send(iface, true);
                }
            } else if (queues.values().stream().noneMatch(Pause::forWrapUp)) {
                unsettled.remove(iface);
            } else if (!book.agentBusy(agent.username())) {
                unsettled.remove(iface);
                LOG.infof("%s is ready but %s is paused for wrap-up on the PBX; un-pausing it", agent.username(), iface);
                send(iface, false);
            }
            // else: on a call; looked at again after the next event
        }
    }

    private void send(String iface, boolean paused) {
        try {
            pbx.pauseAgent(iface, paused, WRAP_UP);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s of %s failed", paused ? "pausing" : "un-pausing", iface);
        }
        Pause now = new Pause(paused, paused ? WRAP_UP : "");
        Map<String, Pause> queues = reported.get(iface);
        if (queues != null) {
            queues.replaceAll((queue, before) -> now);
        }
    }

    private static String reasonOf(String reason) {
        return reason == null ? "" : reason.strip();
    }
}
