package io.cuecard.call;

import io.cuecard.call.event.CallEvent.Dialing;
import io.cuecard.call.event.CallEvent.OriginateResult;
import io.cuecard.call.event.CallEvent.QueueJoined;
import io.cuecard.call.event.CallEvent.VariableSet;
import java.util.List;
import java.util.Set;

/**
 * Which channel groups are customer calls: a group becomes a call (its customer leg and direction set, stage RINGING)
 * when a customer joins a queue, dials or is dialled by an agent, is bridged with an agent, or when an agent's leg is
 * originated or marked by the dialler's channel variables (outbound; {@code CAMPAIGN}, {@code AGENT}). Owned by the
 * tracker's thread.
 */
final class CallIntake {

    private final CallBook book;
    private final ChannelGraph graph;
    private final Set<CallRecord> changed;

    CallIntake(CallBook book) {
        this.book = book;
        this.graph = book.graph();
        this.changed = book.changed();
    }

    void onQueueJoined(CallRecord group, ChannelLeg leg, QueueJoined q) {
        book.note(group, leg, q.at(), "queue-joined", q.queue());
        if (!leg.isOutsideParty() || (group.customerLeg() != null && group.customerLeg() != leg)) {
            return;
        }
        setCustomer(group, leg);
        group.joinedQueue(q.queue(), q.at());
        group.transferReachedQueue(q.queue(), q.at());
        confirmCall(group, Direction.INBOUND);
    }

    void onDialing(CallRecord group, ChannelLeg dialled, Dialing d) {
        ChannelLeg caller = d.caller() == null ? null : graph.get(d.caller().uniqueId());
        book.note(group, dialled, d.at(), "dialing",
                CallBook.join(d.dialString(), d.caller() == null ? "originate" : null));
        if (d.caller() == null) {
            dialled.originated = true;
            if (dialled.isAgent()) {
                confirmCall(group, Direction.OUTBOUND);
            }
        } else if (caller != null && !caller.isOutsideParty() && dialled.isOutsideParty() && group.customerLeg() == null
                && group.relatedCall() == null && (group.isCall() || caller.isAgent() || caller.originated)) {
            group.customerDialledAs(d.dialledNumber());
            setCustomer(group, dialled);
            confirmCall(group, Direction.OUTBOUND);
        } else if (caller != null && caller.isOutsideParty() && dialled.isAgent() && !group.isCall()
                && group.relatedCall() == null) {
            setCustomer(group, caller);
            confirmCall(group, Direction.INBOUND);
        }
    }

    void onOriginateResult(CallRecord group, ChannelLeg leg, OriginateResult o) {
        book.note(group, leg, o.at(), "originate-result", CallBook.join(o.success() ? "success" : "failure",
                CallBook.join("reason " + o.reason(), o.actionId())));
        if (!o.success()) {
            group.originateFailed();
        }
        if (leg.isAgent()) {
            leg.originated = true;
            confirmCall(group, Direction.OUTBOUND);
        }
    }

    void onVariableSet(CallRecord group, ChannelLeg leg, VariableSet v) {
        book.note(group, leg, v.at(), "variable-set", v.name() + "=" + v.value());
        if ("CAMPAIGN".equalsIgnoreCase(v.name())) {
            group.markCampaign(v.value());
        } else if ("AGENT".equalsIgnoreCase(v.name())) {
            group.markPlacedBy(v.value());
        } else {
            return;
        }
        confirmCall(group, Direction.OUTBOUND);
    }

    void setCustomer(CallRecord group, ChannelLeg leg) {
        group.identifyCustomer(leg);
    }

    /** Turns a channel group into a customer call (no-op when it already is one). */
    void confirmCall(CallRecord group, Direction direction) {
        if (group.becomeCall(direction)) {
            changed.add(group);
        }
    }

    /** A group without queue or dial evidence: it is a call when a customer leg is bridged with an agent. */
    void confirmByBridge(CallRecord group) {
        for (ChannelLeg l : List.copyOf(group.legs())) {
            if (l.isOutsideParty() && graph.reachable(l).stream().anyMatch(ChannelLeg::isAgent)) {
                setCustomer(group, l);
                confirmCall(group, l.uniqueId.equals(group.id()) ? Direction.INBOUND : Direction.OUTBOUND);
                return;
            }
        }
    }
}
