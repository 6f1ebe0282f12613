package io.cuecard.call;

import io.cuecard.agent.AgentRef;
import io.cuecard.agent.InMemoryAgentDirectory;
import io.cuecard.call.event.CallEvent;
import io.cuecard.call.event.CallEvent.Leg;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A call told in Cuecard's own {@link CallEvent}s, to test the state machine without AMI: who opens a channel, joins
 * a queue, is bridged, holds, transfers, hangs up — each step a second after the last unless {@link #after} says
 * otherwise. Feeds a {@link CallTracker} with agent1 (PJSIP/agent1, 201) and agent2 (PJSIP/agent2, 202).
 * The AMI translation tests keep using the recorded traces; these say what the tracker does with what it is told.
 */
final class CallStory {

    static final AgentRef AGENT1 = new AgentRef("agent1", "Agent One", "E1", "PJSIP/agent1", "201");
    static final AgentRef AGENT2 = new AgentRef("agent2", "Agent Two", "E2", "PJSIP/agent2", "202");
    static final Instant T0 = Instant.parse("2026-11-22T17:00:00Z");

    final RecordingPbx pbx = new RecordingPbx();
    final RecordingObserver observer = new RecordingObserver();
    final CallTracker tracker;
    final String callId;
    private final List<CallEvent> told = new ArrayList<>();
    private Instant at = T0;
    private int legs;

    CallStory(String callId, TrackerSettings settings) {
        this.callId = callId;
        this.tracker = new CallTracker(InMemoryAgentDirectory.of(AGENT1, AGENT2), pbx, observer, settings, InstantSource.fixed(T0));
    }

    CallStory(String callId) {
        this(callId, TrackerSettings.defaults());
    }

    /** The next step happens {@code seconds} after the last one (instead of one second). */
    CallStory after(long seconds) {
        at = at.plusSeconds(seconds - 1);
        return this;
    }

    Instant now() {
        return at;
    }

    /** A new leg of this call: the customer's (an outside number) or an agent's (their endpoint), answered or ringing. */
    Leg opens(String endpoint, String callerNumber, boolean up) {
        legs++;
        String uniqueId = legs == 1 ? callId : callId + "-" + legs;
        Leg leg = new Leg(uniqueId, endpoint + "-" + String.format("%08x", legs));
        tell(new CallEvent.ChannelOpened(step(), callId, leg, endpoint, false, null, callerNumber, null, "100", "from-trunk", up));
        return leg;
    }

    CallStory joinsQueue(Leg customer, String queue) {
        return tell(new CallEvent.QueueJoined(step(), callId, customer, queue));
    }

    CallStory agentRings(Leg customer, Leg agent, String queue, String memberInterface) {
        return tell(new CallEvent.AgentRinging(step(), callId, customer, agent, queue, memberInterface));
    }

    CallStory answers(Leg leg) {
        return tell(new CallEvent.ChannelStateChanged(step(), callId, leg, CallEvent.ChannelState.UP));
    }

    CallStory agentConnects(Leg customer, Leg agent, String queue, String memberInterface) {
        return tell(new CallEvent.AgentConnected(step(), callId, customer, agent, queue, memberInterface));
    }

    /** Both legs enter the same bridge (one step for the two events). */
    CallStory bridged(String bridgeId, Leg a, Leg b) {
        Instant when = step();
        tell(new CallEvent.Bridged(when, callId, a, bridgeId, null));
        return tell(new CallEvent.Bridged(when, callId, b, bridgeId, null));
    }

    /** {@code leg} enters {@code bridgeId} alone (e.g. a customer moved into the target's bridge). */
    CallStory enters(String bridgeId, Leg leg) {
        return tell(new CallEvent.Bridged(step(), callId, leg, bridgeId, null));
    }

    /** {@code leg} leaves {@code bridgeId} (and stays up). */
    CallStory leaves(String bridgeId, Leg leg) {
        return tell(new CallEvent.Unbridged(step(), callId, leg, bridgeId));
    }

    /** {@code caller} dials {@code dialled} (e.g. the dialplan rings a transfer's target, or a consultation). */
    CallStory dials(Leg caller, Leg dialled, String dialString) {
        return tell(new CallEvent.Dialing(step(), callId, dialled, caller, dialString));
    }

    CallStory dialEnds(Leg caller, Leg dialled, CallEvent.DialStatus status) {
        return tell(new CallEvent.DialEnded(step(), callId, dialled, caller, status));
    }

    CallStory holds(Leg leg) {
        return tell(new CallEvent.Hold(step(), callId, leg));
    }

    CallStory resumes(Leg leg) {
        return tell(new CallEvent.Unhold(step(), callId, leg));
    }

    CallStory blindTransfer(Leg transferer, Leg transferee, String extension) {
        return tell(new CallEvent.BlindTransfer(step(), callId, transferer, transferee, "Success", extension, "agents"));
    }

    /**
     * The PBX completed an attended transfer: {@code transferer} (talking to {@code transferee}) and
     * {@code secondTransferer} (the consultation leg, talking to {@code target}).
     */
    CallStory attendedTransfer(Leg transferer, Leg secondTransferer, Leg transferee, Leg target) {
        return tell(new CallEvent.AttendedTransfer(step(), callId, transferer, secondTransferer, transferee, target,
                "Success", "Bridge", null));
    }

    /** The leg hangs up: the hangup request on it, then it leaves its bridge and is gone. */
    CallStory hangsUp(Leg leg, String bridgeId) {
        Instant when = step();
        tell(new CallEvent.HangupRequested(when, callId, leg, false, 16));
        if (bridgeId != null) {
            tell(new CallEvent.Unbridged(when, callId, leg, bridgeId));
        }
        return tell(new CallEvent.ChannelHungUp(when, callId, leg, 16, "Normal Clearing"));
    }

    CallStory tell(CallEvent event) {
        told.add(event);
        tracker.apply(event);
        return this;
    }

    /** The call as the tracker last published it. */
    CallView call() {
        return tracker.call(callId).orElseThrow(() -> new AssertionError("no call " + callId + " after " + told));
    }

    private Instant step() {
        at = at.plusSeconds(1);
        return at;
    }
}
