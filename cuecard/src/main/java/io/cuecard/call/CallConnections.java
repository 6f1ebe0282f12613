package io.cuecard.call;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who talks to the customer: from the channel graph (bridges, Local channel pairs) works out the agents connected to
 * each call's customer (talk time, answer time, the greeting for the first agent to connect, a pending transfer
 * answered), and merges into the call the groups that turn out to be part of it (consultation and Local legs reached
 * from the customer, a leg reported with the call's Linkedid). Owned by the tracker's thread.
 */
final class CallConnections {

    private final ChannelGraph graph;
    private final Map<String, CallRecord> groups;
    private final Set<CallRecord> changed;

    CallConnections(CallBook book) {
        this(book.graph(), book.groups(), book.changed());
    }

    private CallConnections(ChannelGraph graph, Map<String, CallRecord> groups, Set<CallRecord> changed) {
        this.graph = graph;
        this.groups = groups;
        this.changed = changed;
    }

    /** A leg reported with the Linkedid of a live call while it sits in a group that is no call: merge them. */
    void mergeOnLinkedidChange(ChannelLeg leg, String callId) {
        if (callId == null || callId.equals(leg.call.id()) || leg.call.isCall()) {
            return;
        }
        CallRecord target = groups.get(callId);
        if (target != null && target.isCall() && target.live()) {
            merge(target, leg.call);
        }
    }

    private void merge(CallRecord call, CallRecord other) {
        call.absorb(other);
        groups.remove(other.id());
        changed.add(call);
    }

    /**
     * The calls whose customer is in {@code leg}'s part of the channel graph (as it is now): the only calls whose
     * connectivity a bridge change or hangup of {@code leg} can change. Taken after joining a bridge, before leaving one.
     */
    Set<CallRecord> callsAround(ChannelLeg leg) {
        if (!graph.isLive(leg)) {
            return Set.of();
        }
        Set<CallRecord> calls = new LinkedHashSet<>();
        for (ChannelLeg l : graph.reachable(leg)) {
            if (l.call != null && l.call.isCall() && l == l.call.customerLeg()) {
                calls.add(l.call);
            }
        }
        return calls;
    }

    void refresh(Set<CallRecord> calls, Instant at) {
        for (CallRecord r : calls) {
            if (r.isCall() && r.live() && groups.containsKey(r.id())) {
                refreshConnectivity(r, at, false);
            }
        }
    }

    void refreshAll(Instant at, boolean midCall) {
        for (CallRecord r : List.copyOf(groups.values())) {
            if (r.isCall() && r.live() && groups.containsKey(r.id())) {
                refreshConnectivity(r, at, midCall);
            }
        }
    }

    /**
     * Recomputes who talks to the customer. Newly connected agents join {@code agents}; the first one to connect
     * while the call rings or is being transferred gets the greeting ({@code midCall}: the conversation, for calls
     * found already connected at a resync).
     */
    void refreshConnectivity(CallRecord call, Instant at, boolean midCall) {
        Set<ChannelLeg> reach = graph.isLive(call.customerLeg()) ? graph.reachable(call.customerLeg()) : Set.of();
        Set<String> now = new LinkedHashSet<>();
        boolean outsidePartyConnected = false;
        for (ChannelLeg l : reach) {
            if (l.call != call && l.call != null && !l.call.isCall() && l.call.live()) {
                merge(call, l.call);
            }
            if (l.isAgent()) {
                now.add(l.username());
            }
            outsidePartyConnected |= l.isOutsideParty() && l != call.customerLeg();
        }
        if (outsidePartyConnected && call.outsidePartyAnswered(at)) {
            changed.add(call);
        }
        boolean change = call.connectedAgentsDifferFrom(now);
        Set<String> newly = call.talking(now, at, midCall);
        change |= !newly.isEmpty();
        String greeter = null;
        for (String agent : newly) {
            if (call.joinedBy(agent, at)) {
                greeter = agent;
            }
        }
        // during a consultation the customer reaching the colleague is the transfer completing: the PBX's
        // AttendedTransfer (which follows at once) hands the call over, with the colleague's greeting
        boolean consultation = call.inConsultationHold() && call.stage() == Stage.TRANSFER;
        if (!newly.isEmpty() && !consultation && (call.stage() == Stage.RINGING || call.stage() == Stage.TRANSFER)) {
            String agent = greeter != null ? greeter : newly.iterator().next();
            StageChange entered = midCall ? StageChange.FOUND_CONNECTED
                    : call.stage() == Stage.TRANSFER && call.returnsTo(agent) ? StageChange.RETURNED : StageChange.ANSWERED;
            call.enterStage(entered, agent, at);
        }
        if (change) {
            changed.add(call);
        }
    }
}
