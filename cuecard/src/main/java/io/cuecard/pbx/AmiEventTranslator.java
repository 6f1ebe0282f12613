package io.cuecard.pbx;

import io.cuecard.call.event.CallEvent;
import io.cuecard.call.event.CallEvent.AgentCompleted;
import io.cuecard.call.event.CallEvent.AgentConnected;
import io.cuecard.call.event.CallEvent.AgentRingNoAnswer;
import io.cuecard.call.event.CallEvent.AgentRinging;
import io.cuecard.call.event.CallEvent.AttendedTransfer;
import io.cuecard.call.event.CallEvent.BlindTransfer;
import io.cuecard.call.event.CallEvent.Bridged;
import io.cuecard.call.event.CallEvent.ChannelHungUp;
import io.cuecard.call.event.CallEvent.ChannelsGone;
import io.cuecard.call.event.CallEvent.ChannelOpened;
import io.cuecard.call.event.CallEvent.ChannelState;
import io.cuecard.call.event.CallEvent.ChannelStateChanged;
import io.cuecard.call.event.CallEvent.DialEnded;
import io.cuecard.call.event.CallEvent.DialStatus;
import io.cuecard.call.event.CallEvent.Dialing;
import io.cuecard.call.event.CallEvent.HangupRequested;
import io.cuecard.call.event.CallEvent.Hold;
import io.cuecard.call.event.CallEvent.Leg;
import io.cuecard.call.event.CallEvent.LinkLost;
import io.cuecard.call.event.CallEvent.LiveChannel;
import io.cuecard.call.event.CallEvent.LocalOptimization;
import io.cuecard.call.event.CallEvent.MemberPause;
import io.cuecard.call.event.CallEvent.MemberPauseChanged;
import io.cuecard.call.event.CallEvent.MusicOnHold;
import io.cuecard.call.event.CallEvent.OriginateResult;
import io.cuecard.call.event.CallEvent.QueueAbandoned;
import io.cuecard.call.event.CallEvent.QueueJoined;
import io.cuecard.call.event.CallEvent.QueueLeft;
import io.cuecard.call.event.CallEvent.QueuedCaller;
import io.cuecard.call.event.CallEvent.RecordingStarted;
import io.cuecard.call.event.CallEvent.Resynced;
import io.cuecard.call.event.CallEvent.Spying;
import io.cuecard.call.event.CallEvent.Unbridged;
import io.cuecard.call.event.CallEvent.Unhold;
import io.cuecard.call.event.CallEvent.VariableSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.AbstractAgentEvent;
import org.asteriskjava.manager.event.AbstractHoldEvent;
import org.asteriskjava.manager.event.AbstractMixMonitorEvent;
import org.asteriskjava.manager.event.AbstractSecurityEvent;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.CelEvent;
import org.asteriskjava.manager.event.ChallengeSentEvent;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ChanSpyStopEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.LocalOptimizationBeginEvent;
import org.asteriskjava.manager.event.LocalOptimizationEndEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.RtcpReceivedEvent;
import org.asteriskjava.manager.event.RtcpSentEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.SuccessfulAuthEvent;
import org.asteriskjava.manager.event.UnholdEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.jboss.logging.Logger;

/**
 * Translates asterisk-java's typed AMI events into Cuecard's {@link CallEvent}s. Stateful where AMI is terse: it
 * remembers each channel's Linkedid (for events that lack it), pairs the two halves of Local channels, matches an
 * {@code OriginateResponse} to the originated leg, and joins {@code MixMonitorStart} with the file name from
 * {@code VarSet MIXMONITOR_FILENAME}. Noise (CEL, Newexten, RTCP, device state, security events, ...) is dropped.
 *
 * <p>Never throws for odd input: an event it cannot translate (one that throws, or a call event without the fields
 * it needs, e.g. a usable {@code Uniqueid}) is skipped and reported to the {@link Untranslatable} given at
 * construction, which counts it. Noise and variables Cuecard does not read are not reported. Not thread-safe: call it
 * from one thread (the same one that feeds the call tracker).
 */
public final class AmiEventTranslator {

    private static final Logger LOG = Logger.getLogger(AmiEventTranslator.class);

    /** Told of every event that could not be translated and was skipped. */
    @FunctionalInterface
    public interface Untranslatable {
        void skipped(ManagerEvent event, String reason);
    }

    /** A call event without what the translator needs to use it; carries no stack trace. */
    private static final class Unusable extends RuntimeException {
        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }
    private static final int RECENT_KEPT = 2_000;
    private static final String UNKNOWN = "<null>";
    /**
     * Longest Uniqueid/Linkedid taken (Asterisk's are like {@code 1700000000.123}; the call log keys calls by it in 64
     * characters): an event with a longer one is garbled and skipped, a longer Linkedid is ignored.
     */
    static final int MAX_ID = 64;

    /** What is known about a live channel. */
    private static final class Channel {
        final String uniqueId;
        final String name;
        String linkedId;

        Channel(String uniqueId, String name, String linkedId) {
            this.uniqueId = uniqueId;
            this.name = name;
            this.linkedId = linkedId;
        }
    }

    private final Map<String, Channel> channels = new HashMap<>();
    private final Map<String, Channel> recentlyHungUp = bounded();
    /** First halves ({@code ;1}) of Local channel pairs, by the name without the {@code ;1}. */
    private final Map<String, String> localFirstHalves = new HashMap<>();
    /** Legs dialled by an Originate, by channel name, to match a failed OriginateResponse (no Uniqueid). */
    private final Map<String, String> originatedLegs = bounded();
    private final Map<String, String> recordingFiles = new HashMap<>();
    private final Set<String> recordingsWithoutFile = new HashSet<>();
    /** Channels known when the current sweep was asked for ({@link #markSweep}). */
    private Set<String> sweepCandidates = Set.of();
    /** Channels known before the current connection's login ({@link #markResync}), or null: no mark. */
    private Set<String> knownAtResyncMark;
    private final Untranslatable untranslatable;

    /** A translator that reports skipped events nowhere (tests, tools). */
    public AmiEventTranslator() {
        this((event, reason) -> {
        });
    }

    public AmiEventTranslator(Untranslatable untranslatable) {
        this.untranslatable = untranslatable;
        declareRules();
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > RECENT_KEPT;
            }
        };
    }

    /**
     * The Cuecard events for one AMI event (usually zero or one). {@code receivedAt} is used when the event has no
     * {@code Timestamp} header.
     */
    public List<CallEvent> translate(ManagerEvent event, Instant receivedAt) {
        if (event == null || isNoise(event)) {
            return List.of();
        }
        try {
            List<CallEvent> out = new ArrayList<>(1);
            translate(event, timeOf(event, receivedAt), out);
            return out;
        } catch (RuntimeException e) {
            untranslatable.skipped(event, e instanceof Unusable ? e.getMessage() : e.toString());
            return List.of();
        }
    }

    /** The PBX link went down: calls may have ended unseen until the next {@link #resync}. */
    public List<CallEvent> linkLost(Instant at) {
        return List.of(new LinkLost(at));
    }

    /**
     * The state after a (re)connect, from the replies to {@code CoreShowChannels} ({@code CoreShowChannel} events) and
     * {@code QueueStatus} ({@code QueueEntry} events; other events in the lists are ignored). Replaces what this
     * translator knew about live channels.
     */
    public List<CallEvent> resync(List<ManagerEvent> coreShowChannels, List<ManagerEvent> queueStatus, Instant at) {
        // channels first seen on this connection (after the mark): the PBX may have read its lists before they existed
        Map<String, Channel> openedMeanwhile = new HashMap<>();
        if (knownAtResyncMark != null) {
            for (Channel c : channels.values()) {
                if (!knownAtResyncMark.contains(c.uniqueId)) {
                    openedMeanwhile.put(c.uniqueId, c);
                }
            }
        }
        knownAtResyncMark = null;
        channels.clear();
        sweepCandidates = Set.of();
        localFirstHalves.clear();
        List<CoreShowChannelEvent> shown = new ArrayList<>();
        for (ManagerEvent e : coreShowChannels == null ? List.<ManagerEvent>of() : coreShowChannels) {
            if (e instanceof CoreShowChannelEvent c && !blank(c.getUniqueid()) && !blank(c.getChannel())) {
                String linkedId = blank(c.getLinkedid()) ? c.getUniqueid() : c.getLinkedid();
                channels.put(c.getUniqueid(), new Channel(c.getUniqueid(), c.getChannel(), linkedId));
                if (c.getChannel().endsWith(";1")) {
                    localFirstHalves.put(localBase(c.getChannel()), c.getUniqueid());
                }
                shown.add(c);
            }
        }
        List<LiveChannel> live = new ArrayList<>(shown.size());
        for (CoreShowChannelEvent c : shown) {
            String name = c.getChannel();
            String partner = name.endsWith(";2") ? localFirstHalves.get(localBase(name)) : null;
            live.add(new LiveChannel(new Leg(c.getUniqueid(), name), channels.get(c.getUniqueid()).linkedId,
                    endpointOf(name), isLocal(name), partner, c.getCallerIdNum(), c.getExten(), c.getContext(),
                    c.getApplication(), c.getApplicationdata(), blank(c.getBridgeid()) ? null : c.getBridgeid(),
                    isUp(c.getChannelState(), c.getChannelStateDesc()), durationSeconds(c.getDuration())));
        }
        List<QueuedCaller> callers = new ArrayList<>();
        List<MemberPause> members = new ArrayList<>();
        for (ManagerEvent e : queueStatus == null ? List.<ManagerEvent>of() : queueStatus) {
            if (e instanceof QueueEntryEvent q && !blank(q.getUniqueId())) {
                callers.add(new QueuedCaller(q.getQueue(), new Leg(q.getUniqueId(), q.getChannel()), q.getWait()));
            } else if (e instanceof QueueMemberEvent m) {
                String iface = firstText(m.getLocation(), m.getInterface(), m.getStateinterface());
                if (iface != null) {
                    String reason = firstText(m.getPausedreason());
                    members.add(new MemberPause(m.getQueue(), iface, Boolean.TRUE.equals(m.getPaused()),
                            reason == null ? "" : reason));
                }
            }
        }
        openedMeanwhile.keySet().removeAll(channels.keySet()); // listed after all: the lists' view is the newer one
        for (Channel c : openedMeanwhile.values()) {
            channels.put(c.uniqueId, c);
            if (c.name != null && c.name.endsWith(";1")) {
                localFirstHalves.put(localBase(c.name), c.uniqueId);
            }
        }
        return List.of(new Resynced(at, live, callers, openedMeanwhile.keySet(), members));
    }

    /**
     * Notes the channels known now, before a connection's login (so before its events and the resync's lists,
     * {@code CoreShowChannels} and {@code QueueStatus}). Called on the same thread as {@link #translate}, in order with
     * the events, so a channel first seen after this point survives {@link #resync} even when the lists do not show
     * it (the PBX read them before the channel existed); a channel known from before must be in them to live on.
     */
    public void markResync() {
        knownAtResyncMark = new HashSet<>(channels.keySet());
    }

    /**
     * Notes the channels known now, just before {@code CoreShowChannels} is sent for a sweep. Called on the same
     * thread as {@link #translate}, in order with the events, so a channel opened after this point is never swept by
     * the reply to that request.
     */
    public void markSweep() {
        sweepCandidates = new HashSet<>(channels.keySet());
    }

    /**
     * A sweep: the channels known at {@link #markSweep} that the reply to {@code CoreShowChannels} no longer lists,
     * and whose hangup was not seen meanwhile, are gone from the PBX (their Hangup was lost, or they never existed,
     * as with a garbled or invented event). They are forgotten here and reported as {@link ChannelsGone}.
     */
    public List<CallEvent> sweep(List<ManagerEvent> coreShowChannels, Instant at) {
        Set<String> listed = new HashSet<>();
        for (ManagerEvent e : coreShowChannels == null ? List.<ManagerEvent>of() : coreShowChannels) {
            if (e instanceof CoreShowChannelEvent c && !blank(c.getUniqueid())) {
                listed.add(c.getUniqueid());
            }
        }
        List<Leg> gone = new ArrayList<>();
        for (String uid : sweepCandidates) {
            Channel c = listed.contains(uid) ? null : channels.remove(uid);
            if (c != null) {
                recentlyHungUp.put(uid, c);
                if (c.name != null && c.name.endsWith(";1")) {
                    localFirstHalves.remove(localBase(c.name), uid);
                }
                recordingFiles.remove(uid);
                recordingsWithoutFile.remove(uid);
                gone.add(new Leg(uid, c.name));
            }
        }
        sweepCandidates = Set.of();
        return gone.isEmpty() ? List.of() : List.of(new ChannelsGone(at, gone));
    }

    /** Channels this translator holds as live (for tests and metrics). */
    public int knownChannels() {
        return channels.size();
    }

    private static boolean isNoise(ManagerEvent e) {
        return e instanceof CelEvent || e instanceof NewExtenEvent || e instanceof RtcpSentEvent
                || e instanceof RtcpReceivedEvent || e instanceof DeviceStateChangeEvent
                || e instanceof AbstractSecurityEvent || e instanceof ChallengeSentEvent
                || e instanceof SuccessfulAuthEvent;
    }

    /** How one kind of AMI event becomes Cuecard call events. */
    @FunctionalInterface
    private interface Rule<E extends ManagerEvent> {
        void translate(E event, Instant at, List<CallEvent> out);
    }

    /** The event table: which AMI event types are translated, and how. Read this to find where an event goes. */
    private final Map<Class<? extends ManagerEvent>, Rule<?>> rules = new HashMap<>();
    /** The rule for each concrete event class seen (the table's entry for it or its nearest superclass), or NONE. */
    private final Map<Class<?>, Rule<ManagerEvent>> resolved = new ConcurrentHashMap<>();
    private static final Rule<ManagerEvent> NONE = (event, at, out) -> { };

    private void declareRules() {
        on(VarSetEvent.class, this::onVarSet);
        on(NewChannelEvent.class, this::onNewChannel);
        on(NewStateEvent.class, (s, at, out) -> {
            ChannelState state = stateOf(s.getChannelState());
            if (state != null) {
                Leg leg = required(s.getUniqueId(), s.getChannel(), "Uniqueid");
                out.add(new ChannelStateChanged(at, callId(leg, s.getLinkedId()), leg, state));
            }
        });
        on(DialBeginEvent.class, this::onDialBegin);
        on(DialEndEvent.class, (d, at, out) -> {
            Leg dest = required(d.getDestUniqueId(), d.getDestChannel(), "DestUniqueid");
            out.add(new DialEnded(at, callId(dest, d.getDestLinkedId()), dest, leg(d.getUniqueId(), d.getChannel()),
                    DialStatus.parse(d.getDialStatus())));
        });
        on(BridgeEnterEvent.class, (b, at, out) -> {
            Leg leg = required(b.getUniqueId(), b.getChannel(), "Uniqueid");
            out.add(new Bridged(at, callId(leg, b.getLinkedId()), leg, b.getBridgeUniqueId(),
                    blank(b.getSwapuniqueid()) ? null : b.getSwapuniqueid()));
        });
        on(BridgeLeaveEvent.class, (b, at, out) -> {
            Leg leg = required(b.getUniqueId(), b.getChannel(), "Uniqueid");
            out.add(new Unbridged(at, callId(leg, b.getLinkedId()), leg, b.getBridgeUniqueId()));
        });
        on(AbstractHoldEvent.class, (h, at, out) -> {
            Leg leg = required(h.getUniqueId(), h.getChannel(), "Uniqueid");
            String callId = callId(leg, h.getLinkedId());
            out.add(h instanceof HoldEvent || (!(h instanceof UnholdEvent) && h.isHold())
                    ? new Hold(at, callId, leg) : new Unhold(at, callId, leg));
        });
        on(MusicOnHoldEvent.class, (m, at, out) -> {
            Leg leg = required(m.getUniqueId(), m.getChannel(), "Uniqueid");
            out.add(new MusicOnHold(at, callId(leg, m.getLinkedId()), leg,
                    m instanceof MusicOnHoldStartEvent || m.isStart()));
        });
        on(HangupRequestEvent.class, (h, at, out) ->
                hangupRequested(required(h.getUniqueId(), h.getChannel(), "Uniqueid"), h.getLinkedId(), false, h.getCause(), at, out));
        on(SoftHangupRequestEvent.class, (h, at, out) ->
                hangupRequested(required(h.getUniqueId(), h.getChannel(), "Uniqueid"), h.getLinkedId(), true, h.getCause(), at, out));
        on(HangupEvent.class, this::onHangup);
        on(QueueCallerJoinEvent.class, (q, at, out) -> {
            Leg leg = required(q.getUniqueId(), q.getChannel(), "Uniqueid");
            out.add(new QueueJoined(at, callId(leg, q.getLinkedId()), leg, q.getQueue()));
        });
        on(QueueCallerAbandonEvent.class, (q, at, out) -> {
            Leg leg = required(q.getUniqueId(), q.getChannel(), "Uniqueid");
            out.add(new QueueAbandoned(at, callId(leg, q.getLinkedId()), leg, q.getQueue(),
                    q.getHoldTime() == null ? null : q.getHoldTime().longValue()));
        });
        on(QueueCallerLeaveEvent.class, (q, at, out) -> {
            Leg leg = required(q.getUniqueId(), q.getChannel(), "Uniqueid");
            out.add(new QueueLeft(at, callId(leg, q.getLinkedId()), leg, q.getQueue()));
        });
        on(AgentCalledEvent.class, (a, at, out) -> {
            Leg caller = required(a.getUniqueId(), a.getChannel(), "Uniqueid");
            out.add(new AgentRinging(at, callId(caller, a.getLinkedId()), caller,
                    leg(a.getDestUniqueId(), a.getDestChannel()), a.getQueue(), a.getInterface()));
        });
        on(AbstractAgentEvent.class, this::onAgentEvent);
        on(BlindTransferEvent.class, (t, at, out) -> {
            Leg transferer = required(t.getTransfererUniqueId(), t.getTransfererChannel(), "TransfererUniqueid");
            out.add(new BlindTransfer(at, callId(transferer, t.getTransfererLinkedId()), transferer,
                    leg(t.getTransfereeUniqueId(), t.getTransfereeChannel()), t.getResult(), t.getExtension(),
                    t.getContext()));
        });
        on(AttendedTransferEvent.class, (t, at, out) -> {
            Leg transferer = required(t.getOrigTransfererUniqueid(), t.getOrigTransfererChannel(), "OrigTransfererUniqueid");
            out.add(new AttendedTransfer(at, callId(transferer, t.getOrigTransfererLinkedId()), transferer,
                    leg(t.getSecondTransfererUniqueid(), t.getSecondTransfererChannel()),
                    leg(t.getTransfereeUniqueid(), t.getTransfereeChannel()),
                    leg(t.getTransferTargetUniqueID(), t.getTransferTargetChannel()), t.getResult(),
                    t.getDestType(), t.getTransferTargetExten()));
        });
        on(LocalOptimizationBeginEvent.class, (b, at, out) -> {
            Leg one = required(b.getLocalOneUniqueid(), b.getLocalOneChannel(), "LocalOneUniqueid");
            out.add(new LocalOptimization(at, callId(one, b.getLocalOneLinkedid()), one,
                    leg(b.getLocalTwoUniqueid(), b.getLocalTwoChannel()), true, true));
        });
        on(LocalOptimizationEndEvent.class, (e, at, out) -> {
            Leg one = required(e.getLocalOneUniqueid(), e.getLocalOneChannel(), "LocalOneUniqueid");
            out.add(new LocalOptimization(at, callId(one, e.getLocalOneLinkedid()), one,
                    leg(e.getLocalTwoUniqueid(), e.getLocalTwoChannel()), false, Boolean.TRUE.equals(e.getSuccess())));
        });
        on(QueueMemberPausedEvent.class, (p, at, out) -> {
            String iface = firstText(p.getInterface(), p.getLocation());
            if (iface == null) {
                throw new Unusable("no Interface");
            }
            String reason = p instanceof QueueMemberPauseEvent e ? firstText(e.getPausedreason(), p.getPausedReason(), p.getReason())
                    : firstText(p.getPausedReason(), p.getReason());
            out.add(new MemberPauseChanged(at, new MemberPause(p.getQueue(), iface, Boolean.TRUE.equals(p.getPaused()),
                    reason == null ? "" : reason)));
        });
        on(OriginateResponseEvent.class, this::onOriginateResponse);
        on(AbstractMixMonitorEvent.class, this::onMixMonitor);
        on(ChanSpyStartEvent.class, (s, at, out) -> {
            Leg spyee = required(s.getSpyeeUniqueId(), s.getSpyeeChannel(), "SpyeeUniqueid");
            out.add(new Spying(at, callId(spyee, s.getSpyeeLinkedId()), spyee,
                    leg(s.getSpyerUniqueId(), s.getSpyerChannel()), true));
        });
        on(ChanSpyStopEvent.class, (s, at, out) -> {
            Leg spyee = required(s.getSpyeeUniqueId(), s.getSpyeeChannel(), "SpyeeUniqueid");
            out.add(new Spying(at, callId(spyee, s.getSpyeeLinkedId()), spyee,
                    leg(s.getSpyerUniqueId(), s.getSpyerChannel()), false));
        });
    }

    private <E extends ManagerEvent> void on(Class<E> type, Rule<E> rule) {
        rules.put(type, rule);
    }

    private void translate(ManagerEvent event, Instant at, List<CallEvent> out) {
        resolved.computeIfAbsent(event.getClass(), this::ruleFor).translate(event, at, out);
    }

    /** The table's rule for an event class: its own, else its nearest superclass's (e.g. HoldEvent → AbstractHoldEvent). */
    @SuppressWarnings("unchecked")
    private Rule<ManagerEvent> ruleFor(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Rule<?> rule = rules.get(c);
            if (rule != null) {
                return (Rule<ManagerEvent>) rule;
            }
        }
        return NONE;
    }

    private void onNewChannel(NewChannelEvent n, Instant at, List<CallEvent> out) {
        Leg leg = required(n.getUniqueId(), n.getChannel(), "Uniqueid");
        if (blank(leg.channel())) {
            throw new Unusable("no Channel");
        }
        String name = leg.channel();
        String linkedId = blank(n.getLinkedid()) || n.getLinkedid().length() > MAX_ID ? leg.uniqueId() : n.getLinkedid();
        channels.put(leg.uniqueId(), new Channel(leg.uniqueId(), name, linkedId));
        String partner = null;
        if (name.endsWith(";1")) {
            localFirstHalves.put(localBase(name), leg.uniqueId());
        } else if (name.endsWith(";2")) {
            partner = localFirstHalves.get(localBase(name));
        }
        out.add(new ChannelOpened(at, linkedId, leg, endpointOf(name), isLocal(name), partner, n.getCallerIdNum(),
                n.getCallerIdName(), n.getExten(), n.getContext(), isUp(n.getChannelState(), n.getChannelStateDesc())));
    }

    private void onDialBegin(DialBeginEvent d, Instant at, List<CallEvent> out) {
        Leg dest = required(d.getDestUniqueId(), d.getDestChannel(), "DestUniqueid");
        Leg caller = leg(d.getUniqueId(), d.getChannel());
        if (caller == null && dest.channel() != null) {
            originatedLegs.put(dest.channel(), dest.uniqueId());
        }
        String linked = !blank(d.getDestLinkedId()) ? d.getDestLinkedId() : d.getLinkedId();
        out.add(new Dialing(at, callId(dest, linked), dest, caller, d.getDialString(),
                caller == null ? null : dialledNumber(d.getExten(), d.getDestExten())));
    }

    /**
     * The number a dialling channel's dialplan dials: the extension it runs ({@code Exten}), else the one Asterisk copied
     * to the dialled channel ({@code DestExten}); null when both are the start extension {@code s} or empty.
     */
    private static String dialledNumber(String exten, String destExten) {
        for (String candidate : new String[] {exten, destExten}) {
            if (!blank(candidate) && !"s".equals(candidate.trim()) && candidate.length() <= MAX_ID) {
                return candidate.trim();
            }
        }
        return null;
    }

    private void onAgentEvent(AbstractAgentEvent a, Instant at, List<CallEvent> out) {
        if (!(a instanceof AgentConnectEvent || a instanceof AgentCompleteEvent || a instanceof AgentRingNoAnswerEvent)) {
            return;
        }
        Leg caller = required(a.getUniqueId(), a.getChannel(), "Uniqueid");
        if (a instanceof AgentConnectEvent c) {
            out.add(new AgentConnected(at, callId(caller, c.getLinkedId()), caller,
                    leg(c.getDestUniqueId(), c.getDestChannel()), a.getQueue(), c.getInterface()));
        } else if (a instanceof AgentCompleteEvent c) {
            out.add(new AgentCompleted(at, callId(caller, c.getLinkedId()), caller,
                    leg(c.getDestUniqueId(), c.getDestChannel()), a.getQueue(), c.getInterface(), c.getReason()));
        } else if (a instanceof AgentRingNoAnswerEvent c) {
            out.add(new AgentRingNoAnswer(at, callId(caller, c.getLinkedId()), caller,
                    leg(c.getDestUniqueId(), c.getDestChannel()), a.getQueue(), c.getInterface()));
        }
    }

    private void hangupRequested(Leg leg, String linkedId, boolean byPbx, Integer cause, Instant at,
                                 List<CallEvent> out) {
        out.add(new HangupRequested(at, callId(leg, linkedId), leg, byPbx, cause));
    }

    private void onHangup(HangupEvent h, Instant at, List<CallEvent> out) {
        Leg leg = required(h.getUniqueId(), h.getChannel(), "Uniqueid");
        out.add(new ChannelHungUp(at, callId(leg, h.getLinkedId()), leg, h.getCause(), h.getCauseTxt()));
        Channel gone = channels.remove(leg.uniqueId());
        if (gone != null) {
            recentlyHungUp.put(gone.uniqueId, gone);
        }
        if (leg.channel() != null && leg.channel().endsWith(";1")) {
            localFirstHalves.remove(localBase(leg.channel()), leg.uniqueId());
        }
        recordingFiles.remove(leg.uniqueId());
        recordingsWithoutFile.remove(leg.uniqueId());
    }

    private void onOriginateResponse(OriginateResponseEvent o, Instant at, List<CallEvent> out) {
        String uid = blank(o.getUniqueId()) || UNKNOWN.equals(o.getUniqueId()) ? null : o.getUniqueId();
        if (uid == null && !blank(o.getChannel())) {
            uid = originatedLegs.get(o.getChannel());
            if (uid == null) {
                for (Map.Entry<String, String> e : originatedLegs.entrySet()) {
                    if (e.getKey().startsWith(o.getChannel() + "-")) {
                        uid = e.getValue();
                    }
                }
            }
        }
        Channel known = uid == null ? null : channels.getOrDefault(uid, recentlyHungUp.get(uid));
        if (known == null) {
            LOG.debugf("skipping OriginateResponse for unknown channel %s", o.getChannel());
            return;
        }
        out.add(new OriginateResult(at, known.linkedId, new Leg(known.uniqueId, known.name),
                "Success".equalsIgnoreCase(o.getResponse()), o.getReason() == null ? 0 : o.getReason(),
                o.getActionId()));
    }

    private void onVarSet(VarSetEvent v, Instant at, List<CallEvent> out) {
        String name = v.getVariable() == null ? "" : v.getVariable().toUpperCase(Locale.ROOT);
        if (!name.equals("CAMPAIGN") && !name.equals("AGENT") && !name.equals("MIXMONITOR_FILENAME")) {
            return;
        }
        Leg leg = required(v.getUniqueId(), v.getChannel(), "Uniqueid");
        if (blank(v.getValue())) {
            return;
        }
        String callId = callId(leg, v.getLinkedId());
        if (!name.equals("MIXMONITOR_FILENAME")) {
            out.add(new VariableSet(at, callId, leg, name, v.getValue()));
        } else if (recordingsWithoutFile.remove(leg.uniqueId())) {
            out.add(new RecordingStarted(at, callId, leg, v.getValue()));
        } else {
            recordingFiles.put(leg.uniqueId(), v.getValue());
        }
    }

    private void onMixMonitor(AbstractMixMonitorEvent m, Instant at, List<CallEvent> out) {
        if (!(m instanceof MixMonitorStartEvent)) {
            return;
        }
        Leg leg = required(m.getUniqueId(), m.getChannel(), "Uniqueid");
        String file = recordingFiles.remove(leg.uniqueId());
        if (file == null) {
            recordingsWithoutFile.add(leg.uniqueId());
        }
        out.add(new RecordingStarted(at, callId(leg, m.getLinkedId()), leg, file));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Leg leg(String uniqueId, String channel) {
        if (blank(uniqueId) || UNKNOWN.equals(uniqueId) || uniqueId.length() > MAX_ID) {
            return null;
        }
        return new Leg(uniqueId, channel);
    }

    /** The leg an event is about; without a usable id ({@link #leg} gives null) the event cannot be used. */
    private static Leg required(String uniqueId, String channel, String field) {
        Leg leg = leg(uniqueId, channel);
        if (leg == null) {
            throw new Unusable(blank(uniqueId) ? "no " + field : "unusable " + field + " (" + (uniqueId.length() > MAX_ID
                    ? uniqueId.length() + " characters" : uniqueId) + ")");
        }
        return leg;
    }

    /** The Linkedid reported with the event (remembered), else the one last seen for the leg. */
    private String callId(Leg leg, String reported) {
        if (reported != null && reported.length() > MAX_ID) {
            reported = null;
        }
        Channel known = channels.get(leg.uniqueId());
        if (!blank(reported)) {
            if (known != null) {
                known.linkedId = reported;
            }
            return reported;
        }
        if (known == null) {
            known = recentlyHungUp.get(leg.uniqueId());
        }
        return known == null ? null : known.linkedId;
    }

    private static Instant timeOf(ManagerEvent e, Instant receivedAt) {
        Double ts = e.getTimestamp();
        if (ts != null && !ts.isNaN() && !ts.isInfinite() && ts > 0) {
            return Instant.EPOCH.plus(Math.round(ts * 1_000_000d), ChronoUnit.MICROS);
        }
        if (receivedAt != null) {
            return receivedAt;
        }
        return e.getDateReceived() != null ? e.getDateReceived().toInstant() : Instant.now();
    }

    /**
     * The device part of a channel name, which for agents is the queue member interface:
     * {@code PJSIP/agent1-00000005} → {@code PJSIP/agent1}, {@code Local/201@agents-0000000a;1} → {@code Local/201@agents}.
     */
    static String endpointOf(String channel) {
        if (channel == null) {
            return null;
        }
        String name = localBase(channel);
        int dash = name.lastIndexOf('-');
        if (dash > name.indexOf('/') && dash < name.length() - 1 && name.substring(dash + 1).chars()
                .allMatch(c -> Character.digit(c, 16) >= 0)) {
            return name.substring(0, dash);
        }
        return name;
    }

    private static String localBase(String channel) {
        return channel.endsWith(";1") || channel.endsWith(";2") ? channel.substring(0, channel.length() - 2) : channel;
    }

    private static boolean isLocal(String channel) {
        return channel.regionMatches(true, 0, "Local/", 0, 6);
    }

    private static ChannelState stateOf(Integer state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case 5 -> ChannelState.RINGING;
            case 6 -> ChannelState.UP;
            case 7 -> ChannelState.BUSY;
            default -> null;
        };
    }

    private static boolean isUp(Integer state, String description) {
        return (state != null && state == 6) || "Up".equalsIgnoreCase(description);
    }

    /** {@code HH:MM:SS} → seconds; null when absent or malformed. */
    static Long durationSeconds(String duration) {
        if (blank(duration)) {
            return null;
        }
        String[] parts = duration.trim().split(":");
        long seconds = 0;
        try {
            for (String p : parts) {
                seconds = seconds * 60 + Long.parseLong(p);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return seconds;
    }

    /** The first of the values that is not blank, stripped; null when none is. */
    private static String firstText(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v.strip();
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
