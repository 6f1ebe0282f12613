package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.event.CallEvent.AttendedTransfer;
import io.cuecard.call.event.CallEvent.BlindTransfer;
import io.cuecard.call.event.CallEvent.DialEnded;
import io.cuecard.call.event.CallEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The transfers of calls: the console's transfer request (sent to the PBX through {@link PbxControl}), blind and
 * attended transfers seen on the PBX (flag {@code transfer-without-consent}), and a transfer that failed (timeline
 * {@code transfer-failed}: the target was not answered, or the call ended first). The target answering is seen by
 * {@link CallConnections}. Owned by the tracker's thread.
 */
final class TransferDesk {

    private final CallBook book;
    private final CallConnections connections;
    private final AgentDirectory directory;
    private final TrackerSettings settings;
    private final PbxControl pbx;
    private final ChannelGraph graph;
    private final Set<CallRecord> changed;

    TransferDesk(CallBook book, CallConnections connections, AgentDirectory directory, TrackerSettings settings, PbxControl pbx) {
        this.book = book;
        this.connections = connections;
        this.directory = directory;
        this.settings = settings;
        this.pbx = pbx;
        this.graph = book.graph();
        this.changed = book.changed();
    }

    /**
     * What a transfer the agent asks for from the console comes to: refused ({@code result} not OK), or the
     * {@code transfer-requested} entry is on the call and the PBX is to transfer from {@code agentChannel}
     * ({@link #send}, once the entry is published).
     */
    record Plan(ConsoleResult result, String agentChannel, TransferRequest request) {
        static Plan refused(ConsoleResult result) {
            return new Plan(result, null, null);
        }
    }

    /**
     * The agent on the live call {@code r} transfers the customer from the console: refused without a transfer consent
     * in the consent window, or when the agent's leg is not on the call.
     */
    Plan plan(CallRecord r, String username, TransferRequest request, Instant at) {
        if (!r.transferConsentCovers(at, settings.consentWindow())) {
            return Plan.refused(ConsoleResult.CONSENT_MISSING);
        }
        ChannelLeg agentLeg = null;
        for (ChannelLeg l : r.legs()) {
            if (l.isAgent() && username.equals(l.username()) && graph.isLive(l)) {
                agentLeg = l;
            }
        }
        if (agentLeg == null || !r.isConnected(username)) {
            return Plan.refused(ConsoleResult.WRONG_STAGE);
        }
        r.transferRequested(username, agentLeg.channel, request, at);
        changed.add(r);
        return new Plan(ConsoleResult.OK, agentLeg.channel, request);
    }

    /** Asks the PBX for the planned transfer (the transfer itself is recorded when the PBX reports it). */
    void send(Plan plan) {
        TransferRequest request = plan.request();
        if (request.mode() == TransferRequest.Mode.BLIND) {
            pbx.blindTransfer(plan.agentChannel(), request.extension(), request.context());
        } else {
            pbx.attendedTransfer(plan.agentChannel(), request.extension(), request.context());
        }
    }

    /**
     * A colleague's phone was dialled and not answered: the target of a pending transfer, or a colleague the agent
     * consults (Atxfer, or a second call from the phone) while talking to the customer. Timeline {@code transfer-failed};
     * the console shows row 9 and offers a callback task.
     */
    void checkTransferTargetUnanswered(CallRecord group, ChannelLeg dialled, DialEnded d) {
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call == null || !call.isCall() || !call.live() || !call.everConnected()) {
            return;
        }
        boolean transferTarget = call.transferWaitsFor(dialled.username());
        boolean consultation = call.stage() != Stage.RINGING && call.stage() != Stage.TRANSFER
                && !call.isConnected(dialled.username()) && d.status() != CallEvent.DialStatus.CANCEL;
        String detail = dialled.username() + " " + d.status().name().toLowerCase(Locale.ROOT);
        if (transferTarget) {
            call.transferTargetUnanswered(d.at(), detail);
        } else if (consultation) {
            call.consultationUnanswered(dialled.username(), d.at(), detail);
        } else {
            return;
        }
        changed.add(call);
    }

    /**
     * The call ends: a transfer still unanswered (nobody connected since) failed, one still under way is abandoned.
     * Returns the unanswered transfer's transferer when that is an agent not talking on another call, who then gets
     * the wrap-up (to create the callback task); else null.
     */
    String failPendingAtEnd(CallRecord call, Instant at) {
        String transferer = call.unansweredTransferer();
        if (call.failUnansweredTransferAtEnd(at)) {
            changed.add(call);
        }
        call.abandonTransferAtEnd(at);
        if (transferer != null && directory.byUsername(transferer).isPresent() && book.callWhereConnected(transferer) == null) {
            return transferer;
        }
        return null;
    }

    void onBlindTransfer(CallRecord group, ChannelLeg leg, BlindTransfer t) {
        String target = t.extension() + (t.context() == null ? "" : "@" + t.context());
        if (!"Success".equalsIgnoreCase(t.result())) {
            book.note(group, leg, t.at(), "blind-transfer-failed", CallBook.join(target, "result " + t.result()));
            abortRequested(group, leg, t.at());
            return;
        }
        book.note(group, leg, t.at(), "blind-transfer", "to " + target);
        if (!group.isCall()) {
            return;
        }
        AgentRef to = t.extension() == null ? null : directory.byExtension(t.extension()).orElse(null);
        startTransfer(group, leg, TransferChange.BLIND_TRANSFERRED, "blind", to == null ? t.extension() : to.username(),
                to, t.at());
    }

    void onAttendedTransfer(CallRecord group, ChannelLeg leg, AttendedTransfer t) {
        if (!"Success".equalsIgnoreCase(t.result())) {
            book.note(group, leg, t.at(), "attended-transfer-failed", "result " + t.result());
            abortRequested(group, leg, t.at());
            return;
        }
        ChannelLeg second = t.secondTransferer() == null ? null : graph.get(t.secondTransferer().uniqueId());
        ChannelLeg target = t.target() == null ? null : graph.get(t.target().uniqueId());
        if ((target == null || !target.isAgent()) && second != null) {
            target = graph.bridgedAgentPeer(second);
        }
        String to = target != null && target.isAgent() ? target.username()
                : second != null && second.exten != null ? second.exten
                : t.target() == null ? null : t.target().channel();
        book.note(group, leg, t.at(), "attended-transfer",
                CallBook.join(to == null ? null : "to " + to, "dest " + t.destType()));
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call == null || !call.live()) {
            return;
        }
        if (second != null) {
            call.addTransfererLeg(second.uniqueId);
        }
        startTransfer(call, leg, TransferChange.ATTENDED_TRANSFERRED, "attended", to, target == null ? null : target.agent,
                t.at());
    }

    /** The PBX refused a transfer (or the agent aborted the consultation): one the agent asked for is abandoned. */
    private void abortRequested(CallRecord group, ChannelLeg leg, Instant at) {
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call != null && call.isCall() && call.live() && call.transferAborted(leg.username(), at)) {
            changed.add(call);
        }
    }

    private void startTransfer(CallRecord call, ChannelLeg transferer, TransferChange change, String type, String to,
                               AgentRef toAgent, Instant at) {
        String from = transferer.isAgent() ? transferer.username() : transferer.channel;
        String toUsername = toAgent == null ? null : toAgent.username();
        call.beginTransfer(change, type, transferer, from, to, toUsername, at);
        if (transferer.isAgent() && !call.transferConsentCovers(at, settings.consentWindow())) {
            call.addFlag("transfer-without-consent", at, from, type + " transfer to " + to + " without a transfer consent"
                    + " recorded in the " + settings.consentWindow().toSeconds() + " s before");
        }
        // the transfer may have been answered already (an outside party bridged with the customer before the event)
        if (toUsername == null) {
            connections.refreshConnectivity(call, at, false);
        }
        changed.add(call);
    }
}
