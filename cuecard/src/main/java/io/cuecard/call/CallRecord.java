package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.CallView.Flag;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.CallView.Transfer;
import io.cuecard.call.event.CallEvent.DialStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The tracker's working state of one channel group (the legs sharing a Linkedid). It becomes a customer call
 * ({@link #isCall}) once a customer is in it; before that it only collects its timeline. Owned by the tracker's thread.
 */
final class CallRecord {

    /** The tracker's category: a call's stage changes are the tracker's business. */
    private static final Logger LOG = Logger.getLogger("io.cuecard.call.CallTracker");

    /** A transfer while it may still be answered. */
    static final class TransferState {
        final String type;
        final String from;
        final String to;
        final String toUsername;
        final Instant at;
        boolean answered;
        /** The target did not answer ({@code transfer-failed} is in the timeline). */
        boolean failed;

        TransferState(String type, String from, String to, String toUsername, Instant at) {
            this.type = type;
            this.from = from;
            this.to = to;
            this.toUsername = toUsername;
            this.at = at;
        }
    }

    final String id;
    final Instant startedAt;
    final List<ChannelLeg> legs = new ArrayList<>();
    boolean isCall;
    /** For a group without a customer: the live call its first (agent) leg belongs to, e.g. a consultation. */
    CallRecord relatedCall;

    Direction direction;
    ChannelLeg customerLeg;
    String customerNumber;
    String queue;
    String campaign;
    final Set<String> agents = new LinkedHashSet<>();
    String placedBy;
    Instant answeredAt;
    Instant endedAt;
    Instant queueJoinedAt;
    Long waitSeconds;
    Instant connectedSince;
    long talkMillis;
    boolean everConnected;
    int holdCount;
    long holdMillis;
    final List<TransferState> transfers = new ArrayList<>();
    final Set<String> transfererLegs = new LinkedHashSet<>();
    boolean abandoned;
    String outcome;
    String hangupBy;
    final List<StageEntry> stages = new ArrayList<>();
    Stage stageBeforeHold;
    final List<TimelineEntry> timeline = new ArrayList<>();
    final List<Flag> flags = new ArrayList<>();
    String recording;
    long version;

    /** Latest consents the agent recorded from the console. */
    Instant holdConsentAt;
    Instant transferConsentAt;
    /** The current hold has lasted longer than the long-hold limit. */
    boolean longHold;
    /** Index in {@link #stages} of the stage entered by resuming after a long hold (its phrase is the apology), or -1. */
    int apologyStage = -1;
    /** A transfer target did not answer; cleared by a callback task or an answered transfer. */
    boolean transferFailed;

    Set<String> connectedAgents = new LinkedHashSet<>();
    Set<String> lastConnectedAgents = new LinkedHashSet<>();
    DialStatus lastCustomerDialStatus;
    boolean originateFailed;
    boolean agentLegAnswered;
    boolean customerAnswered;
    /** AgentComplete's reason (caller, agent, transfer): the fallback for hangupBy. */
    String completeReason;
    /** Agents in wrap-up for this call, with when it started. */
    final Map<String, Instant> wrapUps = new LinkedHashMap<>();

    CallRecord(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    /**
     * The working state of a call rebuilt from its call-log record (after a restart). Facts the record does not keep
     * are approximated: a live answered call counts as connected since it was answered, the agent it belongs to as
     * the one connected at the end.
     */
    static CallRecord restored(CallView view, AgentDirectory directory) {
        CallRecord r = new CallRecord(view.id(), view.startedAt());
        r.isCall = true;
        r.direction = view.direction();
        r.customerNumber = view.customerNumber();
        r.queue = view.queue();
        r.campaign = view.campaign();
        r.agents.addAll(view.agents());
        r.placedBy = view.placedBy();
        r.answeredAt = view.answeredAt();
        r.endedAt = view.endedAt();
        r.waitSeconds = view.waitSeconds();
        r.everConnected = view.answeredAt() != null;
        r.customerAnswered = r.everConnected;
        r.agentLegAnswered = r.everConnected;
        r.connectedSince = r.live() && view.answeredAt() != null ? view.answeredAt() : null;
        r.talkMillis = view.talkSeconds() == null ? 0 : view.talkSeconds() * 1000;
        r.holdCount = view.holdCount();
        r.holdMillis = view.holdSeconds() * 1000;
        for (CallView.Transfer t : view.transfers()) {
            CallRecord.TransferState s = new CallRecord.TransferState(t.type(), t.from(), t.to(),
                    t.to() == null ? null : directory.byUsername(t.to()).map(AgentRef::username).orElse(null), t.at());
            s.answered = t.answered();
            r.transfers.add(s);
        }
        r.abandoned = view.abandoned();
        r.outcome = view.outcome();
        r.hangupBy = view.hangupBy();
        r.stages.addAll(view.stages());
        r.timeline.addAll(view.timeline());
        r.flags.addAll(view.flags());
        r.recording = view.recording();
        r.version = view.version();
        r.holdConsentAt = view.consent().hold();
        r.transferConsentAt = view.consent().transfer();
        r.longHold = view.longHold();
        r.apologyStage = view.apologyRequired() ? r.stages.size() - 1 : -1;
        r.transferFailed = view.transferFailed();
        if (view.stageAgent() != null) {
            r.lastConnectedAgents.add(view.stageAgent());
        }
        return r;
    }

    boolean live() {
        return endedAt == null;
    }

    Stage stage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1).stage();
    }

    String stageAgent() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1).agent();
    }

    StageEntry currentStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    /** Leaves the current stage (if any) and enters {@code stage} for {@code agent}. */
    /**
     * The call takes the stage change (the transition table is {@link StageChange}'s): the current stage is left, the
     * new one entered with the change's cause. A change the table does not allow from the current stage is logged
     * (and still taken: the PBX said it happened).
     */
    void enterStage(StageChange change, String agent, Instant at) {
        Stage current = stage();
        if (!change.allowedFrom(current)) {
            LOG.warnf("Unexpected stage change %s (%s → %s) on call %s", change, current, change.to(), id);
        }
        closeCurrentStage(at);
        stages.add(new StageEntry(change.to(), agent, at, null, false, change.cause()));
    }

    /** A further agent's wrap-up entry beside the first one's (not a change of the call's stage). */
    void addWrapUpEntry(String agent, Instant at) {
        stages.add(new StageEntry(Stage.WRAP_UP, agent, at, null, false, StageChange.WRAP_UP_STARTED.cause()));
    }

    void closeCurrentStage(Instant at) {
        StageEntry current = currentStage();
        if (current != null && current.leftAt() == null) {
            stages.set(stages.size() - 1, new StageEntry(current.stage(), current.agent(), current.enteredAt(), at,
                    current.phraseConfirmed(), current.cause()));
        }
    }

    void confirmCurrentPhrase() {
        StageEntry c = currentStage();
        stages.set(stages.size() - 1, new StageEntry(c.stage(), c.agent(), c.enteredAt(), c.leftAt(), true, c.cause()));
    }

    /** Closes the open wrap-up entry of {@code username}. */
    void closeWrapUpEntry(String username, Instant at) {
        for (int i = stages.size() - 1; i >= 0; i--) {
            StageEntry e = stages.get(i);
            if (e.stage() == Stage.WRAP_UP && e.leftAt() == null && username.equals(e.agent())) {
                stages.set(i, new StageEntry(e.stage(), e.agent(), e.enteredAt(), at, e.phraseConfirmed(), e.cause()));
                return;
            }
        }
    }

    void addTimeline(Instant at, String type, String channel, String agent, String detail) {
        timeline.add(new TimelineEntry(at, type, channel, agent, detail));
    }

    /** Adds a flag (once per rule and detail) and a {@code flag} timeline entry "rule: detail" with it. */
    void addFlag(String rule, Instant at, String detail) {
        addFlag(rule, at, null, detail);
    }

    /** As {@link #addFlag(String, Instant, String)}, with the agent concerned in the timeline entry. */
    void addFlag(String rule, Instant at, String agent, String detail) {
        for (Flag f : flags) {
            if (f.rule().equals(rule) && Objects.equals(f.detail(), detail)) {
                return;
            }
        }
        flags.add(new Flag(rule, at, detail));
        addTimeline(at, "flag", null, agent, detail == null ? rule : rule + ": " + detail);
    }

    /** A consent given at {@code consentAt} counts for something happening at {@code at}. */
    static boolean consentCovers(Instant consentAt, Instant at, Duration window) {
        return consentAt != null && !consentAt.isBefore(at.minus(window));
    }

    /** The resumed stage's phrase (the apology after a long hold) is still to be said. */
    boolean apologyRequired() {
        return live() && apologyStage >= 0 && apologyStage == stages.size() - 1 && !currentStage().phraseConfirmed();
    }

    /** The latest transfer, or null. */
    TransferState lastTransfer() {
        return transfers.isEmpty() ? null : transfers.get(transfers.size() - 1);
    }

    void closeQueueWait(Instant at) {
        if (queueJoinedAt != null && waitSeconds == null) {
            waitSeconds = roundedSeconds(millisBetween(queueJoinedAt, at));
        }
    }

    /** The party that hung up first; {@code system} is flagged (Asterisk ended the call). */
    void decideHangupBy(String party, Instant at) {
        hangupBy = party;
        if ("system".equals(party)) {
            addFlag("pbx-hangup", at, "Asterisk ended the call");
        }
    }

    /**
     * The call ended at {@code at}: closes talk, holds and queue wait, and settles outcome and hangupBy (when no hangup
     * request decided it: AgentComplete's reason, else {@code system}).
     */
    void close(Instant at) {
        if (connectedSince != null) {
            talkMillis += millisBetween(connectedSince, at);
            connectedSince = null;
        }
        for (ChannelLeg l : legs) {
            if (l.holdSince != null) {
                holdMillis += millisBetween(l.holdSince, at);
                l.holdSince = null;
            }
        }
        closeQueueWait(at);
        outcome = outcome();
        abandoned = "abandoned".equals(outcome);
        if (hangupBy == null) {
            if ("caller".equals(completeReason)) {
                hangupBy = "customer";
            } else if ("agent".equals(completeReason)) {
                hangupBy = "agent";
            } else if (everConnected || direction == Direction.INBOUND) {
                decideHangupBy("system", at);
            } else {
                hangupBy = "system";
            }
        }
        endedAt = at;
        connectedAgents = new LinkedHashSet<>();
    }

    /**
     * Inbound: answered or abandoned. Outbound: answered (the customer answered), agent-no-answer (the agent's
     * originated leg never answered), else from how the customer's dial ended: busy, no-answer or failed.
     */
    private String outcome() {
        if (direction == Direction.INBOUND) {
            return everConnected ? "answered" : "abandoned";
        }
        if (everConnected || customerAnswered) {
            return "answered";
        }
        if (!agentLegAnswered || (originateFailed && customerLeg == null)) {
            return "agent-no-answer";
        }
        if (lastCustomerDialStatus == DialStatus.BUSY) {
            return "busy";
        }
        if (lastCustomerDialStatus == DialStatus.NOANSWER || lastCustomerDialStatus == DialStatus.CANCEL) {
            return "no-answer";
        }
        return "failed";
    }

    static long roundedSeconds(long millis) {
        return Math.round(millis / 1000.0);
    }

    static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    /** The frozen picture of this call with a new version. */
    CallView nextView() {
        version++;
        return view();
    }

    CallView view() {
        List<Transfer> transferViews = new ArrayList<>(transfers.size());
        for (TransferState t : transfers) {
            transferViews.add(new Transfer(t.type, t.from, t.to, t.at, t.answered));
        }
        return new CallView(id, direction, customerNumber, queue, campaign, List.copyOf(agents), placedBy, startedAt,
                answeredAt, endedAt, waitSeconds, endedAt == null ? null : roundedSeconds(talkMillis), holdCount,
                roundedSeconds(holdMillis), List.copyOf(transferViews), abandoned, outcome, hangupBy, stage(),
                stageAgent(), List.copyOf(stages), List.copyOf(timeline), List.copyOf(flags),
                new CallView.Consent(holdConsentAt, transferConsentAt), longHold && stage() == Stage.HOLD, apologyRequired(),
                transferFailed, recording, version);
    }
}
