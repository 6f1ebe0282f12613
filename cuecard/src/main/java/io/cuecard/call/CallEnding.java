package io.cuecard.call;

import io.cuecard.call.event.CallEvent.HangupRequested;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The end of calls: who hung up first (from the hangup requests), and ending a call: a transfer still pending failed,
 * the closing rules are checked (flags {@code closing-not-confirmed}, {@code agent-hung-up-first}), the call enters
 * ENDED, its agents' wrap-ups start and it moves from the live groups to the ended calls. And the end of the call for
 * an agent who transferred the customer: their wrap-up starts when their leg leaves, the call goes on. Owned by the
 * tracker's thread.
 */
final class CallEnding {

    private final CallBook book;
    private final TransferDesk transfers;
    private final WrapUpDesk wrapUps;
    private final Map<String, CallRecord> groups;
    private final Map<String, CallRecord> ended;
    private final Set<CallRecord> changed;

    CallEnding(CallBook book, TransferDesk transfers, WrapUpDesk wrapUps) {
        this.book = book;
        this.transfers = transfers;
        this.wrapUps = wrapUps;
        this.groups = book.groups();
        this.ended = book.ended();
        this.changed = book.changed();
    }

    /** A hangup was requested on a leg: the first one on a call decides who hung up (a transferer's does not). */
    void onHangupRequested(CallRecord group, ChannelLeg leg, HangupRequested h) {
        book.note(group, leg, h.at(), h.byPbx() ? "soft-hangup-requested" : "hangup-requested",
                h.cause() == null ? null : "cause " + h.cause());
        if (!group.isCall() || group.hangupDecided() || group.isTransferer(leg)) {
            return;
        }
        boolean connected = group.hasConnectedAgents();
        if (leg == group.customerLeg()) {
            boolean customerWasThere = connected || group.everConnected() || group.isInbound();
            if (customerWasThere) {
                group.decideHangupBy(h.byPbx() ? "system" : "customer", h.at());
            }
        } else if (leg.isAgent() && connected && group.isConnected(leg.username())) {
            group.decideHangupBy(h.byPbx() ? "system" : "agent", h.at());
        }
    }

    /**
     * The leg of an agent who transferred the customer (blind or attended) hung up while the call goes on: the
     * transfer was their end of the call, so their wrap-up (notes, disposition; paused in the queue) starts now,
     * unless they still talk to the customer or already wrap this call up.
     */
    void transfererLeft(CallRecord call, ChannelLeg leg, Instant at) {
        String agent = leg.username();
        if (!call.live() || call.isConnected(agent) || call.wrapUpStartedAt(agent) != null) {
            return;
        }
        CallRecord superseded = wrapUps.start(call, agent, at, false);
        if (superseded != null) {
            changed.add(superseded);
        }
        changed.add(call);
    }

    /** Ends the call, its end seen on the PBX. */
    void endCall(CallRecord call, Instant at) {
        endCall(call, at, true);
    }

    /**
     * Ends the call and starts its agents' wrap-ups. {@code seen}: the end was seen on the PBX (not inferred after a
     * link loss), so the closing rules are checked: {@code closing-not-confirmed} when an agent was connected at the end
     * and no closing phrase was confirmed, {@code agent-hung-up-first}. A transfer still unanswered failed; its
     * transferer gets the wrap-up (to create the callback task).
     */
    void endCall(CallRecord call, Instant at, boolean seen) {
        endCall(call, at, at, seen);
    }

    /**
     * Ends a call that ended while Cuecard could not see the PBX, somewhere between {@code after} (the last moment it
     * was seen up) and {@code before} (when Cuecard saw it gone): flag {@code ended-while-disconnected} with the window,
     * hung up by the system unless a hangup request seen before decided it. The call closes at {@code after} (talk,
     * holds and queue wait count to it, it is the call's {@code endedAt}); the agents' wrap-ups start at {@code before},
     * when they can know the call is over. The closing rules are not checked.
     */
    void endUnseen(CallRecord call, Instant after, Instant before) {
        Instant from = after.isAfter(before) ? before : after;
        call.endedUnseen(from, before);
        call.addFlag("ended-while-disconnected", from,
                "the call ended while Cuecard could not see the PBX, between " + from + " and " + before);
        call.hungUpBySystemUnlessDecided();
        endCall(call, from, before, false);
    }

    /** Ends the call at {@code at}; its agents' wrap-ups start at {@code wrapUpAt}. */
    private void endCall(CallRecord call, Instant at, Instant wrapUpAt, boolean seen) {
        String transferer = transfers.failPendingAtEnd(call, at);
        String closingAgent = call.lastConnectedAgents().isEmpty() ? null : call.lastConnectedAgents().iterator().next();
        call.close(at);
        if (seen && call.everConnected() && closingAgent != null && !call.closingPhraseConfirmed()) {
            call.addFlag("closing-not-confirmed", at, closingAgent, "the call ended without the closing phrase confirmed");
        }
        if (seen && call.hungUpByAgent()) {
            call.addFlag("agent-hung-up-first", at, closingAgent, "the agent hung up before the customer");
        }
        Set<String> wrapUp = call.everConnected() ? call.lastConnectedAgents() : Set.of();
        if (wrapUp.isEmpty() && transferer != null) {
            wrapUp = Set.of(transferer);
        }
        call.enterStage(StageChange.CALL_ENDED, wrapUp.isEmpty() ? null : wrapUp.iterator().next(), at);
        boolean first = true;
        for (String agent : wrapUp) {
            if (call.wrapUpStartedAt(agent) != null) {
                continue; // left after transferring the customer: wrapping this call up already
            }
            CallRecord superseded = wrapUps.start(call, agent, wrapUpAt, first);
            if (superseded != null) {
                changed.add(superseded);
            }
            first = false;
        }
        groups.remove(call.id());
        ended.put(call.id(), call);
        changed.add(call);
    }
}
