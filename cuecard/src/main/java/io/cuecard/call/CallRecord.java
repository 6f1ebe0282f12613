package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.CallView.Flag;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.CallView.Transfer;
import io.cuecard.call.CallView.TransferEntry;
import io.cuecard.call.event.CallEvent.DialStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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

    /** The tracker's category: a call's stage and transfer changes are the tracker's business. */
    private static final Logger LOG = Logger.getLogger("io.cuecard.call.CallTracker");

    /** A transfer the PBX reported, while it may still be answered. */
    private static final class TransferAttempt {
        private final String type;
        private final String from;
        /** The target: an agent's user name, else the extension dialled, or the queue it led to. */
        private String to;
        private final String toUsername;
        private final Instant at;
        private boolean answered;
        /** The target did not answer ({@code transfer-failed} is in the timeline). */
        private boolean failed;

        TransferAttempt(String type, String from, String to, String toUsername, Instant at) {
            this.type = type;
            this.from = from;
            this.to = to;
            this.toUsername = toUsername;
            this.at = at;
        }
    }

    /** One leg's recording file and when it started. */
    private record Recording(Instant at, String file) {
    }

    private final String id;
    private final Instant startedAt;
    private final List<ChannelLeg> legs = new ArrayList<>();
    private final List<ChannelLeg> legsView = Collections.unmodifiableList(legs);
    private boolean isCall;
    /** For a group without a customer: the live call its first (agent) leg belongs to, e.g. a consultation. */
    private CallRecord relatedCall;

    private Direction direction;
    private ChannelLeg customerLeg;
    private String customerNumber;
    private String queue;
    private String campaign;
    private final Set<String> agents = new LinkedHashSet<>();
    private String placedBy;
    private Instant answeredAt;
    private Instant endedAt;
    /**
     * A call that ended while Cuecard could not see the PBX: the last moment it was seen up and when Cuecard saw it
     * gone (both null for a call whose end was seen).
     */
    private Instant endedAfter;
    private Instant endedBefore;
    private Instant queueJoinedAt;
    private Long waitSeconds;
    private Instant connectedSince;
    private long talkMillis;
    private boolean everConnected;
    private int holdCount;
    private long holdMillis;
    private final List<TransferAttempt> transfers = new ArrayList<>();
    /** The transfer state's changes, in order (the table is {@link TransferChange}'s). */
    private final List<TransferEntry> transferEntries = new ArrayList<>();
    private final Set<String> transfererLegs = new LinkedHashSet<>();
    /** The colleague consulted in the current attended transfer (ringing, talking, unanswered), or null. */
    private CallView.Consultation consultation;
    private boolean abandoned;
    private String outcome;
    private String hangupBy;
    private final List<StageEntry> stages = new ArrayList<>();
    private Stage stageBeforeHold;
    /** The current hold is an attended transfer's consultation: its consent is the transfer's, its stage TRANSFER. */
    private boolean consultationHold;
    /** When the customer's current hold began (the first held leg), null when not on hold. */
    private Instant holdStartedAt;
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<Flag> flags = new ArrayList<>();
    /** Every leg's recording, in the order they started. */
    private final List<Recording> recordings = new ArrayList<>();
    private long version;

    /** Latest consents the agent recorded from the console. */
    private Instant holdConsentAt;
    private Instant transferConsentAt;
    /** The current hold has lasted longer than the long-hold limit. */
    private boolean longHold;
    /** Index in {@link #stages} of the stage entered by resuming after a long hold (its phrase is the apology), or -1. */
    private int apologyStage = -1;
    /** A transfer target did not answer; cleared by a callback task or an answered transfer. */
    private boolean transferFailed;

    private Set<String> connectedAgents = new LinkedHashSet<>();
    private Set<String> lastConnectedAgents = new LinkedHashSet<>();
    private DialStatus lastCustomerDialStatus;
    private boolean originateFailed;
    private boolean agentLegAnswered;
    private boolean customerAnswered;
    /** AgentComplete's reason (caller, agent, transfer): the fallback for hangupBy. */
    private String completeReason;
    /** Agents in wrap-up for this call, with when it started. */
    private final Map<String, Instant> wrapUps = new LinkedHashMap<>();

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
        r.endedAfter = view.endedAfter();
        r.endedBefore = view.endedBefore();
        r.waitSeconds = view.waitSeconds();
        r.everConnected = view.answeredAt() != null;
        r.customerAnswered = r.everConnected;
        r.agentLegAnswered = r.everConnected;
        r.connectedSince = r.live() && view.answeredAt() != null ? view.answeredAt() : null;
        r.talkMillis = view.talkSeconds() == null ? 0 : view.talkSeconds() * 1000;
        r.holdCount = view.holdCount();
        r.holdMillis = view.holdSeconds() * 1000;
        for (CallView.Transfer t : view.transfers()) {
            TransferAttempt s = new TransferAttempt(t.type(), t.from(), t.to(),
                    t.to() == null ? null : directory.byUsername(t.to()).map(AgentRef::username).orElse(null), t.at());
            s.answered = t.answered();
            r.transfers.add(s);
        }
        r.transferEntries.addAll(view.transferEntries());
        r.consultation = view.consultation();
        r.abandoned = view.abandoned();
        r.outcome = view.outcome();
        r.hangupBy = view.hangupBy();
        r.stages.addAll(view.stages());
        r.timeline.addAll(view.timeline());
        r.flags.addAll(view.flags());
        for (String file : view.recordings()) {
            r.recordings.add(new Recording(view.startedAt(), file));
        }
        r.version = view.version();
        r.holdConsentAt = view.consent().hold();
        r.transferConsentAt = view.consent().transfer();
        r.longHold = view.longHold();
        r.apologyStage = view.apologyRequired() ? r.currentIndex() : -1;
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
        StageEntry current = currentStage();
        return current == null ? null : current.stage();
    }

    String stageAgent() {
        StageEntry current = currentStage();
        return current == null ? null : current.agent();
    }

    StageEntry currentStage() {
        int i = currentIndex();
        return i < 0 ? null : stages.get(i);
    }

    /**
     * Index in {@link #stages} of the call's current stage: the last entry that is not the wrap-up of an agent who left
     * after transferring the customer (those stand beside the call's stages); -1 when there is none.
     */
    private int currentIndex() {
        int i = stages.size() - 1;
        while (i >= 0 && CallView.WRAP_UP_AFTER_TRANSFER.equals(stages.get(i).cause())) {
            i--;
        }
        return i;
    }

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
    private void addWrapUpEntry(String agent, Instant at) {
        stages.add(new StageEntry(Stage.WRAP_UP, agent, at, null, false, StageChange.WRAP_UP_STARTED.cause()));
    }

    void closeCurrentStage(Instant at) {
        int i = currentIndex();
        StageEntry current = i < 0 ? null : stages.get(i);
        if (current != null && current.leftAt() == null) {
            stages.set(i, new StageEntry(current.stage(), current.agent(), current.enteredAt(), at,
                    current.phraseConfirmed(), current.cause()));
        }
    }

    void confirmCurrentPhrase() {
        int i = currentIndex();
        StageEntry c = stages.get(i);
        stages.set(i, new StageEntry(c.stage(), c.agent(), c.enteredAt(), c.leftAt(), true, c.cause()));
    }

    /** Closes the open wrap-up entry of {@code username}. */
    private void closeWrapUpEntry(String username, Instant at) {
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
    private static boolean consentCovers(Instant consentAt, Instant at, Duration window) {
        return consentAt != null && !consentAt.isBefore(at.minus(window));
    }

    /** The resumed stage's phrase (the apology after a long hold) is still to be said. */
    boolean apologyRequired() {
        return live() && apologyStage >= 0 && apologyStage == currentIndex() && !currentStage().phraseConfirmed();
    }

    /** The latest transfer the PBX reported, or null. */
    private TransferAttempt lastTransfer() {
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
            } else if (customerRejected()) {
                hangupBy = "customer";
            } else if (everConnected || direction == Direction.INBOUND) {
                decideHangupBy("system", at);
            } else {
                hangupBy = "system";
            }
        }
        endedAt = at;
        connectedAgents = new LinkedHashSet<>();
    }

    /** The customer of an outbound call rejected it (busy: SIP 486, hangup cause 17) before anyone talked. */
    private boolean customerRejected() {
        return direction == Direction.OUTBOUND && !everConnected && !customerAnswered
                && lastCustomerDialStatus == DialStatus.BUSY;
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

    // ------------------------------------------------------------------------------------------------ queries

    String id() {
        return id;
    }

    /** A customer call (else a channel group that only collects its timeline). */
    boolean isCall() {
        return isCall;
    }

    /** Whether {@code agent} talks to the customer now. */
    boolean isConnected(String agent) {
        return connectedAgents.contains(agent);
    }

    /** For a group that is no call: the live call it concerns (e.g. a consultation), else null. */
    CallRecord relatedCall() {
        return relatedCall;
    }

    boolean hasConnectedAgents() {
        return !connectedAgents.isEmpty();
    }

    /** The legs of this group, read-only. */
    List<ChannelLeg> legs() {
        return legsView;
    }

    /** The customer called in (through a queue or an agent's number). */
    boolean isInbound() {
        return direction == Direction.INBOUND;
    }

    ChannelLeg customerLeg() {
        return customerLeg;
    }

    /** The agents connected with the customer most recently (since the last transfer), read-only. */
    Set<String> lastConnectedAgents() {
        return Collections.unmodifiableSet(lastConnectedAgents);
    }

    /** The customer was connected with an agent (or an outside party) at some point. */
    boolean everConnected() {
        return everConnected;
    }

    /** {@code username} is one of the call's agents, placed it, or owns its stage. */
    boolean isAgentOf(String username) {
        return username != null && (agents.contains(username) || username.equals(placedBy) || username.equals(stageAgent()));
    }

    /** Who hung up first has been decided. */
    boolean hangupDecided() {
        return hangupBy != null;
    }

    /** {@code agent} hung up first. */
    boolean hungUpByAgent() {
        return "agent".equals(hangupBy);
    }

    /** The leg transferred the customer: its hangup does not say who hung up. */
    boolean isTransferer(ChannelLeg leg) {
        return transfererLegs.contains(leg.uniqueId);
    }

    /** The current hold has lasted longer than the long-hold limit. */
    boolean longHold() {
        return longHold;
    }

    /** A closing stage's phrase was confirmed. */
    boolean closingPhraseConfirmed() {
        return stages.stream().anyMatch(s -> s.stage() == Stage.CLOSING && s.phraseConfirmed());
    }

    /** Some agent of this ended call is still in wrap-up. */
    boolean inWrapUp() {
        return !wrapUps.isEmpty();
    }

    /** When {@code agent}'s wrap-up of this call began, or null when they are not wrapping it up. */
    Instant wrapUpStartedAt(String agent) {
        return wrapUps.get(agent);
    }

    /** Some leg of the group is on hold. */
    boolean anyLegOnHold() {
        for (ChannelLeg l : legs) {
            if (l.holdSince != null) {
                return true;
            }
        }
        return false;
    }

    /** When the earliest hold still running began, or null. */
    Instant earliestHoldStart() {
        Instant since = null;
        for (ChannelLeg l : legs) {
            if (l.holdSince != null && (since == null || l.holdSince.isBefore(since))) {
                since = l.holdSince;
            }
        }
        return since;
    }

    /** A hold consent recorded within {@code window} before {@code at}. */
    boolean holdConsentCovers(Instant at, Duration window) {
        return consentCovers(holdConsentAt, at, window);
    }

    /** A transfer consent recorded within {@code window} before {@code at}. */
    boolean transferConsentCovers(Instant at, Duration window) {
        return consentCovers(transferConsentAt, at, window);
    }

    /** The latest transfer waits for {@code agent} to answer (neither answered nor failed yet). */
    boolean transferWaitsFor(String agent) {
        TransferAttempt pending = lastTransfer();
        return pending != null && !pending.answered && !pending.failed && agent.equals(pending.toUsername);
    }

    /** Where the call's transfer stands. */
    TransferState transferState() {
        return transferEntries.isEmpty() ? TransferState.NONE : transferEntries.get(transferEntries.size() - 1).state();
    }

    /** The agent who consults a colleague in the attended transfer under way (the transfer is CONSULTING), else null. */
    String consultingAgent() {
        TransferEntry last = transferEntries.isEmpty() ? null : transferEntries.get(transferEntries.size() - 1);
        return last != null && last.state() == TransferState.CONSULTING ? last.agent() : null;
    }

    /** The colleague consulted now or last (ringing, talking, unanswered), or null. */
    CallView.Consultation consultation() {
        return consultation;
    }

    // ------------------------------------------------------------------------------------------------ legs, intake

    /** The leg joins this group. */
    void addLeg(ChannelLeg leg) {
        leg.call = this;
        legs.add(leg);
    }

    /** The leg is gone from this group; a hold it was in counts into a live call's hold time. */
    void removeLeg(ChannelLeg leg, Instant at) {
        legs.remove(leg);
        if (leg.holdSince != null) {
            if (live()) {
                holdMillis += millisBetween(leg.holdSince, at);
            }
            leg.holdSince = null;
        }
    }

    /**
     * A group found to be part of this call (a consultation or Local legs reached from the customer, a leg reported with
     * the call's Linkedid): its legs move here, its timeline joins the call's in time order, and so do its recordings.
     */
    void absorb(CallRecord other) {
        for (ChannelLeg l : other.legs) {
            l.call = this;
            legs.add(l);
        }
        other.legs.clear();
        if (!other.timeline.isEmpty()) {
            timeline.addAll(other.timeline);
            timeline.sort(Comparator.comparing(TimelineEntry::at));
        }
        for (Recording r : other.recordings) {
            addRecording(r);
        }
    }

    /** A group that is no call concerns the live call {@code call} (its first leg is an agent talking there). */
    void relateTo(CallRecord call) {
        relatedCall = call;
    }

    /** The customer is on {@code leg}; the customer's number is taken from it unless known. */
    void identifyCustomer(ChannelLeg leg) {
        customerLeg = leg;
        if (customerNumber == null) {
            customerNumber = leg.callerNumber != null && !leg.callerNumber.startsWith("<") ? leg.callerNumber : leg.exten;
        }
    }

    /**
     * The customer was dialled as {@code number} (the number the agent's side dialled, null when unknown): that is the
     * customer's number, not the caller ID the dialled channel shows.
     */
    void customerDialledAs(String number) {
        if (number != null) {
            customerNumber = number;
        }
    }

    /**
     * The group becomes a customer call in {@code direction} and is offered (RINGING; an outbound call to the agent who
     * placed it: the dialler's {@code AGENT}, else the group's first agent). False when it already was a call or ended.
     */
    boolean becomeCall(Direction direction) {
        if (isCall || !live()) {
            return false;
        }
        isCall = true;
        this.direction = direction;
        relatedCall = null;
        if (direction == Direction.OUTBOUND && placedBy == null) {
            for (ChannelLeg l : legs) {
                if (l.isAgent()) {
                    placedBy = l.username();
                    break;
                }
            }
        }
        enterStage(StageChange.OFFERED, direction == Direction.OUTBOUND ? placedBy : null, startedAt);
        return true;
    }

    /** The customer joined {@code queue} at {@code at} (the wait counts from the first join). */
    void joinedQueue(String queue, Instant at) {
        this.queue = queue;
        if (queueJoinedAt == null) {
            queueJoinedAt = at;
        }
    }

    /**
     * The customer joined {@code queue} while the latest transfer, to an extension that is no agent's, waited for an
     * answer: the extension was the queue's (e.g. {@code 100} of {@code service}), so the transfer, and its
     * {@code transfer-without-consent} flag, name the queue (timeline {@code transfer-to-queue}).
     */
    void transferReachedQueue(String queue, Instant at) {
        TransferAttempt t = lastTransfer();
        if (queue == null || t == null || t.toUsername != null || t.answered || t.failed || queue.equals(t.to)) {
            return;
        }
        String extension = t.to;
        t.to = queue;
        addTimeline(at, "transfer-to-queue", null, null, extension == null ? queue : queue + " (extension " + extension + ")");
        if (extension == null) {
            return;
        }
        String was = " transfer to " + extension + " ";
        String now = " transfer to " + queue + " ";
        for (int i = 0; i < flags.size(); i++) {
            Flag f = flags.get(i);
            if (!f.rule().equals("transfer-without-consent") || !f.at().equals(t.at) || f.detail() == null
                    || !f.detail().contains(was)) {
                continue;
            }
            Flag renamed = new Flag(f.rule(), f.at(), f.detail().replace(was, now));
            flags.set(i, renamed);
            for (int j = 0; j < timeline.size(); j++) {
                TimelineEntry e = timeline.get(j);
                if ("flag".equals(e.type()) && e.at().equals(f.at()) && (f.rule() + ": " + f.detail()).equals(e.detail())) {
                    timeline.set(j, new TimelineEntry(e.at(), e.type(), e.channel(), e.agent(),
                            renamed.rule() + ": " + renamed.detail()));
                }
            }
        }
    }

    /** Found waiting in {@code queue} at a resync, since {@code joinedAt} (null: unknown). */
    void foundInQueue(String queue, Instant joinedAt) {
        this.queue = queue;
        this.queueJoinedAt = joinedAt;
    }

    /** The customer left the queue unanswered (abandoned, for a call). */
    void abandonedInQueue(Instant at) {
        abandoned = isCall;
        closeQueueWait(at);
    }

    /** The dialler's {@code CAMPAIGN} variable. */
    void markCampaign(String campaign) {
        this.campaign = campaign;
    }

    /** The dialler's {@code AGENT} variable: the agent the call is placed for. */
    void markPlacedBy(String agent) {
        this.placedBy = agent;
    }

    /** An originate for this group failed. */
    void originateFailed() {
        originateFailed = true;
    }

    /** An agent's leg of this group answered (its channel is up). */
    void agentPickedUp() {
        agentLegAnswered = true;
    }

    /** The customer of an outbound call answered at {@code at}; the first answer is the call's answer time. */
    void customerPickedUp(Instant at) {
        if (direction != Direction.OUTBOUND || customerAnswered) {
            return;
        }
        customerAnswered = true;
        if (answeredAt == null) {
            answeredAt = at;
        }
    }

    /** How the customer's dial ended (outbound: the outcome when nobody answered). */
    void customerDialEnded(DialStatus status) {
        lastCustomerDialStatus = status;
    }

    /** AgentComplete's reason (caller, agent, transfer): who hung up, when no hangup request says so. */
    void completedWith(String reason) {
        completeReason = reason;
    }

    /** A recording started at {@code at} (on one of the call's legs); the call keeps every file, in order of start. */
    void recordingStarted(String file, Instant at) {
        if (file != null) {
            addRecording(new Recording(at, file));
        }
    }

    private void addRecording(Recording r) {
        for (Recording known : recordings) {
            if (known.file().equals(r.file())) {
                return;
            }
        }
        recordings.add(r);
        recordings.sort(Comparator.comparing(Recording::at));
    }

    // ------------------------------------------------------------------------------------------------ connection

    /**
     * The agents talking to the customer now ({@code midCall}: found so at a resync, the answer time is not theirs):
     * talk time runs while anyone does, the first connection answers the call. Returns the agents newly connected.
     */
    Set<String> talking(Set<String> now, Instant at, boolean midCall) {
        Set<String> newly = new LinkedHashSet<>(now);
        newly.removeAll(connectedAgents);
        if (!now.isEmpty()) {
            if (connectedSince == null) {
                connectedSince = at;
            }
            everConnected = true;
            if (answeredAt == null && !midCall) {
                answeredAt = at;
            }
            lastConnectedAgents = new LinkedHashSet<>(now);
        } else if (connectedSince != null) {
            talkMillis += millisBetween(connectedSince, at);
            connectedSince = null;
        }
        connectedAgents = now;
        return newly;
    }

    /** Whether the agents talking to the customer differ from {@code now}. */
    boolean connectedAgentsDifferFrom(Set<String> now) {
        return !now.equals(connectedAgents);
    }

    /**
     * {@code agent} newly talks to the customer: one of the call's agents, and the answer of the transfers waiting for
     * them (or for anyone). True when they answered a transfer.
     */
    boolean joinedBy(String agent, Instant at) {
        agents.add(agent);
        boolean answeredTransfer = false;
        for (TransferAttempt t : transfers) {
            if (!t.answered && (agent.equals(t.toUsername) || t.toUsername == null)) {
                transferAnswered(t, agent, at);
                answeredTransfer = true;
            }
        }
        return answeredTransfer;
    }

    /** An outside party talks to the customer: the transfers to no known agent are answered. True when one was. */
    boolean outsidePartyAnswered(Instant at) {
        boolean any = false;
        for (TransferAttempt t : transfers) {
            if (!t.answered && t.toUsername == null) {
                transferAnswered(t, null, at);
                any = true;
            }
        }
        return any;
    }

    // ------------------------------------------------------------------------------------------------ consents, hold

    /** The customer agreed to be put on hold (timeline {@code hold-consent}). */
    void holdConsented(String agent, Instant at) {
        holdConsentAt = at;
        addTimeline(at, "hold-consent", null, agent, null);
    }

    /** The customer agreed to be transferred (timeline {@code transfer-consent}). */
    void transferConsented(String agent, Instant at) {
        transferConsentAt = at;
        addTimeline(at, "transfer-consent", null, agent, null);
    }

    /**
     * {@code agent} put the customer on hold: one more hold, a new long-hold clock, no apology owed any more; from the
     * greeting, conversation or closing the call enters HOLD (and remembers where it was).
     */
    void putOnHold(String agent, Instant at) {
        if (holdStartedAt == null) {
            holdStartedAt = at;
        }
        holdCount++;
        longHold = false;
        apologyStage = -1;
        Stage stage = stage();
        if (stage == Stage.GREETING || stage == Stage.CONVERSATION || stage == Stage.CLOSING) {
            stageBeforeHold = stage;
            enterStage(consultationHold ? StageChange.CONSULTATION : StageChange.HELD, agent, at);
        }
    }

    /** {@code agent} asked for an attended transfer from the console and it is still being set up. */
    boolean consultationRequestedBy(String agent) {
        TransferEntry last = transferEntries.isEmpty() ? null : transferEntries.get(transferEntries.size() - 1);
        return last != null && last.state() == TransferState.CONSULTING && agent != null && agent.equals(last.agent());
    }

    /**
     * The hold that begins now is the consultation of the attended transfer the agent asked for from the console: it
     * counts as a hold (hold count and time), its consent is the transfer consent, and the call shows TRANSFER.
     */
    void holdIsConsultation() {
        consultationHold = true;
    }

    /** The current hold is an attended transfer's consultation. */
    boolean inConsultationHold() {
        return consultationHold;
    }

    /**
     * The agent of the held customer consults a colleague ({@code detail}: how it was seen) without having asked from
     * the console: the hold becomes the transfer's consultation hold (stage TRANSFER, transfer CONSULTING); a
     * {@code hold-without-consent} flag raised for this hold is withdrawn, the transfer consent is what counts now.
     * False when the hold already was one.
     */
    boolean consultationBegan(String agent, Instant at, String detail) {
        if (consultationHold) {
            return false;
        }
        Instant holdStart = holdStartedAt;
        consultationHold = true;
        addTimeline(at, "consultation", null, agent, detail);
        if (holdStart != null && flags.removeIf(f -> f.rule().equals("hold-without-consent") && !f.at().isBefore(holdStart))) {
            addTimeline(at, "flag-withdrawn", null, agent, "hold-without-consent: the hold is the consultation of a transfer");
        }
        if (transferState() != TransferState.CONSULTING) {
            changeTransfer(TransferChange.CONSULTATION_STARTED, agent, at);
        }
        if (stage() == Stage.HOLD) {
            enterStage(StageChange.CONSULTATION, agent, at);
        }
        return true;
    }

    /**
     * The consultation ended with the customer back with the agent (no transfer): the transfer asked for is
     * abandoned; a hold that had neither the hold consent nor the transfer consent is flagged now.
     */
    void consultationGivenUp(String agent, Instant at, Duration window) {
        Instant holdStart = holdStartedAt;
        consultationHold = false;
        if (transferState() == TransferState.CONSULTING) {
            changeTransfer(TransferChange.ABORTED, agent, at);
        }
        if (holdStart != null && !holdConsentCovers(holdStart, window) && !transferConsentCovers(holdStart, window)) {
            addFlag("hold-without-consent", holdStart, agent, "no hold consent recorded in the " + window.toSeconds()
                    + " s before the hold");
        }
    }

    /** The leg's hold ended at {@code at}: its time counts into the call's hold time. */
    void legResumed(ChannelLeg leg, Instant at) {
        holdMillis += millisBetween(leg.holdSince, at);
        leg.holdSince = null;
    }

    /** The hold lasted longer than the limit, at {@code at}: timeline {@code long-hold}. */
    void holdGrewLong(Instant at, String detail) {
        longHold = true;
        addTimeline(at, "long-hold", null, stageAgent(), detail);
    }

    /**
     * The call leaves HOLD for the stage it was held in (closing, else the conversation); after a long hold the
     * resumed stage's phrase is the apology owed (timeline {@code resume-after-long-hold}).
     */
    void resumeFromHold(String agent, Instant at) {
        holdStartedAt = null;
        enterStage(stageBeforeHold == Stage.CLOSING ? StageChange.RESUMED_CLOSING : StageChange.RESUMED, agent, at);
        if (longHold) {
            longHold = false;
            apologyStage = currentIndex();
            addTimeline(at, "resume-after-long-hold", null, agent, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ transfer

    /**
     * The transfer takes the change (the transition table is {@link TransferChange}'s): a transfer entry with the
     * change's cause. A change the table does not allow from the current state is logged (and still taken).
     */
    void changeTransfer(TransferChange change, String agent, Instant at) {
        TransferState current = transferState();
        if (!change.allowedFrom(current)) {
            LOG.warnf("Unexpected transfer change %s (%s → %s) on call %s", change, current, change.to(), id);
        }
        transferEntries.add(new TransferEntry(change.to(), agent, at, change.cause()));
        if (change.to() != TransferState.CONSULTING && change != TransferChange.CONSULTATION_UNANSWERED) {
            consultation = null;
        }
    }

    /** The colleague the agent consults ({@code colleague}: username, else the channel) is rung. */
    void consultationRinging(String colleague, Instant at) {
        consultation = new CallView.Consultation(colleague, CallView.Consultation.RINGING, at);
    }

    /** The colleague answered: they talk with the agent while the customer waits. */
    void consultationAnswered(String colleague, Instant at) {
        consultation = new CallView.Consultation(colleague, CallView.Consultation.TALKING, at);
    }

    /** The agent asked the PBX, from the console, for the transfer (timeline {@code transfer-requested}). */
    void transferRequested(String agent, String channel, TransferRequest request, Instant at) {
        consultation = null;
        String target = request.extension() + "@" + request.context();
        addTimeline(at, "transfer-requested", channel, agent, request.mode().json() + " to " + target);
        changeTransfer(request.mode() == TransferRequest.Mode.BLIND ? TransferChange.BLIND_REQUESTED_BY_AGENT
                : TransferChange.ATTENDED_REQUESTED_BY_AGENT, agent, at);
    }

    /**
     * The PBX refused a transfer (or the agent aborted the consultation): one the agent asked for from the console is
     * abandoned. False when none was asked for.
     */
    boolean transferAborted(String agent, Instant at) {
        TransferState state = transferState();
        if (state != TransferState.BLIND_REQUESTED && state != TransferState.CONSULTING) {
            return false;
        }
        changeTransfer(TransferChange.ABORTED, agent, at);
        return true;
    }

    /** A leg that took part in a transfer: its hangup does not decide who hung up. */
    void addTransfererLeg(String uniqueId) {
        transfererLegs.add(uniqueId);
    }

    /**
     * The PBX handed the customer over ({@code change}: blind or attended) from {@code transferer} to {@code to}
     * ({@code toUsername} when an agent): the call enters TRANSFER, nobody counts as connected since; a target already
     * talking to the customer answers at once (their greeting).
     */
    void beginTransfer(TransferChange change, String type, ChannelLeg transferer, String from, String to,
                                  String toUsername, Instant at) {
        TransferAttempt transfer = new TransferAttempt(type, from, to, toUsername, at);
        transfers.add(transfer);
        consultationHold = false;
        holdStartedAt = null;
        transfererLegs.add(transferer.uniqueId);
        changeTransfer(change, transferer.username(), at);
        lastConnectedAgents = new LinkedHashSet<>();
        enterStage(StageChange.TRANSFERRED, toUsername, at);
        if (toUsername != null && connectedAgents.contains(toUsername)) {
            transferAnswered(transfer, toUsername, at);
            lastConnectedAgents = new LinkedHashSet<>(List.of(toUsername));
            enterStage(StageChange.TRANSFER_ANSWERED, toUsername, at);
        }
    }

    private void transferAnswered(TransferAttempt t, String agent, Instant at) {
        t.answered = true;
        transferFailed = false;
        if (t == lastTransfer()) {
            changeTransfer(TransferChange.TARGET_ANSWERED, agent, at);
        }
    }

    /**
     * The pending transfer's target did not answer: the transfer failed ({@code detail}: who, how). While the call
     * waits in TRANSFER for its target, the stage leaves the target: nobody owns it until someone talks to the
     * customer again (the PBX brings the customer back to the transferring agent or to the queue).
     */
    void transferTargetUnanswered(Instant at, String detail) {
        TransferAttempt pending = lastTransfer();
        pending.failed = true;
        changeTransfer(TransferChange.TARGET_UNANSWERED, pending.toUsername, at);
        transferFailed(at, detail);
        if (stage() == Stage.TRANSFER && pending.toUsername != null && pending.toUsername.equals(stageAgent())) {
            enterStage(StageChange.TARGET_UNANSWERED, null, at);
        }
    }

    /**
     * {@code agent} transferred the customer and the transfer's target did not answer: when they talk to the customer
     * again, the call returns to their conversation.
     */
    boolean returnsTo(String agent) {
        TransferAttempt latest = lastTransfer();
        return latest != null && latest.failed && !latest.answered && agent.equals(latest.from);
    }

    /** The colleague the agent consulted did not answer: a failed transfer too. */
    void consultationUnanswered(String colleague, Instant at, String detail) {
        changeTransfer(TransferChange.CONSULTATION_UNANSWERED, colleague, at);
        consultation = new CallView.Consultation(colleague, CallView.Consultation.UNANSWERED, at);
        transferFailed(at, detail);
    }

    /**
     * The latest transfer is unanswered and nobody talked to the customer since it began: its transferer (an agent's
     * username or a channel), else null.
     */
    String unansweredTransferer() {
        TransferAttempt pending = lastTransfer();
        return pending == null || pending.answered || !lastConnectedAgents.isEmpty() ? null : pending.from;
    }

    /**
     * The call ends: the latest transfer, still unanswered with nobody talking to the customer since, failed (unless
     * it already had). True when it failed now.
     */
    boolean failUnansweredTransferAtEnd(Instant at) {
        TransferAttempt pending = lastTransfer();
        if (unansweredTransferer() == null || pending.failed) {
            return false;
        }
        pending.failed = true;
        changeTransfer(TransferChange.ENDED_UNANSWERED, pending.toUsername, at);
        transferFailed(at, (pending.to == null ? "the target" : pending.to) + " did not answer before the call ended");
        return true;
    }

    /** The call ends with a transfer under way: abandoned. */
    void abandonTransferAtEnd(Instant at) {
        if (transferState().inProgress()) {
            changeTransfer(TransferChange.CALL_ENDED, null, at);
        }
    }

    private void transferFailed(Instant at, String detail) {
        transferFailed = true;
        addTimeline(at, "transfer-failed", null, null, detail);
    }

    /** The agent created a callback task (flag {@code callback-task}): the failed transfer is taken care of. */
    void callbackTaskCreated(String agent, String note, Instant at) {
        addFlag("callback-task", at, agent, note);
        transferFailed = false;
    }

    // ------------------------------------------------------------------------------------------------ end, wrap-up

    /**
     * The last moment the call was seen up as its record tells: its latest timeline entry (the last PBX event Cuecard
     * received for it, a link loss, a resync that found it), not before it started. For a call restored after a restart
     * and found gone at the first resync.
     */
    Instant lastSeenUp() {
        Instant seen = startedAt;
        for (TimelineEntry e : timeline) {
            if (e.at() != null && e.at().isAfter(seen)) {
                seen = e.at();
            }
        }
        return seen;
    }

    /**
     * The call ended unseen, while Cuecard could not see the PBX: somewhere between {@code after} (the last moment it
     * was seen up) and {@code before} (when Cuecard saw it gone). Kept as the call's {@code endedAfter} and
     * {@code endedBefore}; the call is closed at {@code after} ({@link #close}), so talk, hold and queue wait count to
     * the last moment they were seen.
     */
    void endedUnseen(Instant after, Instant before) {
        endedAfter = after;
        endedBefore = before;
    }

    /**
     * The customer is waiting in {@code queue} at a resync since {@code joinedAt} (from the PBX's {@code QueueStatus}):
     * a call recovered after a restart did not keep when it joined, so its wait counts from there.
     */
    void stillInQueue(String queue, Instant joinedAt) {
        if (waitSeconds != null || joinedAt == null) {
            return;
        }
        if (this.queue == null) {
            this.queue = queue;
        }
        if (queueJoinedAt == null) {
            queueJoinedAt = joinedAt;
        }
    }

    /** Nobody decided who hung up (the end was not seen): the system did, without the {@code pbx-hangup} flag. */
    void hungUpBySystemUnlessDecided() {
        if (hangupBy == null) {
            hangupBy = "system";
        }
    }

    /**
     * {@code agent}'s wrap-up of this call begins: of an ended call, the first agent's follows the ENDED stage, further
     * agents get their own entries beside it; of a live call (an agent who transferred the customer and left), an entry
     * with the cause {@link CallView#WRAP_UP_AFTER_TRANSFER} beside the call's stages (timeline {@code wrap-up-started}).
     */
    void startWrapUp(String agent, Instant at, boolean firstAgent) {
        if (live()) {
            // an agent who transferred the customer left: their wrap-up stands beside the call's stages
            stages.add(new StageEntry(Stage.WRAP_UP, agent, at, null, false, CallView.WRAP_UP_AFTER_TRANSFER));
        } else if (firstAgent) {
            enterStage(StageChange.WRAP_UP_STARTED, agent, at);
        } else {
            addWrapUpEntry(agent, at);
        }
        wrapUps.put(agent, at);
        addTimeline(at, "wrap-up-started", null, agent, null);
    }

    /** A wrap-up still open in a restored call. */
    void wrapUpRestored(String agent, Instant since) {
        wrapUps.put(agent, since);
    }

    /** Ends {@code agent}'s wrap-up ({@code why} goes to the timeline); false when they had none open. */
    /** The agents wrapping this call up while it goes on (they left it after transferring the customer). */
    List<String> wrappingUpWhileLive() {
        return live() && !wrapUps.isEmpty() ? List.copyOf(wrapUps.keySet()) : List.of();
    }

    boolean closeWrapUp(String agent, Instant at, String why) {
        if (wrapUps.remove(agent) == null) {
            return false;
        }
        closeWrapUpEntry(agent, at);
        addTimeline(at, why, null, agent, null);
        return true;
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
        for (TransferAttempt t : transfers) {
            transferViews.add(new Transfer(t.type, t.from, t.to, t.at, t.answered));
        }
        return new CallView(id, direction, customerNumber, queue, campaign, List.copyOf(agents), placedBy, startedAt,
                answeredAt, endedAt, waitSeconds, endedAt == null ? null : roundedSeconds(talkMillis), holdCount,
                roundedSeconds(holdMillis), List.copyOf(transferViews), abandoned, outcome, hangupBy, stage(),
                stageAgent(), List.copyOf(stages), List.copyOf(timeline), List.copyOf(flags),
                new CallView.Consent(holdConsentAt, transferConsentAt), longHold && stage() == Stage.HOLD, apologyRequired(),
                transferFailed, recordings.isEmpty() ? null : recordings.get(0).file(), version, List.copyOf(transferEntries),
                consultation, endedAfter, endedBefore, recordings.stream().map(Recording::file).toList());
    }
}
