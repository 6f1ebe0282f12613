package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.event.CallEvent.AttendedTransfer;
import io.cuecard.call.event.CallEvent.BlindTransfer;
import io.cuecard.call.event.CallEvent.DialEnded;
import io.cuecard.call.event.CallEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;

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

        /** The PBX action that carries the planned transfer. */
        TransferAction action() {
            return request.mode() == TransferRequest.Mode.BLIND ? TransferAction.BLIND_TRANSFER : TransferAction.ATTENDED_TRANSFER;
        }
    }

    /**
     * What the agent's "complete transfer" or "cancel (back to the customer)" comes to: refused ({@code result} not OK),
     * or the PBX is to {@code action} the consultation of the transferer on {@code agentChannel} ({@link #send(ConsultationPlan)}).
     */
    record ConsultationPlan(ConsoleResult result, String agentChannel, TransferAction action) {
    }

    /**
     * The agent on the live call {@code r} transfers the customer from the console: refused without a transfer consent
     * in the consent window, or when the agent's leg is not on the call.
     */
    Plan plan(CallRecord r, String username, TransferRequest request, Instant at) {
        if (!r.transferConsentCovers(at, settings.consentWindow())) {
            return Plan.refused(ConsoleResult.CONSENT_MISSING);
        }
        ChannelLeg agentLeg = liveAgentLeg(r, username);
        if (agentLeg == null || !r.isConnected(username)) {
            return Plan.refused(ConsoleResult.WRONG_STAGE);
        }
        r.transferRequested(username, agentLeg.channel, request, at);
        changed.add(r);
        return new Plan(ConsoleResult.OK, agentLeg.channel, request);
    }

    /** The agent's own live leg on the call (the last one seen), or null. */
    private ChannelLeg liveAgentLeg(CallRecord r, String username) {
        ChannelLeg agentLeg = null;
        for (ChannelLeg l : r.legs()) {
            if (l.isAgent() && username.equals(l.username()) && graph.isLive(l)) {
                agentLeg = l;
            }
        }
        return agentLeg;
    }

    /**
     * Asks the PBX for the planned transfer (the transfer itself is recorded when the PBX reports it); the stage
     * completes with the PBX's answer.
     */
    CompletionStage<PbxAnswer> send(Plan plan) {
        TransferRequest request = plan.request();
        if (request.mode() == TransferRequest.Mode.BLIND) {
            return pbx.blindTransfer(plan.agentChannel(), request.extension(), request.context());
        }
        return pbx.attendedTransfer(plan.agentChannel(), request.extension(), request.context());
    }

    /**
     * The agent who consults a colleague on the live call {@code r} completes the attended transfer ({@code complete})
     * or cancels it, back to the customer: refused unless the transfer is CONSULTING with {@code username} as the
     * consulting agent and their leg is live. Timeline {@code transfer-complete-requested} or
     * {@code transfer-cancel-requested}; the transfer itself changes when the PBX reports what happened.
     */
    ConsultationPlan planConsultationEnd(CallRecord r, String username, boolean complete, Instant at) {
        if (!username.equals(r.consultingAgent())) {
            return new ConsultationPlan(ConsoleResult.WRONG_STAGE, null, null);
        }
        ChannelLeg agentLeg = liveAgentLeg(r, username);
        if (agentLeg == null) {
            return new ConsultationPlan(ConsoleResult.WRONG_STAGE, null, null);
        }
        CallView.Consultation consulted = r.consultation();
        r.addTimeline(at, complete ? "transfer-complete-requested" : "transfer-cancel-requested", agentLeg.channel, username,
                consulted == null ? null : "consulting " + consulted.colleague() + " (" + consulted.state() + ")");
        changed.add(r);
        return new ConsultationPlan(ConsoleResult.OK, agentLeg.channel,
                complete ? TransferAction.COMPLETE_TRANSFER : TransferAction.CANCEL_TRANSFER);
    }

    /** Asks the PBX to complete or cancel the consultation; the stage completes with the PBX's answer. */
    CompletionStage<PbxAnswer> send(ConsultationPlan plan) {
        return plan.action() == TransferAction.COMPLETE_TRANSFER ? pbx.completeAttendedTransfer(plan.agentChannel())
                : pbx.cancelAttendedTransfer(plan.agentChannel());
    }

    /**
     * The PBX refused the transfer action {@code agent} sent on {@code channel} (or did not answer it in time): timeline
     * {@code transfer-action-refused} with the PBX's message; a transfer asked for and not made is abandoned (a refused
     * cancel or completion leaves the consultation as it is).
     */
    void refused(CallRecord call, String agent, String channel, TransferAction action, PbxAnswer answer, Instant at) {
        call.addTimeline(at, "transfer-action-refused", channel, agent, action.amiAction() + " " + answer.describe());
        boolean requested = action == TransferAction.BLIND_TRANSFER
                ? call.transferState() == TransferState.BLIND_REQUESTED
                : action == TransferAction.ATTENDED_TRANSFER && agent.equals(call.consultingAgent());
        if (call.live() && requested) {
            call.transferAborted(agent, at);
        }
        changed.add(call);
    }

    /**
     * A colleague's phone is dialled while an agent of the call consults (the transfer is CONSULTING): the
     * consultation rings them ({@code dialled}: their leg, e.g. dialled by the Atxfer's Local channel or by the agent's
     * phone).
     */
    void checkConsultationDial(CallRecord group, ChannelLeg dialled, Instant at) {
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call == null || !call.isCall() || !call.live() || dialled == call.customerLeg()) {
            return;
        }
        String consulting = call.consultingAgent();
        String colleague = colleague(dialled);
        if (consulting == null || colleague.equals(consulting) || call.isConnected(colleague)) {
            return;
        }
        call.consultationRinging(colleague, at);
        changed.add(call);
    }

    /** The dial of a colleague being consulted was answered: they talk with the agent while the customer waits. */
    void checkConsultationAnswered(CallRecord group, ChannelLeg dialled, Instant at) {
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call == null || !call.isCall() || !call.live()) {
            return;
        }
        CallView.Consultation consulted = call.consultation();
        if (call.consultingAgent() == null || consulted == null || !CallView.Consultation.RINGING.equals(consulted.state())
                || !consulted.colleague().equals(colleague(dialled))) {
            return;
        }
        call.consultationAnswered(consulted.colleague(), at);
        changed.add(call);
    }

    /** Whom a leg reaches: its agent's username, else its channel. */
    private static String colleague(ChannelLeg leg) {
        return leg.isAgent() ? leg.username() : leg.channel;
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
        boolean consultation = (call.inConsultationHold() || (call.stage() != Stage.RINGING && call.stage() != Stage.TRANSFER))
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

    /**
     * The agent whose customer is on hold talks to, or dials, someone else on {@code leg}: the hold is the consultation
     * of an attended transfer (the AMI Atxfer moves the held agent's own leg into a bridge with the Local channel to
     * the colleague; a phone's consultation is a second call of the agent, a group related to the call).
     */
    void checkConsultation(CallRecord group, ChannelLeg leg, Instant at, String how) {
        if (leg == null || !leg.isAgent()) {
            return;
        }
        CallRecord call;
        if (group.isCall()) {
            ChannelLeg customer = group.customerLeg();
            if (leg.holdSince == null || customer == null || customer.bridgeId == null
                    || customer.bridgeId.equals(leg.bridgeId)) {
                return;
            }
            call = group;
        } else {
            call = group.relatedCall();
            if (call == null || !call.isCall() || !call.live() || !holds(call, leg.username())) {
                return;
            }
        }
        if (call.consultationBegan(leg.username(), at, how)) {
            changed.add(call);
        }
    }

    /** {@code agent} has a leg on the call that holds the customer. */
    private static boolean holds(CallRecord call, String agent) {
        for (ChannelLeg l : call.legs()) {
            if (l.isAgent() && agent.equals(l.username()) && l.holdSince != null) {
                return true;
            }
        }
        return false;
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
        ChannelLeg transferee = t.transferee() == null ? null : graph.get(t.transferee().uniqueId());
        TransferTarget target = attendedTarget(leg, second, transferee, t);
        String to = target.name();
        book.note(group, leg, t.at(), "attended-transfer",
                CallBook.join(to == null ? null : "to " + to, "dest " + t.destType()));
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call == null || !call.live()) {
            return;
        }
        if (second != null) {
            call.addTransfererLeg(second.uniqueId);
        }
        startTransfer(call, leg, TransferChange.ATTENDED_TRANSFERRED, "attended", to, target.agent(), t.at());
    }

    /** Whom an attended transfer hands the customer to: an agent when one can be told, else the extension dialled. */
    private record TransferTarget(AgentRef agent, String extension) {
        String name() {
            return agent != null ? agent.username() : extension;
        }
    }

    /**
     * The target of an attended transfer. Asterisk names it ({@code TransferTarget…}) when the transferer's phone made
     * the consultation call itself; for the AMI Atxfer action (and DTMF transfers) it does not: the consultation is a
     * Local channel ({@code Local/202@agents-…;1}) that Asterisk has already swapped in beside the customer when the event
     * comes. In order: the target leg when it is an agent's; an agent the customer now hears (through the bridge and the
     * Local channel pair) other than the transferer; an agent in the consultation's bridge; the extension of the
     * target, of a Local channel the customer hears, or of the phone's consultation call, mapped to its agent. Never the
     * transferer's own channel's extension (the {@code s} a queue call's agent leg runs in).
     */
    private TransferTarget attendedTarget(ChannelLeg transferer, ChannelLeg second, ChannelLeg transferee, AttendedTransfer t) {
        ChannelLeg named = t.target() == null ? null : graph.get(t.target().uniqueId());
        if (named != null && named.isAgent()) {
            return new TransferTarget(named.agent, null);
        }
        String transfererName = transferer.username();
        List<ChannelLeg> heard = transferee == null ? List.of() : List.copyOf(graph.reachable(transferee));
        for (ChannelLeg l : heard) {
            if (l.isAgent() && l != transferer && l != second && !l.username().equals(transfererName)) {
                return new TransferTarget(l.agent, null);
            }
        }
        ChannelLeg consulted = second == null ? null : graph.bridgedAgentPeer(second);
        if (consulted != null && !consulted.username().equals(transfererName)) {
            return new TransferTarget(consulted.agent, null);
        }
        List<String> extensions = new ArrayList<>();
        extensions.add(t.targetExten());
        for (ChannelLeg l : heard) {
            if (l.local) {
                extensions.add(localExtension(l));
            }
        }
        if (second != null && second != transferer) {
            extensions.add(second.exten);
        }
        for (String exten : extensions) {
            if (exten == null || exten.isBlank() || "s".equals(exten)) {
                continue;
            }
            AgentRef agent = directory.byExtension(exten).orElse(null);
            return agent != null ? new TransferTarget(agent, null) : new TransferTarget(null, exten);
        }
        return new TransferTarget(null, named != null ? named.channel : t.target() == null ? null : t.target().channel());
    }

    /** A Local channel's extension: from {@code Local/202@agents-00000000;1}, {@code 202}; else the leg's own. */
    private static String localExtension(ChannelLeg local) {
        String name = local.channel;
        int slash = name.indexOf('/');
        int at = name.indexOf('@');
        if (slash >= 0 && at > slash + 1) {
            return name.substring(slash + 1, at);
        }
        return local.exten;
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
