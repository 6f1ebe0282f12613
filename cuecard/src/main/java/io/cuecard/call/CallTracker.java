package io.cuecard.call;

import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.event.CallEvent.AgentCompleted;
import io.cuecard.call.event.CallEvent.AgentConnected;
import io.cuecard.call.event.CallEvent.AgentRingNoAnswer;
import io.cuecard.call.event.CallEvent.AgentRinging;
import io.cuecard.call.event.CallEvent.AttendedTransfer;
import io.cuecard.call.event.CallEvent.BlindTransfer;
import io.cuecard.call.event.CallEvent.Bridged;
import io.cuecard.call.event.CallEvent.ChannelHungUp;
import io.cuecard.call.event.CallEvent.ChannelOpened;
import io.cuecard.call.event.CallEvent.ChannelState;
import io.cuecard.call.event.CallEvent.ChannelStateChanged;
import io.cuecard.call.event.CallEvent.ChannelsGone;
import io.cuecard.call.event.CallEvent.DialEnded;
import io.cuecard.call.event.CallEvent.Dialing;
import io.cuecard.call.event.CallEvent.HangupRequested;
import io.cuecard.call.event.CallEvent.Hold;
import io.cuecard.call.event.CallEvent.LegEvent;
import io.cuecard.call.event.CallEvent.LinkLost;
import io.cuecard.call.event.CallEvent.LocalOptimization;
import io.cuecard.call.event.CallEvent.MemberPauseChanged;
import io.cuecard.call.event.CallEvent.MusicOnHold;
import io.cuecard.call.event.CallEvent.OriginateResult;
import io.cuecard.call.event.CallEvent.QueueAbandoned;
import io.cuecard.call.event.CallEvent.QueueJoined;
import io.cuecard.call.event.CallEvent.QueueLeft;
import io.cuecard.call.event.CallEvent.RecordingStarted;
import io.cuecard.call.event.CallEvent.Resynced;
import io.cuecard.call.event.CallEvent.Spying;
import io.cuecard.call.event.CallEvent.Unbridged;
import io.cuecard.call.event.CallEvent.Unhold;
import io.cuecard.call.event.CallEvent.VariableSet;
import io.cuecard.call.event.CallEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The call state machine: builds customer calls ({@link CallView}) from {@link CallEvent}s and the agents' console
 * actions, and tells the {@link CallObserver} about every change (with an incremented version).
 *
 * <p><b>Threading:</b> not thread-safe and needs no locks: the caller guarantees that every method is called from
 * one thread (the tracker's own single-threaded executor). The observer and {@link PbxControl} are called on it; the
 * PBX's answers to transfer actions come back through the {@code callThread} executor given at construction.
 *
 * <p><b>Model.</b> Legs (channels) sharing a Linkedid form a channel group. A group becomes a customer call when a
 * customer (a leg that is neither an agent nor a Local channel) joins a queue, dials or is dialled by an agent, is
 * bridged with an agent, or when an agent's leg is originated (outbound). Groups without a customer (a supervisor's
 * ChanSpy leg, an agent's consultation call) are not calls: their events go to the timeline of the call they
 * concern. Who talks to the customer is worked out from bridge membership and Local channel pairs, so consultation
 * and Local legs reached from the customer are merged into the call. Events of a call that already ended are ignored,
 * which makes re-applying a trace idempotent.
 *
 * <p><b>Parts.</b> The state has one owner, the {@link CallBook} (channel groups, ended calls, the channel graph, the
 * calls changed by the current event). The tracker dispatches each event to the rule that handles it and publishes
 * the changes; the rules receive the book (and each other where one rule's outcome starts another) and never call back
 * into the tracker: {@link CallIntake} (which groups are customer calls), {@link CallConnections} (who talks to the
 * customer), {@link HoldDesk} (hold, long hold), {@link TransferDesk} (transfers), {@link CallEnding} (who hung up,
 * the end of the call), {@link WrapUpDesk} (the agents' wrap-ups), {@link QueuePauses} (the queue members' pauses
 * against the wrap-ups) and {@link LinkRecovery} (link loss and resync).
 */
public final class CallTracker {

    private static final Logger LOG = Logger.getLogger(CallTracker.class);

    private final AgentDirectory directory;
    private final CallObserver observer;
    private final TrackerSettings settings;
    private final InstantSource clock;
    /** Runs a task on the tracker's thread (the PBX's answers to transfer actions come back through it). */
    private final Executor callThread;

    /** The state: channel groups, ended calls, the channel graph, the calls changed by the current event or action. */
    private final CallBook book;
    private final ChannelGraph graph;
    private final Map<String, CallRecord> groups;
    private final Map<String, CallRecord> ended;
    private final Set<CallRecord> changed;
    private final WrapUpDesk wrapUps;
    private final QueuePauses pauses;
    private final CallConnections connections;
    private final TransferDesk transfers;
    private final HoldDesk holds;
    private final CallIntake intake;
    private final CallEnding ending;
    private final LinkRecovery link;

    /**
     * A tracker whose PBX answers are applied on the thread that delivers them: for callers (tests) that deliver them on
     * the tracker's thread themselves.
     */
    public CallTracker(AgentDirectory directory, PbxControl pbx, CallObserver observer, TrackerSettings settings,
                       InstantSource clock) {
        this(directory, pbx, observer, settings, clock, Runnable::run);
    }

    /** {@code callThread} runs a task on the tracker's thread (the one every other method is called on). */
    public CallTracker(AgentDirectory directory, PbxControl pbx, CallObserver observer, TrackerSettings settings,
                       InstantSource clock, Executor callThread) {
        this.callThread = Objects.requireNonNull(callThread, "callThread");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pbx, "pbx");
        this.book = new CallBook(directory);
        this.graph = book.graph();
        this.groups = book.groups();
        this.ended = book.ended();
        this.changed = book.changed();
        this.pauses = new QueuePauses(book, pbx);
        this.wrapUps = new WrapUpDesk(directory, pauses, settings.wrapUpMaximum());
        this.connections = new CallConnections(book);
        this.transfers = new TransferDesk(book, connections, directory, settings, pbx);
        this.holds = new HoldDesk(book, settings);
        this.intake = new CallIntake(book);
        this.ending = new CallEnding(book, transfers, wrapUps);
        this.link = new LinkRecovery(book, intake, ending, connections, holds);
        declareHandlers();
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** Calls not ended yet. */
    public Collection<CallView> liveCalls() {
        List<CallView> out = new ArrayList<>();
        for (CallRecord r : groups.values()) {
            if (r.isCall()) {
                out.add(r.view());
            }
        }
        return out;
    }

    /** A live call, a call whose agents are in wrap-up, or a recently ended call. */
    public Optional<CallView> call(String id) {
        CallRecord r = groups.get(id);
        if (r != null && r.isCall()) {
            return Optional.of(r.view());
        }
        r = ended.get(id);
        return r == null ? Optional.empty() : Optional.of(r.view());
    }

    // ------------------------------------------------------------------------------------------------ console

    /** The agent said the current stage's phrase ("said it"); in the greeting this moves on to the conversation. */
    public ConsoleResult confirmPhrase(String callId, String username, Instant at) {
        CallRecord r = book.liveCall(callId);
        if (r == null) {
            return ended.containsKey(callId) ? ConsoleResult.WRONG_STAGE : ConsoleResult.NO_SUCH_CALL;
        }
        Stage stage = r.stage();
        if (stage != Stage.GREETING && stage != Stage.CONVERSATION && stage != Stage.HOLD && stage != Stage.CLOSING) {
            return ConsoleResult.WRONG_STAGE;
        }
        if (username == null || !username.equals(r.stageAgent())) {
            return ConsoleResult.NOT_YOUR_CALL;
        }
        if (!r.currentStage().phraseConfirmed()) {
            r.confirmCurrentPhrase();
            r.addTimeline(at, "phrase-confirmed", null, username, stage.json());
            if (stage == Stage.GREETING) {
                r.enterStage(StageChange.PHRASE_SAID, username, at);
            }
            changed.add(r);
        }
        flush();
        return ConsoleResult.OK;
    }

    /** The agent moves the call to the closing stage. */
    public ConsoleResult moveToClosing(String callId, String username, Instant at) {
        CallRecord r = book.liveCall(callId);
        if (r == null) {
            return ended.containsKey(callId) ? ConsoleResult.WRONG_STAGE : ConsoleResult.NO_SUCH_CALL;
        }
        Stage stage = r.stage();
        if (stage != Stage.GREETING && stage != Stage.CONVERSATION && stage != Stage.CLOSING) {
            return ConsoleResult.WRONG_STAGE;
        }
        if (username == null || !username.equals(r.stageAgent())) {
            return ConsoleResult.NOT_YOUR_CALL;
        }
        if (stage != Stage.CLOSING) {
            r.addTimeline(at, "closing", null, username, null);
            r.enterStage(StageChange.CLOSING_STARTED, username, at);
            changed.add(r);
        }
        flush();
        return ConsoleResult.OK;
    }

    /** The agent ends wrap-up and is made available (un-paused) again. */
    public ConsoleResult ready(String username, Instant at) {
        CallRecord r = wrapUps.callOf(username);
        if (r == null || !wrapUps.finish(username, at, "ready")) {
            return ConsoleResult.WRONG_STAGE;
        }
        changed.add(r);
        flush();
        settlePauses();
        return ConsoleResult.OK;
    }

    /** The customer agreed to be put on hold (row 3): a hold within the consent window is not flagged. */
    public ConsoleResult recordHoldConsent(String callId, String username, Instant at) {
        return recordConsent(callId, username, at, true);
    }

    /** The customer agreed to a transfer (row 7): the console may transfer, a transfer within the window is not flagged. */
    public ConsoleResult recordTransferConsent(String callId, String username, Instant at) {
        return recordConsent(callId, username, at, false);
    }

    private ConsoleResult recordConsent(String callId, String username, Instant at, boolean hold) {
        CallRecord r = book.liveCall(callId);
        ConsoleResult refused = refuseUnlessOnCall(r, callId, username);
        if (refused != null) {
            return refused;
        }
        if (hold) {
            r.holdConsented(username, at);
        } else {
            r.transferConsented(username, at);
        }
        changed.add(r);
        flush();
        return ConsoleResult.OK;
    }

    /**
     * The agent transfers the customer from the console: refused without a transfer consent in the consent window;
     * otherwise the PBX is asked to transfer from the agent's channel (the transfer itself is recorded when the PBX
     * reports it).
     */
    public ConsoleResult requestTransfer(String callId, String username, TransferRequest request, Instant at) {
        CallRecord r = book.liveCall(callId);
        ConsoleResult refused = refuseUnlessOnCall(r, callId, username);
        if (refused != null) {
            return refused;
        }
        TransferDesk.Plan plan = transfers.plan(r, username, request, at);
        if (plan.result() != ConsoleResult.OK) {
            return plan.result();
        }
        flush(); // the console sees transfer-requested before the PBX reacts
        whenRefused(transfers.send(plan), callId, username, plan.agentChannel(), plan.action());
        return ConsoleResult.OK;
    }

    /**
     * The agent consulting a colleague in an attended transfer completes it: their leg leaves the consultation and the
     * PBX joins customer and colleague. Refused unless the call's transfer is CONSULTING with this agent consulting.
     */
    public ConsoleResult completeTransfer(String callId, String username, Instant at) {
        return endConsultation(callId, username, true, at);
    }

    /**
     * The agent consulting a colleague in an attended transfer cancels it and is back with the customer (AMI
     * CancelAtxfer). Refused unless the call's transfer is CONSULTING with this agent consulting.
     */
    public ConsoleResult cancelTransfer(String callId, String username, Instant at) {
        return endConsultation(callId, username, false, at);
    }

    private ConsoleResult endConsultation(String callId, String username, boolean complete, Instant at) {
        CallRecord r = book.liveCall(callId);
        if (r == null) {
            return callId != null && ended.containsKey(callId) ? ConsoleResult.WRONG_STAGE : ConsoleResult.NO_SUCH_CALL;
        }
        if (username == null || !r.isAgentOf(username)) {
            return ConsoleResult.NOT_YOUR_CALL;
        }
        TransferDesk.ConsultationPlan plan = transfers.planConsultationEnd(r, username, complete, at);
        if (plan.result() != ConsoleResult.OK) {
            return plan.result();
        }
        flush();
        whenRefused(transfers.send(plan), callId, username, plan.agentChannel(), plan.action());
        return ConsoleResult.OK;
    }

    /** When the PBX refuses the transfer action (or does not answer in time), {@link #transferRefused} on the tracker's thread. */
    private void whenRefused(CompletionStage<PbxAnswer> answer, String callId, String username, String channel,
                             TransferAction action) {
        if (answer == null) {
            return;
        }
        answer.whenComplete((a, failure) -> {
            PbxAnswer result = failure != null ? PbxAnswer.notSent(String.valueOf(failure.getMessage()))
                    : a == null ? PbxAnswer.notSent("no answer") : a;
            if (!result.isAccepted()) {
                callThread.execute(() -> transferRefused(callId, username, channel, action, result, clock.instant()));
            }
        });
    }

    /**
     * The PBX refused a transfer action {@code username} sent from the console (or did not answer in time): the call's
     * timeline says so and a transfer asked for and not made is abandoned ({@link TransferDesk#refused}); then the
     * observer tells the agent ({@link CallObserver#transferRefused}).
     */
    private void transferRefused(String callId, String username, String channel, TransferAction action, PbxAnswer answer,
                                 Instant at) {
        LOG.warnf("%s of %s on call %s for %s: %s", action.amiAction(), channel, callId, username, answer.describe());
        try {
            CallRecord r = liveOrEnded(callId);
            if (r != null && r.isCall()) {
                transfers.refused(r, username, channel, action, answer, at);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the refused %s on call %s", action.amiAction(), callId);
        }
        flush();
        try {
            observer.transferRefused(new TransferRefused(callId, username, action, answer));
        } catch (RuntimeException e) {
            LOG.errorf(e, "call observer failed for the refused %s on call %s", action.amiAction(), callId);
        }
    }

    /** A live call, else one still kept after its end (its wrap-up), else null. */
    private CallRecord liveOrEnded(String callId) {
        CallRecord r = book.liveCall(callId);
        return r != null || callId == null ? r : ended.get(callId);
    }

    /** Why {@code username} may not act on this call (no such customer call, not theirs), or null when they may. */
    private static ConsoleResult refusedTo(String username, CallRecord r) {
        if (r == null || !r.isCall()) {
            return ConsoleResult.NO_SUCH_CALL;
        }
        return r.isAgentOf(username) ? null : ConsoleResult.NOT_YOUR_CALL;
    }

    /**
     * The agent creates a callback (or message) task for the customer, typically after a transfer target did not
     * answer (row 9): flag {@code callback-task} with the note. Possible during the call and in its wrap-up.
     */
    public ConsoleResult recordCallback(String callId, String username, String note, Instant at) {
        CallRecord r = liveOrEnded(callId);
        ConsoleResult refused = refusedTo(username, r);
        if (refused != null) {
            return refused;
        }
        r.callbackTaskCreated(username, note == null || note.isBlank() ? null : note.strip(), at);
        changed.add(r);
        flush();
        return ConsoleResult.OK;
    }

    /**
     * The agent submitted notes that still contain phrases a {@code block} rule forbids, giving a reason: flag
     * {@code blocked-phrases-justified}, the detail naming the phrases and the reason, for the supervisor's review.
     */
    public ConsoleResult recordJustification(String callId, String username, String detail, Instant at) {
        CallRecord r = liveOrEnded(callId);
        ConsoleResult refused = refusedTo(username, r);
        if (refused != null) {
            return refused;
        }
        r.addFlag("blocked-phrases-justified", at, username, detail);
        changed.add(r);
        flush();
        return ConsoleResult.OK;
    }

    /** Null when {@code username} is on the live call {@code r} (its stage agent or talking on it), else why not. */
    private ConsoleResult refuseUnlessOnCall(CallRecord r, String callId, String username) {
        if (r == null) {
            return callId != null && ended.containsKey(callId) ? ConsoleResult.WRONG_STAGE : ConsoleResult.NO_SUCH_CALL;
        }
        if (username == null || !(username.equals(r.stageAgent()) || r.isConnected(username))) {
            return ConsoleResult.NOT_YOUR_CALL;
        }
        return r.stage() == Stage.RINGING || r.stage() == Stage.TRANSFER ? ConsoleResult.WRONG_STAGE : null;
    }

    /** Runs the timers with the tracker's clock. */
    public void tick() {
        tick(clock.instant());
    }

    /**
     * Runs the timers: greeting auto-advance, long hold (timeline {@code long-hold}, the console prompts the in-hold
     * phrase) and wrap-up maximum; a transition happens at its deadline.
     */
    public void tick(Instant now) {
        for (CallRecord r : List.copyOf(groups.values())) {
            if (r.isCall() && r.stage() == Stage.HOLD && !r.longHold()) {
                holds.checkLongHold(r, now);
            }
            StageEntry current = r.currentStage();
            if (r.isCall() && current != null && current.stage() == Stage.GREETING) {
                Instant deadline = current.enteredAt().plus(settings.greetingAutoAdvance());
                if (!now.isBefore(deadline)) {
                    r.enterStage(StageChange.GREETING_TIMEOUT, current.agent(), deadline);
                    changed.add(r);
                }
            }
        }
        changed.addAll(wrapUps.expire(now));
        flush();
        settlePauses();
    }

    // ------------------------------------------------------------------------------------------------ restore

    /**
     * Rebuilds a call from its call-log record after a Cuecard restart: a live call (its legs are attached by the
     * next {@link Resynced}), or an ended call whose agents are still in wrap-up. A call already known is left alone.
     */
    public void restore(CallView view) {
        restore(view, Map.of());
    }

    /**
     * As {@link #restore(CallView)}, with the deadlines of the call's open wrap-ups as they were kept (agent → when the
     * wrap-up maximum ends it; an agent without one gets the wrap-up maximum after its start).
     */
    public void restore(CallView view, Map<String, Instant> wrapUpDeadlines) {
        if (groups.containsKey(view.id()) || ended.containsKey(view.id())) {
            return;
        }
        CallRecord r = CallRecord.restored(view, directory);
        // open wrap-ups: of an ended call's agents, or of agents who left a live call after transferring the customer
        for (StageEntry e : view.stages()) {
            if (e.stage() == Stage.WRAP_UP && e.leftAt() == null && e.agent() != null) {
                wrapUps.restore(r, e.agent(), e.enteredAt(), wrapUpDeadlines.get(e.agent()));
            }
        }
        if (r.live()) {
            groups.put(r.id(), r);
            return;
        }
        ended.put(r.id(), r);
    }

    // ------------------------------------------------------------------------------------------------ events

    /**
     * Applies one PBX event. Never throws for odd events: they are skipped with a DEBUG log (an event that breaks a
     * rule of the tracker is logged as an ERROR and skipped; the changes made so far are still published).
     */
    public void apply(CallEvent event) {
        apply(event, null);
    }

    /**
     * Applies one event of a PBX event whose {@code Timestamp} header said {@code pbxTimestamp} (null: none): every
     * change it causes is published with that timestamp ({@link CallChange}).
     */
    public void apply(CallEvent event, Instant pbxTimestamp) {
        Objects.requireNonNull(event, "event");
        try {
            if (event instanceof LinkLost lost) {
                link.onLinkLost(lost);
            } else if (event instanceof Resynced resynced) {
                pauses.listed(resynced.members()); // settled after the resync, when who is on a call is known
                link.onResynced(resynced);
            } else if (event instanceof ChannelsGone gone) {
                link.onChannelsGone(gone);
            } else if (event instanceof MemberPauseChanged p) {
                pauses.reported(p.pause());
            } else {
                onLegEvent((LegEvent) event);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not apply %s", event);
        }
        backOnTheirCall(event.at());
        flush(pbxTimestamp);
        settlePauses();
    }

    /** An agent wrapping up a call that goes on, connected to its customer again: that wrap-up ends (see WrapUpDesk). */
    private void backOnTheirCall(Instant at) {
        for (CallRecord r : book.changed()) {
            for (String agent : r.wrappingUpWhileLive()) {
                if (r.isConnected(agent)) {
                    wrapUps.backOnTheCall(r, agent, at);
                }
            }
        }
    }

    /** The queue members whose pause may differ from what Cuecard wants get the QueuePause that closes the gap. */
    private void settlePauses() {
        try {
            pauses.settle(wrapUps::inWrapUp);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not settle the queue members' pauses");
        }
    }

    private void onLegEvent(LegEvent e) {
        if (e.at() == null || e.leg() == null || e.leg().uniqueId() == null) {
            LOG.debugf("skipping %s without time or leg", e.getClass().getSimpleName());
            return;
        }
        String uid = e.leg().uniqueId();
        ChannelLeg leg = graph.get(uid);
        if (leg == null) {
            if (e.callId() != null && ended.containsKey(e.callId())) {
                return;
            }
            if (!(e instanceof ChannelOpened opened)) {
                LOG.debugf("skipping %s for unknown leg %s", e.getClass().getSimpleName(), e.leg());
                return;
            }
            openLeg(opened);
            return;
        }
        if (e instanceof ChannelOpened) {
            return;
        }
        connections.mergeOnLinkedidChange(leg, e.callId());
        CallRecord group = leg.call;
        Handler<LegEvent> always = handler(everyGroup, e);
        if (always != null) {
            always.handle(group, leg, e);
        } else if (!group.live()) {
            LOG.debugf("ignoring %s of ended call %s", e.getClass().getSimpleName(), group.id());
        } else {
            Handler<LegEvent> handler = handler(liveGroups, e);
            if (handler != null) {
                handler.handle(group, leg, e);
            }
        }
    }

    /** What a kind of channel event does to the group of its leg (and the leg itself). */
    @FunctionalInterface
    private interface Handler<E extends LegEvent> {
        void handle(CallRecord group, ChannelLeg leg, E event);
    }

    /** Handlers of the events that matter even for a group that ended (the channel graph must stay true). */
    private final Map<Class<? extends LegEvent>, Handler<?>> everyGroup = new HashMap<>();
    /** Handlers of the events of live groups; an event without one (e.g. an opened channel seen twice) is ignored. */
    private final Map<Class<? extends LegEvent>, Handler<?>> liveGroups = new HashMap<>();

    /** The event table: which rule handles which event. Read this to find where an event goes. */
    private void declareHandlers() {
        on(everyGroup, Bridged.class, this::onBridged);
        on(everyGroup, Unbridged.class, this::onUnbridged);
        on(everyGroup, ChannelHungUp.class, this::onHungUp);

        on(liveGroups, ChannelStateChanged.class, this::onStateChanged);
        on(liveGroups, QueueJoined.class, intake::onQueueJoined);
        on(liveGroups, QueueLeft.class, (group, leg, q) -> {
            book.note(group, leg, q.at(), "queue-left", q.queue());
            group.closeQueueWait(q.at());
        });
        on(liveGroups, QueueAbandoned.class, (group, leg, q) -> {
            book.note(group, leg, q.at(), "queue-abandoned", q.queue());
            group.abandonedInQueue(q.at());
        });
        on(liveGroups, AgentRinging.class, (group, leg, a) ->
                noteMember(group, a.at(), "agent-ringing", a.agentLeg(), a.memberInterface(), a.queue()));
        on(liveGroups, AgentConnected.class, (group, leg, a) ->
                noteMember(group, a.at(), "agent-connected", a.agentLeg(), a.memberInterface(), a.queue()));
        on(liveGroups, AgentRingNoAnswer.class, (group, leg, a) ->
                noteMember(group, a.at(), "agent-ring-no-answer", a.agentLeg(), a.memberInterface(), a.queue()));
        on(liveGroups, AgentCompleted.class, (group, leg, a) -> {
            noteMember(group, a.at(), "agent-complete", a.agentLeg(), a.memberInterface(), "reason " + a.reason());
            group.completedWith(a.reason());
        });
        on(liveGroups, Dialing.class, (group, leg, d) -> {
            intake.onDialing(group, leg, d);
            if (d.caller() != null) {
                transfers.checkConsultation(group, graph.get(d.caller().uniqueId()), d.at(), "dials " + leg.channel);
                transfers.checkConsultationDial(group, leg, d.at());
            }
        });
        on(liveGroups, DialEnded.class, this::onDialEnded);
        on(liveGroups, Hold.class, holds::onHold);
        on(liveGroups, Unhold.class, holds::onUnhold);
        on(liveGroups, MusicOnHold.class, (group, leg, m) ->
                book.note(group, leg, m.at(), m.playing() ? "moh-start" : "moh-stop", null));
        on(liveGroups, BlindTransfer.class, transfers::onBlindTransfer);
        on(liveGroups, AttendedTransfer.class, transfers::onAttendedTransfer);
        on(liveGroups, LocalOptimization.class, (group, leg, o) ->
                book.note(group, leg, o.at(), o.begin() ? "local-optimization-begin" : "local-optimization-end",
                        o.other() == null ? null : "with " + o.other().channel() + (o.begin() ? "" : " success " + o.success())));
        on(liveGroups, HangupRequested.class, ending::onHangupRequested);
        on(liveGroups, OriginateResult.class, intake::onOriginateResult);
        on(liveGroups, RecordingStarted.class, (group, leg, rec) -> {
            book.note(group, leg, rec.at(), "recording-started", rec.file());
            group.recordingStarted(rec.file(), rec.at());
        });
        on(liveGroups, VariableSet.class, intake::onVariableSet);
        on(liveGroups, Spying.class, this::onSpying);
    }

    private static <E extends LegEvent> void on(Map<Class<? extends LegEvent>, Handler<?>> table, Class<E> type, Handler<E> handler) {
        table.put(type, handler);
    }

    @SuppressWarnings("unchecked")
    private static Handler<LegEvent> handler(Map<Class<? extends LegEvent>, Handler<?>> table, LegEvent event) {
        return (Handler<LegEvent>) table.get(event.getClass());
    }

    // ------------------------------------------------------------------------------------------------ legs

    private void openLeg(ChannelOpened o) {
        if (o.callId() == null) {
            LOG.debugf("skipping new channel %s without Linkedid", o.leg());
            return;
        }
        AgentRef agent = o.local() ? null : book.agentAt(o.endpoint());
        ChannelLeg leg = new ChannelLeg(o.leg().uniqueId(), o.leg().channel(), o.local(), agent);
        leg.callerNumber = o.callerNumber();
        leg.exten = o.exten();
        leg.up = o.up();
        CallRecord group = groups.get(o.callId());
        if (group == null) {
            group = new CallRecord(o.callId(), o.at());
            groups.put(group.id(), group);
            if (agent != null) {
                group.relateTo(book.callWhereConnected(agent.username()));
            }
        }
        book.attach(group, leg);
        if (o.localPartner() != null) {
            ChannelLeg partner = graph.get(o.localPartner());
            if (partner != null) {
                graph.pair(partner, leg);
            }
        }
        String caller = o.callerNumber() == null ? null : "caller " + o.callerNumber();
        String dialled = o.exten() == null ? null : "exten " + o.exten() + (o.context() == null ? "" : "@" + o.context());
        book.note(group, leg, o.at(), "channel-opened", join(caller, dialled));
    }




    // ------------------------------------------------------------------------------------------------ handlers

    private void onStateChanged(CallRecord group, ChannelLeg leg, ChannelStateChanged s) {
        book.note(group, leg, s.at(), "channel-" + s.state().name().toLowerCase(), null);
        if (s.state() != ChannelState.UP) {
            return;
        }
        leg.up = true;
        if (leg.isAgent()) {
            group.agentPickedUp();
        }
        if (leg == group.customerLeg()) {
            group.customerPickedUp(s.at());
        }
    }

    private void onDialEnded(CallRecord group, ChannelLeg dialled, DialEnded d) {
        book.note(group, dialled, d.at(), "dial-end", d.status().name());
        if (dialled == group.customerLeg()) {
            group.customerDialEnded(d.status());
        }
        if (dialled.isAgent() && d.status() != CallEvent.DialStatus.ANSWER) {
            transfers.checkTransferTargetUnanswered(group, dialled, d);
        } else if (d.status() == CallEvent.DialStatus.ANSWER) {
            transfers.checkConsultationAnswered(group, dialled, d.at());
        }
    }

    private void onBridged(CallRecord group, ChannelLeg leg, Bridged b) {
        if (b.bridgeId() == null) {
            return;
        }
        graph.enterBridge(leg, b.bridgeId());
        if (!group.live()) {
            return;
        }
        book.note(group, leg, b.at(), "bridged", b.bridgeId());
        if (!group.isCall() && group.relatedCall() == null) {
            intake.confirmByBridge(group);
        }
        transfers.checkConsultation(group, leg, b.at(), "talks in bridge " + b.bridgeId());
        connections.refresh(connections.callsAround(leg), b.at());
    }

    private void onUnbridged(CallRecord group, ChannelLeg leg, Unbridged u) {
        if (u.bridgeId() != null && !u.bridgeId().equals(leg.bridgeId)) {
            return;
        }
        Set<CallRecord> around = connections.callsAround(leg);
        graph.leaveBridge(leg);
        if (!group.live()) {
            return;
        }
        book.note(group, leg, u.at(), "unbridged", u.bridgeId());
        connections.refresh(around, u.at());
    }

    private void onHungUp(CallRecord group, ChannelLeg leg, ChannelHungUp h) {
        boolean wasBridged = leg.bridgeId != null;
        Set<CallRecord> around = wasBridged ? connections.callsAround(leg) : Set.of();
        book.forgetLeg(leg, h.at());
        if (!group.live()) {
            return;
        }
        book.note(group, leg, h.at(), "hung-up", join(h.cause() == null ? null : "cause " + h.cause(), h.causeText()));
        if (group.isCall() && (leg == group.customerLeg() || (group.customerLeg() == null && group.legs().isEmpty()))) {
            ending.endCall(group, h.at());
            return;
        }
        if (group.isCall() && leg.isAgent() && group.isTransferer(leg)) {
            ending.transfererLeft(group, leg, h.at());
        }
        holds.afterLegGone(group, leg, h.at());
        if (wasBridged) {
            connections.refresh(around, h.at());
        }
    }

    private void onSpying(CallRecord group, ChannelLeg spyee, Spying s) {
        ChannelLeg spyer = s.spyer() == null ? null : graph.get(s.spyer().uniqueId());
        CallRecord call = group.isCall() ? group : group.relatedCall();
        if (call == null) {
            call = group;
        }
        String spyerChannel = s.spyer() == null ? null : s.spyer().channel();
        call.addTimeline(s.at(), s.started() ? "spy-started" : "spy-stopped", spyerChannel,
                spyer == null ? null : spyer.username(), "listening to " + spyee.channel);
        changed.add(call);
    }

    // ------------------------------------------------------------------------------------------------ timeline

    private void noteMember(CallRecord group, Instant at, String type, CallEvent.Leg agentLeg, String memberInterface,
                            String detail) {
        AgentRef member = book.agentAt(memberInterface);
        String agent = member == null ? memberInterface : member.username();
        group.addTimeline(at, type, agentLeg == null ? null : agentLeg.channel(), agent, detail);
        changed.add(group);
    }

    private static String join(String a, String b) {
        return CallBook.join(a, b);
    }

    /** Tells the observer about every call the action or timer changed, in the order they changed. */
    private void flush() {
        flush(null);
    }

    /** Tells the observer about every call the event, action or timer changed, in the order they changed. */
    private void flush(Instant pbxTimestamp) {
        if (changed.isEmpty()) {
            return;
        }
        for (CallRecord r : book.takeChanged()) {
            if (!r.isCall()) {
                continue;
            }
            CallView view = r.nextView();
            try {
                observer.callChanged(new CallChange(view, pbxTimestamp));
            } catch (RuntimeException e) {
                LOG.errorf(e, "call observer failed for call %s version %d", view.id(), view.version());
            }
        }
    }
}
