package io.cuecard.call.event;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * Cuecard's own vocabulary for what happens on the PBX, independent of asterisk-java: the
 * {@code io.cuecard.pbx} translator turns AMI events into these, the {@code CallTracker} builds calls from them.
 *
 * <p>{@code at} is when it happened (Asterisk's {@code Timestamp} header when present, else when it was received).
 * Events about a channel are {@link LegEvent}s and carry the call id Asterisk reported (the {@code Linkedid}) and the
 * leg ({@code Uniqueid} + channel name). Nothing here may be null unless its Javadoc says so.
 */
public sealed interface CallEvent {

    Instant at();

    /** One channel of a call: {@code uniqueId} is Asterisk's Uniqueid, {@code channel} e.g. {@code PJSIP/agent1-00000005}. */
    record Leg(String uniqueId, String channel) {
    }

    /** An event about one leg; {@code callId} is the Linkedid the PBX reported with it. */
    sealed interface LegEvent extends CallEvent {
        String callId();

        Leg leg();
    }

    /** How a dial attempt ended (AMI {@code DialStatus}). */
    enum DialStatus {
        ANSWER, BUSY, NOANSWER, CANCEL, CHANUNAVAIL, CONGESTION, OTHER;

        public static DialStatus parse(String value) {
            if (value == null) {
                return OTHER;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }
    }

    /** Channel states Cuecard cares about (AMI {@code ChannelState} 5, 6, 7). */
    enum ChannelState { RINGING, UP, BUSY }

    /**
     * A new channel. {@code endpoint} is the device part of the channel name ({@code PJSIP/agent1}), which is the
     * queue member interface for agents. {@code localPartner} is the Uniqueid of the other half when this is the
     * second half ({@code ;2}) of a Local channel pair, else null; {@code local} tells a Local channel.
     */
    record ChannelOpened(Instant at, String callId, Leg leg, String endpoint, boolean local, String localPartner,
                         String callerNumber, String callerName, String exten, String context, boolean up)
            implements LegEvent {
    }

    record ChannelStateChanged(Instant at, String callId, Leg leg, ChannelState state) implements LegEvent {
    }

    /** The customer's leg entered a queue. */
    record QueueJoined(Instant at, String callId, Leg leg, String queue) implements LegEvent {
    }

    /** The customer's leg left the queue (answered or gave up). */
    record QueueLeft(Instant at, String callId, Leg leg, String queue) implements LegEvent {
    }

    /** The customer hung up while waiting in the queue. */
    record QueueAbandoned(Instant at, String callId, Leg leg, String queue, Long holdSeconds) implements LegEvent {
    }

    /** The queue rings a member: {@code leg} is the caller, {@code agentLeg} the member's channel. */
    record AgentRinging(Instant at, String callId, Leg leg, Leg agentLeg, String queue, String memberInterface)
            implements LegEvent {
    }

    record AgentConnected(Instant at, String callId, Leg leg, Leg agentLeg, String queue, String memberInterface)
            implements LegEvent {
    }

    record AgentRingNoAnswer(Instant at, String callId, Leg leg, Leg agentLeg, String queue, String memberInterface)
            implements LegEvent {
    }

    /** A queue call finished for the member; {@code reason} is {@code caller}, {@code agent} or {@code transfer}. */
    record AgentCompleted(Instant at, String callId, Leg leg, Leg agentLeg, String queue, String memberInterface,
                          String reason) implements LegEvent {
    }

    /**
     * {@code leg} is dialled; {@code caller} is the dialling leg, null when an Originate dials it. {@code dialledNumber}:
     * the number the caller's dialplan dials (the extension it runs, e.g. the Originate's {@code Exten} in
     * {@code cuecard-outbound}), null when the PBX did not say (an {@code s} extension).
     */
    record Dialing(Instant at, String callId, Leg leg, Leg caller, String dialString, String dialledNumber)
            implements LegEvent {

        public Dialing(Instant at, String callId, Leg leg, Leg caller, String dialString) {
            this(at, callId, leg, caller, dialString, null);
        }
    }

    /** The dial of {@code leg} ended; {@code caller} as in {@link Dialing}. */
    record DialEnded(Instant at, String callId, Leg leg, Leg caller, DialStatus status) implements LegEvent {
    }

    /** {@code swapUniqueId}: the leg this one replaced in the bridge (Local channel optimization), else null. */
    record Bridged(Instant at, String callId, Leg leg, String bridgeId, String swapUniqueId) implements LegEvent {
    }

    record Unbridged(Instant at, String callId, Leg leg, String bridgeId) implements LegEvent {
    }

    /** The leg's phone asked for hold (AMI {@code Hold}: reported on the holding side). */
    record Hold(Instant at, String callId, Leg leg) implements LegEvent {
    }

    record Unhold(Instant at, String callId, Leg leg) implements LegEvent {
    }

    /** Music starts or stops on the leg: queue music or the held side of a hold. */
    record MusicOnHold(Instant at, String callId, Leg leg, boolean playing) implements LegEvent {
    }

    /** {@code leg} is the transferer. {@code result} is Asterisk's ({@code Success}, {@code Fail}, ...). */
    record BlindTransfer(Instant at, String callId, Leg leg, Leg transferee, String result, String extension,
                         String context) implements LegEvent {
    }

    /**
     * {@code leg} is the original transferer (the leg talking to the transferee), {@code secondTransferer} the
     * consultation leg, {@code target} the leg of the party the transferee goes to (null when Asterisk did not say:
     * it does not for the AMI Atxfer action, whose target is a Local channel), {@code transferee} null when unknown;
     * {@code targetExten} the target channel's extension ({@code TransferTargetExten}), null when not given.
     */
    record AttendedTransfer(Instant at, String callId, Leg leg, Leg secondTransferer, Leg transferee, Leg target,
                            String result, String destType, String targetExten) implements LegEvent {
    }

    /** Asterisk begins or ends optimizing away a Local channel pair ({@code leg} = ;1, {@code other} = ;2). */
    record LocalOptimization(Instant at, String callId, Leg leg, Leg other, boolean begin, boolean success)
            implements LegEvent {
    }

    /**
     * Someone asked to hang up the leg: {@code byPbx} false for the phone/network ({@code HangupRequest}),
     * true when Asterisk itself asked ({@code SoftHangupRequest}). {@code cause} may be null.
     */
    record HangupRequested(Instant at, String callId, Leg leg, boolean byPbx, Integer cause) implements LegEvent {
    }

    record ChannelHungUp(Instant at, String callId, Leg leg, Integer cause, String causeText) implements LegEvent {
    }

    /**
     * The outcome of an Originate for {@code leg} (the first, originated leg). {@code reason} is Asterisk's
     * (4 answered, 3 no answer, 5 busy, 8 congestion, 0/1 failed).
     */
    record OriginateResult(Instant at, String callId, Leg leg, boolean success, int reason, String actionId)
            implements LegEvent {
    }

    /** MixMonitor started on the leg; {@code file} may be null when Asterisk did not tell. */
    record RecordingStarted(Instant at, String callId, Leg leg, String file) implements LegEvent {
    }

    /** A channel variable Cuecard reads ({@code CAMPAIGN}, {@code AGENT} set by the Originate). */
    record VariableSet(Instant at, String callId, Leg leg, String name, String value) implements LegEvent {
    }

    /** A supervisor starts or stops listening: {@code leg} is the listened-to (spyee) leg. */
    record Spying(Instant at, String callId, Leg leg, Leg spyer, boolean started) implements LegEvent {
    }

    /** The connection to the PBX is lost: events may be missing until the next {@link Resynced}. */
    record LinkLost(Instant at) implements CallEvent {
    }

    /**
     * Channels the PBX no longer has although their hangup was never seen (found by a periodic sweep of its live
     * channels): each is treated as hung up, and a call that loses its customer this way ends (hangup by the system).
     */
    record ChannelsGone(Instant at, List<Leg> legs) implements CallEvent {
        public ChannelsGone {
            legs = List.copyOf(legs);
        }
    }

    /**
     * The channels alive on the PBX after a (re)connect, and the callers waiting in queues. {@code openedMeanwhile}:
     * the Uniqueids of channels first seen on this connection that the lists do not show (the PBX read them before
     * the channels existed); they are live, known from their own events, and survive the resync. {@code members}: the
     * queue members with their pauses ({@code QueueMember} items of {@code QueueStatus}).
     */
    record Resynced(Instant at, List<LiveChannel> channels, List<QueuedCaller> queuedCallers, Set<String> openedMeanwhile,
                    List<MemberPause> members)
            implements CallEvent {
        public Resynced {
            channels = List.copyOf(channels);
            queuedCallers = List.copyOf(queuedCallers);
            openedMeanwhile = Set.copyOf(openedMeanwhile);
            members = List.copyOf(members);
        }

        public Resynced(Instant at, List<LiveChannel> channels, List<QueuedCaller> queuedCallers, Set<String> openedMeanwhile) {
            this(at, channels, queuedCallers, openedMeanwhile, List.of());
        }

        public Resynced(Instant at, List<LiveChannel> channels, List<QueuedCaller> queuedCallers) {
            this(at, channels, queuedCallers, Set.of());
        }
    }

    /**
     * One live channel (AMI {@code CoreShowChannel}): {@code application} is what it runs (e.g. {@code Queue}),
     * {@code bridgeId} the bridge it is in (null when none), {@code ageSeconds} how long it exists (null unknown),
     * {@code localPartner} the Uniqueid of the other half of a Local channel pair (null when none or unknown).
     */
    record LiveChannel(Leg leg, String callId, String endpoint, boolean local, String localPartner,
                       String callerNumber, String exten,
                       String context, String application, String applicationData, String bridgeId, boolean up,
                       Long ageSeconds) {
    }

    /** A caller waiting in a queue (AMI {@code QueueEntry}); {@code waitSeconds} may be null. */
    record QueuedCaller(String queue, Leg leg, Long waitSeconds) {
    }

    /**
     * A queue member's pause as the PBX tells it: {@code memberInterface} e.g. {@code PJSIP/agent1}, {@code reason}
     * the pause reason ({@code wrap-up} is Cuecard's; "" when none). {@code queue} may be null.
     */
    record MemberPause(String queue, String memberInterface, boolean paused, String reason) {
    }

    /** The PBX paused or un-paused a queue member (AMI {@code QueueMemberPause}). */
    record MemberPauseChanged(Instant at, MemberPause pause) implements CallEvent {
    }
}
