package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call state, with one owner: the channel groups (live calls and groups that are not calls yet) by Linkedid, the
 * ended calls kept for wrap-up and idempotence, the channel graph (legs, bridges, Local pairs) and the calls changed by
 * the event or action being applied. The tracker creates it and hands it to its rules ({@link CallIntake},
 * {@link CallConnections}, {@link HoldDesk}, {@link TransferDesk}, {@link CallEnding}, {@link LinkRecovery}); they
 * change calls through it and never call back into the tracker, which publishes {@link #takeChanged() the changes}.
 * Not thread-safe: used on the call thread only.
 */
final class CallBook {

    private static final int ENDED_CALLS_KEPT = 1_000;

    private final AgentDirectory directory;
    private final ChannelGraph graph = new ChannelGraph();
    /** Live channel groups (calls and groups that are not calls yet), by Linkedid. */
    private final Map<String, CallRecord> groups = new LinkedHashMap<>();
    /** Ended calls: while their agents are in wrap-up, and then the most recent ones (for idempotent re-application). */
    private final Map<String, CallRecord> ended = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CallRecord> eldest) {
            return size() > ENDED_CALLS_KEPT && !eldest.getValue().inWrapUp();
        }
    };
    /** The calls changed by the current event or action, published by the tracker at its end. */
    private final Set<CallRecord> changed = new LinkedHashSet<>();

    CallBook(AgentDirectory directory) {
        this.directory = directory;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** Live channel groups by Linkedid (calls and groups that are not calls yet). */
    Map<String, CallRecord> groups() {
        return groups;
    }

    /** Ended calls by id: in wrap-up, or recently ended. */
    Map<String, CallRecord> ended() {
        return ended;
    }

    /** The calls changed so far by the current event or action. */
    Set<CallRecord> changed() {
        return changed;
    }

    /** The changed calls, in the order they changed; the set is empty afterwards. */
    List<CallRecord> takeChanged() {
        List<CallRecord> taken = new ArrayList<>(changed);
        changed.clear();
        return taken;
    }

    /** A live customer call by id, else null. */
    CallRecord liveCall(String callId) {
        CallRecord r = callId == null ? null : groups.get(callId);
        return r != null && r.isCall() ? r : null;
    }

    /** The live call the agent talks on, else null. */
    CallRecord callWhereConnected(String username) {
        for (CallRecord r : groups.values()) {
            if (r.isCall() && r.isConnected(username)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The agent is still busy with a call: a leg of theirs is on the PBX (ringing, talking, consulting), or the stage of
     * a live call is theirs (as between their leg's hangup and the end of the call it leaves behind).
     */
    boolean agentBusy(String username) {
        for (CallRecord r : groups.values()) {
            if (r.isCall() && username.equals(r.stageAgent())) {
                return true;
            }
            for (ChannelLeg leg : r.legs()) {
                if (username.equals(leg.username())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The agent at a queue member interface (or channel endpoint), else null. */
    AgentRef agentAt(String memberInterface) {
        return memberInterface == null ? null : directory.byInterface(memberInterface).orElse(null);
    }

    void attach(CallRecord group, ChannelLeg leg) {
        group.addLeg(leg);
        graph.add(leg);
    }

    /** The leg is gone: out of the graph and its group; a hold it was in counts into the call's hold time. */
    void forgetLeg(ChannelLeg leg, Instant at) {
        graph.remove(leg);
        leg.call.removeLeg(leg, at);
    }

    /** A group that is no call is dropped with its last leg. */
    void dropIfEmpty(CallRecord group) {
        if (!group.isCall() && group.legs().isEmpty()) {
            groups.remove(group.id());
        }
    }

    /** Adds a timeline entry: to the group itself, or for a consultation group to the call it concerns. */
    void note(CallRecord group, ChannelLeg leg, Instant at, String type, String detail) {
        CallRecord related = group.relatedCall();
        if (!group.isCall() && related != null && related.live()) {
            related.addTimeline(at, "consultation-" + type, leg.channel, leg.username(), detail);
            changed.add(related);
            return;
        }
        group.addTimeline(at, type, leg.channel, leg.username(), detail);
        changed.add(group);
    }

    /** "a; b", or whichever of the two is not null. */
    static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }
}
