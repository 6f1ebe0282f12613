package io.cuecard.call;

import io.cuecard.agent.AgentRef;
import io.cuecard.call.event.CallEvent.ChannelsGone;
import io.cuecard.call.event.CallEvent.LinkLost;
import io.cuecard.call.event.CallEvent.LiveChannel;
import io.cuecard.call.event.CallEvent.QueuedCaller;
import io.cuecard.call.event.CallEvent.Resynced;
import io.cuecard.call.event.CallEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls across a loss of the PBX link: marks the live calls when the link is lost ({@code link-lost}), sweeps the
 * legs the PBX no longer has ({@code hangup-missed}), and after a reconnect rebuilds the channel graph from the PBX's
 * list of live channels and queued callers: calls gone meanwhile end (flags {@code link-lost} and
 * {@code ended-while-disconnected}, {@code endedAfter} the last moment each was seen up, {@code endedBefore} the
 * resync), calls that began while Cuecard was away appear (flag {@code started-unseen}), and callers still waiting in a
 * queue since before a restart get their wait from {@code QueueStatus}. Owned by the tracker's thread.
 */
final class LinkRecovery {

    private final CallBook book;
    private final CallIntake intake;
    private final CallEnding ending;
    private final CallConnections connections;
    private final HoldDesk holds;
    private final ChannelGraph graph;
    private final Map<String, CallRecord> groups;
    private final Map<String, CallRecord> ended;
    private final Set<CallRecord> changed;
    /** When the link was lost (the first loss since the last resync), or null. */
    private Instant linkLostAt;

    LinkRecovery(CallBook book, CallIntake intake, CallEnding ending, CallConnections connections, HoldDesk holds) {
        this.book = book;
        this.intake = intake;
        this.ending = ending;
        this.connections = connections;
        this.holds = holds;
        this.graph = book.graph();
        this.groups = book.groups();
        this.ended = book.ended();
        this.changed = book.changed();
    }

    void onLinkLost(LinkLost lost) {
        if (linkLostAt == null) {
            linkLostAt = lost.at();
        }
        for (CallRecord r : groups.values()) {
            if (r.isCall()) {
                r.addTimeline(lost.at(), "link-lost", null, null, null);
                changed.add(r);
            }
        }
    }

    /**
     * Legs the PBX no longer has, their hangup never seen: each is hung up. A call that loses its customer (or its
     * last leg) ends with hangup by the system, flagged {@code hangup-missed}; the closing rules are not checked.
     */
    void onChannelsGone(ChannelsGone g) {
        for (CallEvent.Leg gone : g.legs()) {
            ChannelLeg leg = gone == null ? null : graph.get(gone.uniqueId());
            if (leg == null) {
                continue;
            }
            CallRecord group = leg.call;
            boolean wasBridged = leg.bridgeId != null;
            book.forgetLeg(leg, g.at());
            if (!group.live()) {
                continue;
            }
            book.note(group, leg, g.at(), "hung-up", "gone from the PBX, hangup not seen");
            if (group.isCall() && (leg == group.customerLeg() || (group.customerLeg() == null && group.legs().isEmpty()))) {
                group.addFlag("hangup-missed", g.at(), "the call was gone from the PBX; its hangup was never seen");
                group.hungUpBySystemUnlessDecided();
                ending.endCall(group, g.at(), false);
                continue;
            }
            holds.afterLegGone(group, leg, g.at());
            if (wasBridged) {
                connections.refreshAll(g.at(), false);
            }
        }
    }

    void onResynced(Resynced r) {
        // the moment the link was lost in this run (null: the first connect after a start)
        Instant seenUntil = linkLostAt;
        Instant lostAt = linkLostAt != null ? linkLostAt : r.at();
        linkLostAt = null;
        Map<String, LiveChannel> live = new LinkedHashMap<>();
        for (LiveChannel c : r.channels()) {
            if (c.leg() != null && c.leg().uniqueId() != null && c.callId() != null) {
                live.put(c.leg().uniqueId(), c);
            }
        }
        Map<String, QueuedCaller> queued = new HashMap<>();
        for (QueuedCaller q : r.queuedCallers()) {
            if (q.leg() != null && q.leg().uniqueId() != null) {
                queued.put(q.leg().uniqueId(), q);
            }
        }
        Set<String> openedMeanwhile = r.openedMeanwhile();
        for (ChannelLeg leg : graph.all()) {
            if (!live.containsKey(leg.uniqueId) && !openedMeanwhile.contains(leg.uniqueId)) {
                book.forgetLeg(leg, lostAt);
            }
        }
        graph.clearBridges(openedMeanwhile);
        Set<CallRecord> fresh = new LinkedHashSet<>();
        for (LiveChannel c : live.values()) {
            ChannelLeg leg = graph.get(c.leg().uniqueId());
            if (leg == null) {
                if (ended.containsKey(c.callId())) {
                    continue;
                }
                leg = resyncLeg(c, r.at(), fresh);
            }
            leg.up = c.up();
            if (leg.up && leg.isAgent()) {
                leg.call.agentPickedUp();
            }
            if (c.bridgeId() != null) {
                graph.enterBridge(leg, c.bridgeId());
            }
        }
        for (LiveChannel c : live.values()) {
            ChannelLeg leg = graph.get(c.leg().uniqueId());
            ChannelLeg partner = graph.get(c.localPartner());
            if (leg != null && partner != null) {
                graph.pair(partner, leg);
            }
        }
        for (CallRecord call : List.copyOf(groups.values())) {
            if (!call.isCall()) {
                if (call.legs().isEmpty()) {
                    groups.remove(call.id());
                }
                continue;
            }
            boolean present = call.customerLeg() != null ? graph.isLive(call.customerLeg()) : !call.legs().isEmpty();
            if (present && !call.legs().isEmpty() && call.legs().stream().allMatch(l -> openedMeanwhile.contains(l.uniqueId))) {
                continue; // began after the lists were asked for: Cuecard saw all of it, nothing to resync
            }
            if (present) {
                call.addTimeline(r.at(), "resynced", null, null, null);
                recoveredInQueue(call, queued, r.at());
                changed.add(call);
            } else {
                // seen up until the link was lost; after a restart, until the last PBX event its call-log record has
                Instant lastSeenUp = seenUntil != null ? seenUntil : call.lastSeenUp();
                call.addTimeline(r.at(), "resynced", null, null, "call gone from the PBX");
                call.addFlag("link-lost", lostAt, "the call ended while the PBX link was down");
                ending.endUnseen(call, lastSeenUp, r.at());
            }
        }
        for (CallRecord group : fresh) {
            confirmFromResync(group, live, queued, r.at());
        }
        connections.refreshAll(r.at(), true);
    }

    /**
     * A call Cuecard knew before the resync whose customer still waits in a queue ({@code QueueStatus}): when it does not
     * know since when (a call restored after a restart), the PBX's {@code Wait} says it.
     */
    private static void recoveredInQueue(CallRecord call, Map<String, QueuedCaller> queued, Instant at) {
        QueuedCaller q = call.customerLeg() == null ? null : queued.get(call.customerLeg().uniqueId);
        if (q != null && q.waitSeconds() != null) {
            call.stillInQueue(q.queue(), at.minusSeconds(q.waitSeconds()));
        }
    }

    private ChannelLeg resyncLeg(LiveChannel c, Instant at, Set<CallRecord> fresh) {
        AgentRef agent = c.local() ? null : book.agentAt(c.endpoint());
        ChannelLeg leg = new ChannelLeg(c.leg().uniqueId(), c.leg().channel(), c.local(), agent);
        leg.callerNumber = c.callerNumber();
        leg.exten = c.exten();
        CallRecord group = groups.get(c.callId());
        if (group == null) {
            Instant started = c.ageSeconds() == null ? at : at.minusSeconds(c.ageSeconds());
            group = new CallRecord(c.callId(), started);
            groups.put(group.id(), group);
            fresh.add(group);
        }
        book.attach(group, leg);
        if (group.isCall() && group.customerLeg() == null && leg.isOutsideParty()) {
            intake.setCustomer(group, leg);
        }
        return leg;
    }

    /** A group first seen at a resync: a call when a customer waits in a queue or is bridged with an agent. */
    private void confirmFromResync(CallRecord group, Map<String, LiveChannel> live, Map<String, QueuedCaller> queued,
                                   Instant at) {
        for (ChannelLeg l : group.legs()) {
            if (!l.isOutsideParty()) {
                continue;
            }
            LiveChannel c = live.get(l.uniqueId);
            QueuedCaller q = queued.get(l.uniqueId);
            boolean inQueue = q != null || "Queue".equalsIgnoreCase(c.application());
            if (!inQueue && graph.reachable(l).stream().noneMatch(ChannelLeg::isAgent)) {
                continue;
            }
            intake.setCustomer(group, l);
            if (q != null) {
                group.foundInQueue(q.queue(), q.waitSeconds() == null ? null : at.minusSeconds(q.waitSeconds()));
            } else if (inQueue && c.applicationData() != null) {
                group.foundInQueue(c.applicationData().split(",", 2)[0], null);
            }
            group.addTimeline(at, "resynced", l.channel, null, "call started before Cuecard saw it");
            group.addFlag("started-unseen", at, "the call started while Cuecard was not connected");
            intake.confirmCall(group, l.uniqueId.equals(group.id()) ? Direction.INBOUND : Direction.OUTBOUND);
            return;
        }
    }
}
