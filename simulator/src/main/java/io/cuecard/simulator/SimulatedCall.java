package io.cuecard.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One call in the simulated PBX, driven step by step. Each step emits the AMI events Asterisk 22 emits for it, in the
 * order of the recorded traces ({@code cuecard/src/test/resources/ami-traces} a, b, c, e, f), and updates the live channels, bridges and
 * queue that the list actions report. A step that does not fit the call's current phase throws
 * {@link IllegalStateException} and changes nothing.
 */
public final class SimulatedCall {

    /** Where the call stands. */
    /** Whether the customer called in (a queue call) or was called (Originate, a follow-up call). */
    public enum Direction {
        INBOUND, OUTBOUND
    }

    public enum Phase {
        /** Inbound caller waits in the queue, no agent ringing. */
        QUEUED,
        /** An agent's phone rings for the inbound caller (from the queue or after a blind transfer). */
        RINGING,
        /** Outbound: the agent's phone rings (Originate's first leg). */
        AGENT_RINGING,
        /** Outbound: the agent answered, the customer's phone rings. */
        CUSTOMER_RINGING,
        /** Customer and agent talk in a bridge. */
        CONNECTED,
        /** Every channel of the call is hung up. */
        ENDED
    }

    private static final String QUEUE_APP_DATA_SUFFIX = ",t,,,300,,sub-record";

    private final Switchboard sb;
    private final Direction direction;
    private final CompletableFuture<SimulatedCall> ended = new CompletableFuture<>();
    private final String originateActionId;
    private SimChannel customer;
    private SimChannel agent;
    private SimQueueMember member;
    private SimBridge bridge;
    private SimChannel spy;
    private Phase phase;
    /** The current agent leg came through the queue: its end produces AgentComplete. */
    private boolean viaQueue;
    /**
     * The agent whose channel the customer's {@code BLINDTRANSFER} variable names (Asterisk sets it on the transferee
     * at a blind transfer and never clears it): where an unanswered transfer brings the customer back.
     */
    private SimQueueMember blindTransferer;
    /** The ringing phone is the transferring agent's, the customer coming back after the target did not answer. */
    private boolean returning;
    /** Counts the rings of transfer targets, so that a ring's timers act on that ring only. */
    private int transferRing;
    private boolean onHold;
    private Instant joined;
    private Instant ringStarted;
    private Instant connected;
    private Instant start;
    private int originalPosition;
    private String customerNumber;
    /** An attended transfer's consultation under way ({@link #consult}), else null. */
    private Consultation consultation;

    /** The channels and bridges of a consultation: the transferer's bridge with Local;1, Local;2 dialling the colleague. */
    private static final class Consultation {
        final SimQueueMember target;
        final SimBridge original;
        final SimBridge bridge;
        final SimChannel localOne;
        final SimChannel localTwo;
        final SimChannel colleague;
        SimBridge localBridge;

        Consultation(SimQueueMember target, SimBridge original, SimBridge bridge, SimChannel localOne, SimChannel localTwo,
                     SimChannel colleague) {
            this.target = target;
            this.original = original;
            this.bridge = bridge;
            this.localOne = localOne;
            this.localTwo = localTwo;
            this.colleague = colleague;
        }
    }

    private SimulatedCall(Switchboard sb, Direction direction, String originateActionId) {
        this.sb = sb;
        this.direction = direction;
        this.originateActionId = originateActionId;
    }

    // ---- creation ------------------------------------------------------------------------------------------

    /** A customer calls the service number, is answered by the dialplan and joins the queue (trace a, up to MusicOnHoldStart). */
    static SimulatedCall inbound(Switchboard sb, String customerNumber) {
        synchronized (sb) {
            SimulatedCall call = new SimulatedCall(sb, Direction.INBOUND, null);
            call.customerNumber = customerNumber;
            call.start = Instant.now();
            SimChannel c = sb.newChannel(Switchboard.CUSTOMER_DEVICE, customerNumber, "Customer", Switchboard.INBOUND_CONTEXT,
                    Switchboard.INBOUND_EXTEN, SimChannel.RING, null);
            call.customer = c;
            sb.register(call);
            sb.newExten(c, Switchboard.INBOUND_CONTEXT, Switchboard.INBOUND_EXTEN, 1, "NoOp",
                    "Inbound service call from \"Customer\" <" + customerNumber + ">");
            sb.newExten(c, Switchboard.INBOUND_CONTEXT, Switchboard.INBOUND_EXTEN, 4, "Answer", "");
            c.dnid = Switchboard.INBOUND_EXTEN;
            sb.newState(c, SimChannel.UP);
            sb.deviceState(Switchboard.CUSTOMER_DEVICE, "BUSY");
            sb.newExten(c, Switchboard.INBOUND_CONTEXT, Switchboard.INBOUND_EXTEN, 5, "Queue", sb.queue + QUEUE_APP_DATA_SUFFIX);
            if (sb.waitingCount() == 0) {
                sb.deviceState("Queue:" + sb.queue, "RINGING");
            }
            sb.joinQueue(call);
            call.joined = Instant.now();
            call.originalPosition = sb.position(call);
            sb.emit(sb.queueEvent("QueueCallerJoin", c, null, null).add("Position", String.valueOf(call.originalPosition))
                    .add("Count", String.valueOf(sb.waitingCount())));
            sb.emit(AmiEventBuilder.event("MusicOnHoldStart", "call,all").channel(c).add("Class", "default"));
            call.phase = Phase.QUEUED;
            return call;
        }
    }

    /**
     * The PBX rings the agent first (as Originate does), with the given channel variables set on the agent's leg
     * (trace f, up to DialState RINGING).
     */
    static SimulatedCall outbound(Switchboard sb, String agentInterface, String customerNumber, Map<String, String> variables,
            String originateActionId) {
        synchronized (sb) {
            SimQueueMember m = sb.member(agentInterface);
            SimulatedCall call = new SimulatedCall(sb, Direction.OUTBOUND, originateActionId);
            call.customerNumber = customerNumber;
            call.start = Instant.now();
            String callback = "Callback " + customerNumber;
            SimChannel a = sb.newChannel(agentInterface, customerNumber, callback, Switchboard.AGENT_CONTEXT, "s", SimChannel.DOWN, null);
            call.agent = a;
            call.member = m;
            sb.register(call);
            variables.forEach((name, value) -> sb.varSet(a, name, value));
            sb.newCallerId(a, customerNumber, callback);
            a.connectedNum = customerNumber;
            a.connectedName = callback;
            sb.emit(AmiEventBuilder.event("NewConnectedLine", "call,all").channel(a));
            sb.dial("DialBegin", null, a, "DialString", m.endpoint);
            sb.newState(a, SimChannel.RINGING);
            sb.dial("DialState", null, a, "DialStatus", "RINGING");
            sb.memberStatus(m);
            sb.deviceState(agentInterface, "RINGING");
            call.ringStarted = Instant.now();
            call.phase = Phase.AGENT_RINGING;
            return call;
        }
    }

    static Map<String, String> campaignVariables(String campaign, SimQueueMember member) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CAMPAIGN", campaign);
        variables.put("AGENT", member.endpoint);
        return variables;
    }

    // ---- inbound steps -------------------------------------------------------------------------------------

    /** The queue rings this member's phone for the waiting caller. Paused or busy members cannot be rung. */
    public SimulatedCall ringAgent(String agentInterface) {
        synchronized (sb) {
            expect(Phase.QUEUED);
            SimQueueMember m = sb.member(agentInterface);
            if (!m.available()) {
                throw new IllegalStateException(agentInterface + (m.paused ? " is paused" : " is busy") + " and is not offered queue calls");
            }
            SimChannel a = sb.newChannel(agentInterface, m.extension, m.name, Switchboard.AGENT_CONTEXT, "s", SimChannel.DOWN,
                    customer.linkedid);
            agent = a;
            member = m;
            sb.varSet(a, "DIALEDPEERNUMBER", m.endpoint);
            sb.emit(sb.queueEvent("AgentCalled", customer, a, m));
            sb.dial("DialBegin", customer, a, "DialString", agentInterface);
            sb.connectedLine(customer, a);
            a.connectTo(customer);
            a.at(Switchboard.AGENT_CONTEXT, Switchboard.INBOUND_EXTEN, 1);
            sb.newState(a, SimChannel.RINGING);
            sb.newExten(a, Switchboard.AGENT_CONTEXT, Switchboard.INBOUND_EXTEN, 1, "AppQueue", "(Outgoing Line)");
            sb.connectedLine(a, customer);
            sb.deviceState(agentInterface, "BUSY");
            sb.dial("DialState", customer, a, "DialStatus", "RINGING");
            sb.memberStatus(m);
            ringStarted = Instant.now();
            viaQueue = true;
            phase = Phase.RINGING;
            return this;
        }
    }

    /** The ringing agent lets the phone ring out: AgentRingNoAnswer, the agent leg hangs up, the caller waits on. */
    public SimulatedCall agentRingNoAnswer() {
        synchronized (sb) {
            expect(Phase.RINGING);
            if (!viaQueue) {
                throw new IllegalStateException("only a queue call can ring out to the next member");
            }
            sb.emit(sb.queueEvent("AgentRingNoAnswer", customer, agent, member).add("RingTime", String.valueOf(secondsSince(ringStarted))));
            sb.dial("DialEnd", customer, agent, "DialStatus", "NOANSWER");
            sb.hangup(agent, 0, "Unknown");
            agent = null;
            member = null;
            phase = Phase.QUEUED;
            return this;
        }
    }

    /**
     * The ringing party answers: the queue agent (AgentConnect, recording, bridge), the target of a blind transfer,
     * or in an outbound call the agent (the customer is dialed next) or the customer (bridge).
     */
    public SimulatedCall answer() {
        synchronized (sb) {
            switch (phase) {
                case RINGING -> {
                    if (viaQueue) {
                        answerFromQueue();
                    } else {
                        answerTransfer();
                    }
                }
                case AGENT_RINGING -> agentAnswersOriginate();
                case CUSTOMER_RINGING -> customerAnswersOriginate();
                default -> throw wrongPhase("answer");
            }
            return this;
        }
    }

    private void answerFromQueue() {
        Instant now = Instant.now();
        sb.newState(agent, SimChannel.UP);
        sb.dial("DialEnd", customer, agent, "DialStatus", "ANSWER");
        sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
        int position = sb.leaveQueue(this);
        long holdTime = secondsBetween(joined, now);
        sb.varSet(customer, "QUEUEHOLDTIME", String.valueOf(holdTime));
        if (sb.waitingCount() == 0) {
            sb.deviceState("Queue:" + sb.queue, "NOT_INUSE");
        }
        sb.emit(sb.queueEvent("QueueCallerLeave", customer, null, null).add("Position", String.valueOf(position))
                .add("Count", String.valueOf(sb.waitingCount())));
        sb.memberGosub(agent, member);
        sb.emit(sb.queueEvent("AgentConnect", customer, agent, member).add("HoldTime", String.valueOf(holdTime))
                .add("RingTime", String.valueOf(secondsBetween(ringStarted, now))));
        sb.totalHoldSeconds += holdTime;
        member.inCall = true;
        connected = now;
        connectInNewBridge(agent, customer);
    }

    /** A new bridge, {@code first} entering before {@code second} (the order the traces show), and the call connected. */
    private void connectInNewBridge(SimChannel first, SimChannel second) {
        bridge = sb.createBridge();
        sb.enterBridge(bridge, first, null);
        sb.enterBridge(bridge, second, null);
        bridgePeers();
        phase = Phase.CONNECTED;
    }

    private void answerTransfer() {
        sb.newState(agent, SimChannel.UP);
        agent.exten = "";
        sb.dial("DialEnd", customer, agent, "DialStatus", "ANSWER");
        returning = false;
        member.inCall = true;
        connected = Instant.now();
        connectInNewBridge(agent, customer);
    }

    /** The agent puts the customer on hold: Hold on the agent's channel, music on hold on the customer's (trace b). */
    public SimulatedCall hold() {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            if (onHold) {
                throw new IllegalStateException("the customer is already on hold");
            }
            sb.emit(AmiEventBuilder.event("Hold", "call,all").channel(agent).add("MusicClass", "default"));
            sb.emit(AmiEventBuilder.event("MusicOnHoldStart", "call,all").channel(customer).add("Class", "default"));
            onHold = true;
            return this;
        }
    }

    /** The agent resumes the call: Unhold on the agent's channel, music on hold stops on the customer's. */
    public SimulatedCall unhold() {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            if (!onHold) {
                throw new IllegalStateException("the customer is not on hold");
            }
            sb.emit(AmiEventBuilder.event("Unhold", "call,all").channel(agent));
            sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
            onHold = false;
            return this;
        }
    }

    /**
     * The agent blind-transfers the customer to a colleague's extension (trace c): BlindTransfer, AgentComplete
     * Reason=transfer, the first agent hangs up, the target's phone rings. {@link #answer()} then bridges the target;
     * {@link #noAnswer()}, or the transfer ring time passing, brings the customer back to this agent (or to the head of
     * the queue when this agent's phone is busy), as asterisk-config's {@code sub-transfer-target} does.
     */
    public SimulatedCall blindTransfer(String extension) {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            SimQueueMember target = sb.memberByExtension(extension)
                    .orElseThrow(() -> new IllegalArgumentException("no agent has extension " + extension));
            sb.varSet(agent, "BLINDTRANSFER", customer.name);
            sb.varSet(customer, "BLINDTRANSFER", agent.name);
            blindTransferer = member;
            sb.emit(AmiEventBuilder.event("BlindTransfer", "call,all").add("Result", "Success")
                    .channel("Transferer", agent).channel("Transferee", customer).bridge(bridge)
                    .add("IsExternal", "Yes").add("Context", Switchboard.AGENT_CONTEXT).add("Extension", extension));
            redirectTo(target, extension);
            return this;
        }
    }

    /**
     * The agent blind-transfers the customer to the queue's extension ({@code 100} in context {@code agents}): BlindTransfer,
     * AgentComplete Reason=transfer, the first agent hangs up, the caller waits in the queue again (QueueCallerJoin) until
     * {@link #ringAgent} and {@link #answer()}.
     */
    public SimulatedCall blindTransferToQueue() {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            sb.varSet(agent, "BLINDTRANSFER", customer.name);
            sb.varSet(customer, "BLINDTRANSFER", agent.name);
            blindTransferer = member;
            sb.emit(AmiEventBuilder.event("BlindTransfer", "call,all").add("Result", "Success")
                    .channel("Transferer", agent).channel("Transferee", customer).bridge(bridge)
                    .add("IsExternal", "Yes").add("Context", Switchboard.AGENT_CONTEXT).add("Extension", Switchboard.INBOUND_EXTEN));
            if (onHold) {
                sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
                onHold = false;
            }
            if (spy != null) {
                stopSpying();
            }
            completeQueueCall("transfer");
            customer.at(Switchboard.AGENT_CONTEXT, Switchboard.INBOUND_EXTEN, 1);
            SimChannel oldAgent = agent;
            sb.destroyBridge(bridge);
            bridge = null;
            sb.hangup(oldAgent, 16, "Normal Clearing");
            agent = null;
            member = null;
            sb.newExten(customer, Switchboard.AGENT_CONTEXT, Switchboard.INBOUND_EXTEN, 1, "Queue", sb.queue + QUEUE_APP_DATA_SUFFIX);
            sb.joinQueue(this);
            joined = Instant.now();
            sb.emit(sb.queueEvent("QueueCallerJoin", customer, null, null).add("Position", String.valueOf(sb.position(this)))
                    .add("Count", String.valueOf(sb.waitingCount())));
            sb.emit(AmiEventBuilder.event("MusicOnHoldStart", "call,all").channel(customer).add("Class", "default"));
            phase = Phase.QUEUED;
            return this;
        }
    }

    /**
     * The customer's channel leaves the bridge for {@code extension} in {@code [agents]}, which runs the
     * {@code sub-transfer-target} Gosub: the old agent hangs up, the target rings for the transfer ring time.
     */
    void redirectTo(SimQueueMember target, String extension) {
        expect(Phase.CONNECTED);
        if (onHold) {
            sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
            onHold = false;
        }
        if (spy != null) {
            stopSpying();
        }
        completeQueueCall("transfer");
        customer.at(Switchboard.AGENT_CONTEXT, extension, 1);
        SimChannel oldAgent = agent;
        sb.destroyBridge(bridge);
        bridge = null;
        sb.newExten(customer, Switchboard.AGENT_CONTEXT, extension, 1, "Gosub",
                Switchboard.TRANSFER_TARGET_CONTEXT + ",s,1(" + target.iface + ")");
        sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", 1, "Set", "LOCAL(ring)=" + ringSeconds());
        SimChannel t = newTargetChannel(target);
        sb.hangup(oldAgent, 16, "Normal Clearing");
        ring(t, target, false, 2);
    }

    /** The Dial timeout of {@code sub-transfer-target} as its AppData shows it. */
    private String ringSeconds() {
        double seconds = sb.transferRingSeconds;
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    private SimChannel newTargetChannel(SimQueueMember target) {
        SimChannel t = sb.newChannel(target.iface, target.extension, target.name, Switchboard.AGENT_CONTEXT, "s", SimChannel.DOWN,
                customer.linkedid);
        t.at(Switchboard.TRANSFER_TARGET_CONTEXT, "s", 1);
        sb.connectedLine(t, customer);
        return t;
    }

    /**
     * {@code Dial(<target>,<ring>,tU(sub-record))} at {@code priority} of {@code sub-transfer-target} from the customer's
     * channel: the target's phone rings (the transfer's target, or with {@code back} the transferring agent the customer
     * comes back to). The PBX gives up after the transfer ring time ({@link #ringTimedOut}).
     */
    private void ring(SimChannel t, SimQueueMember target, boolean back, int priority) {
        sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", priority, "Dial", target.iface + "," + ringSeconds() + ",tU(sub-record)");
        sb.dial("DialBegin", customer, t, "DialString", target.endpoint);
        sb.connectedLine(customer, t);
        sb.newState(t, SimChannel.RINGING);
        sb.deviceState(target.iface, "RINGING");
        sb.memberStatus(target);
        sb.dial("DialState", customer, t, "DialStatus", "RINGING");
        agent = t;
        member = target;
        viaQueue = false;
        returning = back;
        ringStarted = Instant.now();
        phase = Phase.RINGING;
        sb.transferRings.ringing(this, ++transferRing);
    }

    /**
     * The agent consults a colleague through the Atxfer feature: the customer hears music on hold, a Local channel pair
     * dials the target, Asterisk optimizes the Local channels away (LocalOptimizationBegin/End) and agent and target talk.
     * With {@code complete} the agent then hands the customer over (AttendedTransfer, AgentComplete Reason=transfer, the
     * first agent hangs up, customer and target are bridged); without it the target hangs up and the agent returns.
     */
    public SimulatedCall attendedTransfer(String targetInterface, boolean complete) {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            SimQueueMember target = sb.member(targetInterface);
            if (target == member) {
                throw new IllegalArgumentException("an agent cannot transfer a call to their own phone");
            }
            if (spy != null) {
                stopSpying();
            }
            SimBridge original = bridge;
            if (!onHold) {
                sb.emit(AmiEventBuilder.event("MusicOnHoldStart", "call,all").channel(customer).add("Class", "default"));
            }
            onHold = false;
            sb.leaveBridge(agent);
            SimBridge consultation = sb.createBridge();
            sb.enterBridge(consultation, agent, null);
            SimChannel[] local = sb.newLocalPair(target.extension, Switchboard.AGENT_CONTEXT, agent);
            SimChannel t = sb.newChannel(targetInterface, target.extension, target.name, Switchboard.AGENT_CONTEXT, "s", SimChannel.DOWN,
                    customer.linkedid);
            sb.dial("DialBegin", local[1], t, "DialString", target.endpoint);
            sb.newState(t, SimChannel.RINGING);
            sb.dial("DialState", local[1], t, "DialStatus", "RINGING");
            sb.newState(t, SimChannel.UP);
            sb.dial("DialEnd", local[1], t, "DialStatus", "ANSWER");
            sb.newState(local[1], SimChannel.UP);
            sb.newState(local[0], SimChannel.UP);
            SimBridge localBridge = sb.createBridge();
            sb.enterBridge(localBridge, local[1], null);
            sb.enterBridge(localBridge, t, null);
            sb.enterBridge(consultation, local[0], null);
            sb.emit(AmiEventBuilder.event("LocalOptimizationBegin", "call,all").channel("LocalOne", local[0]).channel("LocalTwo", local[1])
                    .channel("Source", t).add("DestUniqueId", local[0].uniqueid).add("Id", "1"));
            sb.leaveBridge(t);
            sb.enterBridge(consultation, t, local[0]);
            sb.leaveBridge(local[0]);
            sb.emit(AmiEventBuilder.event("LocalOptimizationEnd", "call,all").channel("LocalOne", local[0]).channel("LocalTwo", local[1])
                    .add("Success", "Yes").add("Id", "1"));
            sb.hangup(local[0], 16, "Normal Clearing");
            sb.hangup(local[1], 16, "Normal Clearing");
            sb.destroyBridge(localBridge);
            if (complete) {
                sb.emit(AmiEventBuilder.event("AttendedTransfer", "call,all").add("Result", "Success")
                        .channel("OrigTransferer", agent).bridge("Orig", original)
                        .channel("SecondTransferer", agent).bridge("Second", consultation)
                        .add("DestType", "Bridge").add("DestBridgeUniqueid", original.id)
                        .channel("Transferee", customer).channel("TransferTarget", t).add("IsExternal", "No"));
                completeQueueCall("transfer");
                SimChannel oldAgent = agent;
                sb.destroyBridge(consultation);
                sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
                t.connectTo(customer);
                sb.enterBridge(original, t, null);
                sb.connectedLine(customer, t);
                sb.hangup(oldAgent, 16, "Normal Clearing");
                agent = t;
                member = target;
                viaQueue = false;
                target.inCall = true;
            } else {
                sb.hangup(t, 16, "Normal Clearing");
                sb.destroyBridge(consultation);
                sb.enterBridge(original, agent, null);
                sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
            }
            return this;
        }
    }

    /**
     * The agent consults a colleague through the AMI Atxfer, as Asterisk 22 does it (lab recording s8b): Hold on the
     * agent's channel, music on hold for the customer, a Local channel pair whose {@code ;1} joins the agent in a new
     * bridge, {@code ;2} dials the colleague, whose phone rings until {@link #answerConsultation()}. The agent then
     * hangs up to complete ({@link #completeConsultation}) or cancels ({@link #cancelConsultation()}).
     */
    public SimulatedCall consult(String targetInterface) {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            if (consultation != null) {
                throw new IllegalStateException("call " + linkedid() + " already consults a colleague");
            }
            SimQueueMember target = sb.member(targetInterface);
            if (target == member) {
                throw new IllegalArgumentException("an agent cannot consult their own phone");
            }
            if (spy != null) {
                stopSpying();
            }
            if (!onHold) {
                sb.emit(AmiEventBuilder.event("Hold", "call,all").channel(agent).add("MusicClass", "default"));
                sb.emit(AmiEventBuilder.event("MusicOnHoldStart", "call,all").channel(customer).add("Class", "default"));
            }
            onHold = false;
            SimChannel[] local = sb.newLocalPair(target.extension, Switchboard.AGENT_CONTEXT, agent);
            SimBridge consultationBridge = sb.createBridge();
            sb.enterBridge(consultationBridge, local[0], null);
            sb.leaveBridge(agent);
            sb.enterBridge(consultationBridge, agent, null);
            SimChannel t = sb.newChannel(targetInterface, target.extension, target.name, Switchboard.AGENT_CONTEXT, "s",
                    SimChannel.DOWN, customer.linkedid);
            sb.dial("DialBegin", local[1], t, "DialString", target.endpoint);
            sb.newState(t, SimChannel.RINGING);
            sb.memberStatus(target);
            sb.newState(local[0], SimChannel.RINGING);
            sb.dial("DialState", local[1], t, "DialStatus", "RINGING");
            sb.dial("DialState", null, local[0], "DialStatus", "RINGING");
            consultation = new Consultation(target, bridge, consultationBridge, local[0], local[1], t);
            return this;
        }
    }

    /** The colleague answers the consultation: they and the Local channel's {@code ;2} are bridged, and talk with the agent. */
    public SimulatedCall answerConsultation() {
        synchronized (sb) {
            Consultation c = consultation();
            if (c.localBridge != null) {
                throw new IllegalStateException("the colleague already answered");
            }
            sb.newState(c.colleague, SimChannel.UP);
            sb.mixMonitor(c.colleague);
            sb.dial("DialEnd", c.localTwo, c.colleague, "DialStatus", "ANSWER");
            sb.newState(c.localTwo, SimChannel.UP);
            c.localBridge = sb.createBridge();
            sb.newState(c.localOne, SimChannel.UP);
            sb.dial("DialEnd", null, c.localOne, "DialStatus", "ANSWER");
            sb.enterBridge(c.localBridge, c.colleague, null);
            sb.enterBridge(c.localBridge, c.localTwo, null);
            c.target.inCall = true;
            return this;
        }
    }

    /**
     * The agent's channel leaves the consultation (the phone's hang-up, or the AMI Hangup: {@code byPbx}) after the
     * colleague answered: the bridges merge, AttendedTransfer, AgentComplete Reason=transfer, the agent's channel hangs
     * up, the Local channels are optimized away and customer and colleague talk (lab recording s8b).
     */
    public SimulatedCall completeConsultation(boolean byPbx) {
        synchronized (sb) {
            Consultation c = consultation();
            if (c.localBridge == null) {
                throw new IllegalStateException("the colleague has not answered the consultation");
            }
            SimChannel oldAgent = agent;
            if (byPbx) {
                sb.softHangupRequest(oldAgent);
            } else {
                sb.hangupRequest(oldAgent, false);
            }
            sb.leaveBridge(oldAgent);
            sb.emit(AmiEventBuilder.event("BridgeMerge", "call,all").bridge("To", c.original).bridge("From", c.bridge));
            sb.leaveBridge(c.localOne);
            sb.enterBridge(c.original, c.localOne, null);
            sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
            sb.emit(AmiEventBuilder.event("AttendedTransfer", "call,all").add("Result", "Success")
                    .channel("OrigTransferer", oldAgent).bridge("Orig", c.original)
                    .channel("SecondTransferer", oldAgent).bridge("Second", c.bridge)
                    .channel("Transferee", customer).channel("TransferTarget", c.localOne)
                    .add("IsExternal", "No").add("DestType", "Bridge").add("DestBridgeUniqueid", c.original.id));
            completeQueueCall("transfer");
            sb.destroyBridge(c.bridge);
            sb.hangup(oldAgent, 16, "Normal Clearing");
            sb.emit(AmiEventBuilder.event("LocalOptimizationBegin", "call,all").channel("LocalOne", c.localOne)
                    .channel("LocalTwo", c.localTwo).channel("Source", c.colleague).add("DestUniqueId", c.localTwo.uniqueid)
                    .add("Id", "1"));
            sb.leaveBridge(c.colleague);
            sb.leaveBridge(c.localOne);
            sb.enterBridge(c.original, c.colleague, c.localOne);
            sb.emit(AmiEventBuilder.event("LocalOptimizationEnd", "call,all").channel("LocalOne", c.localOne)
                    .channel("LocalTwo", c.localTwo).add("Success", "Yes").add("Id", "1"));
            sb.hangupRequest(c.localTwo, true);
            sb.hangup(c.localOne, 16, "Normal Clearing");
            sb.destroyBridge(c.localBridge);
            sb.softHangupRequest(c.localTwo);
            sb.hangup(c.localTwo, 16, "Normal Clearing");
            c.colleague.connectTo(customer);
            sb.connectedLine(customer, c.colleague);
            agent = c.colleague;
            member = c.target;
            viaQueue = false;
            consultation = null;
            return this;
        }
    }

    /**
     * The consultation is cancelled (CancelAtxfer, the {@code atxferabort} code): the Local channels and the colleague's
     * leg hang up, the agent goes back into the customer's bridge, Unhold, music on hold stops for the customer.
     */
    public SimulatedCall cancelConsultation() {
        synchronized (sb) {
            Consultation c = consultation();
            sb.softHangupRequest(c.localOne);
            sb.hangup(c.localOne, 16, "Normal Clearing");
            if (c.localBridge == null) {
                sb.dial("DialEnd", c.localTwo, c.colleague, "DialStatus", "CANCEL");
                sb.hangup(c.colleague, 487, "Request Terminated");
                sb.hangup(c.localTwo, 16, "Normal Clearing");
            } else {
                sb.softHangupRequest(c.localTwo);
                sb.hangup(c.localTwo, 16, "Normal Clearing");
                sb.destroyBridge(c.localBridge);
                sb.hangup(c.colleague, 16, "Normal Clearing");
            }
            sb.leaveBridge(agent);
            sb.destroyBridge(c.bridge);
            sb.enterBridge(c.original, agent, null);
            sb.emit(AmiEventBuilder.event("Unhold", "call,all").channel(agent));
            sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
            consultation = null;
            return this;
        }
    }

    /** The agent consults a colleague ({@link #consult}) now. */
    public boolean consulting() {
        synchronized (sb) {
            return consultation != null;
        }
    }

    private Consultation consultation() {
        if (consultation == null) {
            throw new IllegalStateException("call " + linkedid() + " has no consultation under way");
        }
        return consultation;
    }

    /**
     * A supervisor listens in from their phone with ChanSpy on the agent's channel: the supervisor's channel comes up
     * and ChanSpyStart names spyer and spyee. The listening ends with {@link #supervisorStopsListening()} or with the call.
     */
    public SimulatedCall supervisorListens(String supervisorInterface) {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            if (spy != null) {
                throw new IllegalStateException("a supervisor already listens to call " + linkedid());
            }
            if (!supervisorInterface.matches("[A-Za-z]+/[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("supervisor interface must look like PJSIP/supervisor, got '" + supervisorInterface + "'");
            }
            SimChannel s = sb.newChannel(supervisorInterface, "299", "Supervisor", "supervisor", "555", SimChannel.RING, null);
            sb.newExten(s, "supervisor", "555", 1, "Answer", "");
            sb.newState(s, SimChannel.UP);
            sb.newExten(s, "supervisor", "555", 2, "ChanSpy", agent.device + ",qE");
            sb.emit(AmiEventBuilder.event("ChanSpyStart", "call,all").channel("Spyer", s).channel("Spyee", agent));
            spy = s;
            return this;
        }
    }

    /** The listening supervisor hangs up: ChanSpyStop, then the supervisor's channel hangs up. */
    public SimulatedCall supervisorStopsListening() {
        synchronized (sb) {
            if (spy == null) {
                throw new IllegalStateException("no supervisor listens to call " + linkedid());
            }
            stopSpying();
            return this;
        }
    }

    private void stopSpying() {
        sb.emit(AmiEventBuilder.event("ChanSpyStop", "call,all").channel("Spyer", spy).channel("Spyee", agent));
        sb.hangupRequest(spy, false);
        sb.hangup(spy, 16, "Normal Clearing");
        spy = null;
    }

    /**
     * The customer hangs up: an abandon while queued or ringing, the end of the conversation when connected (traces a,
     * f), a declined call while an outbound call rings the customer.
     */
    public SimulatedCall customerHangsUp() {
        synchronized (sb) {
            switch (phase) {
                case QUEUED, RINGING -> {
                    if (viaQueue || phase == Phase.QUEUED) {
                        abandonQueue();
                    } else {
                        customerLeavesRingingTransfer();
                    }
                }
                case CONNECTED -> hangUpConnected(customer, agent, "caller");
                case CUSTOMER_RINGING -> customerBusy();
                default -> throw wrongPhase("customerHangsUp");
            }
            return this;
        }
    }

    /**
     * The agent hangs up first (AgentComplete Reason=agent for a queue call); while the agent's phone rings this is a
     * rejected call, while an outbound call rings the customer it cancels the dial.
     */
    public SimulatedCall agentHangsUp() {
        synchronized (sb) {
            switch (phase) {
                case CONNECTED -> hangUpConnected(agent, customer, "agent");
                case AGENT_RINGING -> agentRejectsOriginate();
                case CUSTOMER_RINGING -> {
                    sb.hangupRequest(agent, false);
                    sb.dial("DialEnd", agent, customer, "DialStatus", "CANCEL");
                    sb.hangup(customer, 16, "Normal Clearing");
                    sb.hangup(agent, 16, "Normal Clearing");
                    end();
                }
                case RINGING -> {
                    if (viaQueue) {
                        agentRingNoAnswer();
                    } else {
                        transferTargetUnanswered("BUSY", 17, "User busy");
                    }
                }
                default -> throw wrongPhase("agentHangsUp");
            }
            return this;
        }
    }

    /** The caller gives up while waiting in the queue (trace e): QueueCallerAbandon, then hangup. */
    public SimulatedCall abandon() {
        synchronized (sb) {
            if (phase != Phase.QUEUED && !(phase == Phase.RINGING && viaQueue)) {
                throw wrongPhase("abandon");
            }
            abandonQueue();
            return this;
        }
    }

    private void abandonQueue() {
        sb.hangupRequest(customer, false);
        sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
        if (agent != null) {
            sb.dial("DialEnd", customer, agent, "DialStatus", "CANCEL");
            sb.dial("DialEnd", customer, agent, "DialStatus", "CANCEL");
        }
        sb.cdr(customer, agent, Switchboard.INBOUND_EXTEN, Switchboard.INBOUND_CONTEXT, "Queue", sb.queue + QUEUE_APP_DATA_SUFFIX, start,
                start, "NO ANSWER", "inbound-service");
        int position = sb.position(this);
        sb.emit(sb.queueEvent("QueueCallerAbandon", customer, null, null).add("Position", String.valueOf(position))
                .add("OriginalPosition", String.valueOf(originalPosition)).add("HoldTime", String.valueOf(secondsSince(joined))));
        sb.leaveQueue(this);
        if (sb.waitingCount() == 0) {
            sb.deviceState("Queue:" + sb.queue, "NOT_INUSE");
        }
        sb.emit(sb.queueEvent("QueueCallerLeave", customer, null, null).add("Position", String.valueOf(position))
                .add("Count", String.valueOf(sb.waitingCount())));
        sb.softHangupRequest(customer);
        sb.hangup(customer, 0, "Unknown");
        if (agent != null) {
            sb.hangup(agent, 0, "Unknown");
        }
        sb.abandoned++;
        end();
    }

    private void customerLeavesRingingTransfer() {
        sb.hangupRequest(customer, false);
        sb.dial("DialEnd", customer, agent, "DialStatus", "CANCEL");
        sb.hangup(customer, 16, "Normal Clearing");
        sb.hangup(agent, 0, "Unknown");
        end();
    }

    /** Hangup of a bridged call; a queue call reports AgentComplete and frees the member as app_queue does. */
    private void hangUpConnected(SimChannel first, SimChannel other, String reason) {
        if (onHold) {
            sb.emit(AmiEventBuilder.event("MusicOnHoldStop", "call,all").channel(customer));
            onHold = false;
        }
        if (spy != null) {
            stopSpying();
        }
        sb.hangupRequest(first, !viaQueue);
        if (viaQueue) {
            completeQueueCall(reason);
            sb.leaveBridge(first);
            sb.softHangupRequest(first);
            cdrForCall();
            sb.hangup(first, 16, "Normal Clearing");
            sb.destroyBridge(bridge);
            sb.hangup(other, 16, "Normal Clearing");
        } else {
            sb.leaveBridge(first);
            sb.leaveBridge(other);
            sb.softHangupRequest(other);
            sb.destroyBridge(bridge);
            sb.hangup(first, 16, "Normal Clearing");
            cdrForCall();
            sb.hangup(other, 16, "Normal Clearing");
        }
        bridge = null;
        end();
    }

    private void completeQueueCall(String reason) {
        if (!viaQueue) {
            return;
        }
        long talk = secondsSince(connected);
        long holdTime = secondsBetween(joined, connected);
        sb.emit(sb.queueEvent("AgentComplete", customer, agent, member).add("HoldTime", String.valueOf(holdTime))
                .add("TalkTime", String.valueOf(talk)).add("Reason", reason));
        member.callsTaken++;
        member.lastCall = Instant.now().getEpochSecond();
        sb.completed++;
        sb.totalTalkSeconds += talk;
        viaQueue = false;
    }

    private void cdrForCall() {
        if (direction == Direction.INBOUND) {
            sb.cdr(customer, agent, customer.exten, customer.context, "Queue", sb.queue + QUEUE_APP_DATA_SUFFIX, start, start, "ANSWERED",
                    "inbound-service");
        } else {
            sb.cdr(agent, customer, customerNumber, Switchboard.OUTBOUND_CONTEXT, "Dial", "PJSIP/customer,45,tTU(sub-record)", start,
                    connected, "ANSWERED", "outbound-followup");
        }
    }

    // ---- outbound steps ------------------------------------------------------------------------------------

    private void agentAnswersOriginate() {
        SimChannel a = agent;
        sb.newState(a, SimChannel.UP);
        sb.dial("DialEnd", null, a, "DialStatus", "ANSWER");
        originateResponse(true, a.name, 4, a.uniqueid);
        a.at(Switchboard.OUTBOUND_CONTEXT, customerNumber, 3);
        sb.newCallerId(a, Switchboard.OUTBOUND_CALLER_NUM, Switchboard.OUTBOUND_CALLER_NAME);
        sb.newExten(a, Switchboard.OUTBOUND_CONTEXT, customerNumber, 4, "Dial", "PJSIP/customer,45,tTU(sub-record)");
        SimChannel c = sb.newChannel(Switchboard.CUSTOMER_DEVICE, Switchboard.CUSTOMER_ENDPOINT_NUM, "Customer", Switchboard.INBOUND_CONTEXT, "s",
                SimChannel.DOWN, a.linkedid);
        customer = c;
        sb.varSet(c, "DIALEDPEERNUMBER", "customer");
        c.at(Switchboard.INBOUND_CONTEXT, customerNumber, 1);
        sb.connectedLine(c, a);
        sb.dial("DialBegin", a, c, "DialString", "customer");
        sb.connectedLine(a, c);
        sb.newState(c, SimChannel.RINGING);
        sb.dial("DialState", a, c, "DialStatus", "RINGING");
        ringStarted = Instant.now();
        phase = Phase.CUSTOMER_RINGING;
    }

    private void customerAnswersOriginate() {
        sb.newState(customer, SimChannel.UP);
        sb.mixMonitor(customer);
        customer.exten = "";
        sb.dial("DialEnd", agent, customer, "DialStatus", "ANSWER");
        connected = Instant.now();
        member.inCall = true;
        connectInNewBridge(customer, agent);
    }

    /** Outbound: the customer's line is busy; the agent's leg hangs up. */
    public SimulatedCall customerBusy() {
        synchronized (sb) {
            expect(Phase.CUSTOMER_RINGING);
            sb.dial("DialEnd", agent, customer, "DialStatus", "BUSY");
            sb.hangup(customer, 17, "User busy");
            sb.cdr(agent, customer, customerNumber, Switchboard.OUTBOUND_CONTEXT, "Dial", "PJSIP/customer,45,tTU(sub-record)", start, null,
                    "BUSY", "outbound-followup");
            sb.hangup(agent, 16, "Normal Clearing");
            end();
            return this;
        }
    }

    /**
     * The ringing phone is not answered: the customer's (outbound), the agent's (Originate fails, or queue ring-out), or
     * a transfer's target (Dial's timeout: the customer comes back, see {@link #transferTargetUnanswered}).
     */
    public SimulatedCall noAnswer() {
        synchronized (sb) {
            switch (phase) {
                case CUSTOMER_RINGING -> {
                    sb.dial("DialEnd", agent, customer, "DialStatus", "NOANSWER");
                    sb.hangup(customer, 19, "User alerting, no answer");
                    sb.cdr(agent, customer, customerNumber, Switchboard.OUTBOUND_CONTEXT, "Dial", "PJSIP/customer,45,tTU(sub-record)", start,
                            null, "NO ANSWER", "outbound-followup");
                    sb.hangup(agent, 16, "Normal Clearing");
                    end();
                }
                case AGENT_RINGING -> agentRejectsOriginate();
                case RINGING -> {
                    if (viaQueue) {
                        agentRingNoAnswer();
                    } else {
                        transferTargetUnanswered("NOANSWER", 0, "Unknown");
                    }
                }
                default -> throw wrongPhase("noAnswer");
            }
            return this;
        }
    }

    /**
     * The transfer ring {@code ring} lasted the transfer ring time: the PBX gives up on the target (as {@link #noAnswer}).
     * False when that ring is over already (answered, given up, the customer gone).
     */
    boolean ringTimedOut(int ring) {
        synchronized (sb) {
            if (!ringsForTransfer(ring)) {
                return false;
            }
            transferTargetUnanswered("NOANSWER", 0, "Unknown");
            return true;
        }
    }

    /** Transfer ring {@code ring} still rings (neither answered nor given up, the customer still there). */
    /** The ringing phone is the transferring agent's: the customer comes back after the target did not answer. */
    boolean isReturning() {
        return returning;
    }

    boolean ringsForTransfer(int ring) {
        synchronized (sb) {
            return phase == Phase.RINGING && !viaQueue && transferRing == ring;
        }
    }

    /** The member whose phone rings now, null when none. */
    SimQueueMember ringingMember() {
        synchronized (sb) {
            return phase == Phase.RINGING ? member : null;
        }
    }

    /**
     * A transfer's target did not answer (Dial ended with {@code status}: NOANSWER after the ring time, BUSY when the
     * phone rejected it), and {@code sub-transfer-target} goes on as asterisk-config's does: the customer comes back to
     * the agent the {@code BLINDTRANSFER} variable names when that agent's phone is NOT_INUSE (and it was not the one
     * rung), else joins the queue with {@code QUEUE_PRIO} (first in line); after the transferring agent did not answer
     * either, the queue. Without a blind transfer (a Redirect) the customer is hung up, as Dial's caller is after
     * {@code Return()} to {@code Hangup()}.
     */
    private void transferTargetUnanswered(String status, int cause, String causeText) {
        SimQueueMember unanswered = member;
        boolean wasReturning = returning;
        sb.dial("DialEnd", customer, agent, "DialStatus", status);
        sb.varSet(customer, "DIALSTATUS", status);
        sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", wasReturning ? 8 : 3, "GotoIf", "0?done");
        sb.hangup(agent, cause, causeText);
        agent = null;
        member = null;
        returning = false;
        if (wasReturning) {
            requeueFirst();
            return;
        }
        SimQueueMember back = blindTransferer;
        if (back == null || back == unanswered) {
            sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", 11, "Return", "");
            sb.softHangupRequest(customer);
            sb.hangup(customer, 16, "Normal Clearing");
            end();
            return;
        }
        boolean backFree = back.status() == SimQueueMember.NOT_INUSE;
        sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", 6, "GotoIf", (backFree ? "0" : "1") + "?queue");
        if (!backFree) {
            requeueFirst();
            return;
        }
        ring(newTargetChannel(back), back, true, 7);
    }

    /** {@code Set(QUEUE_PRIO=10)} and {@code Queue(service,t,,,300)}: the customer waits in the queue again, first in line. */
    private void requeueFirst() {
        sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", 9, "Set", "QUEUE_PRIO=" + Switchboard.RETURN_QUEUE_PRIO);
        sb.varSet(customer, "QUEUE_PRIO", String.valueOf(Switchboard.RETURN_QUEUE_PRIO));
        sb.newExten(customer, Switchboard.TRANSFER_TARGET_CONTEXT, "s", 10, "Queue", sb.queue + ",t,,,300");
        sb.joinQueueWithPriority(this);
        joined = Instant.now();
        sb.emit(sb.queueEvent("QueueCallerJoin", customer, null, null).add("Position", String.valueOf(sb.position(this)))
                .add("Count", String.valueOf(sb.waitingCount())));
        sb.emit(AmiEventBuilder.event("MusicOnHoldStart", "call,all").channel(customer).add("Class", "default"));
        phase = Phase.QUEUED;
    }

    private void agentRejectsOriginate() {
        sb.dial("DialEnd", null, agent, "DialStatus", "NOANSWER");
        sb.hangup(agent, 19, "User alerting, no answer");
        originateResponse(false, member.iface, 3, "<null>");
        end();
    }

    private void originateResponse(boolean success, String channel, int reason, String uniqueid) {
        AmiEventBuilder event = AmiEventBuilder.event("OriginateResponse", "call,all");
        if (originateActionId != null) {
            event.add("ActionID", originateActionId);
        }
        sb.emit(event.add("Response", success ? "Success" : "Failure").add("Channel", channel)
                .add("Context", Switchboard.OUTBOUND_CONTEXT).add("Exten", customerNumber).add("Reason", String.valueOf(reason))
                .add("Uniqueid", uniqueid).add("CallerIDNum", customerNumber).add("CallerIDName", "Callback " + customerNumber));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void bridgePeers() {
        sb.varSet(customer, "BRIDGEPEER", agent.name);
        sb.varSet(agent, "BRIDGEPEER", customer.name);
    }

    private void end() {
        phase = Phase.ENDED;
        sb.unregister(this);
        ended.complete(this);
    }

    /** The PBX restarted: the call is gone at once, none of its channels hangs up on the wire. */
    void lostInRestart() {
        phase = Phase.ENDED;
        onHold = false;
        spy = null;
        bridge = null;
        ended.complete(this);
    }

    private void expect(Phase expected) {
        if (phase != expected) {
            throw new IllegalStateException("call " + linkedid() + " is " + phase + ", expected " + expected);
        }
    }

    private IllegalStateException wrongPhase(String step) {
        return new IllegalStateException("call " + linkedid() + " cannot " + step + " while " + phase);
    }

    private static long secondsSince(Instant from) {
        return secondsBetween(from, Instant.now());
    }

    private static long secondsBetween(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    }

    boolean involves(SimChannel channel) {
        return channel == customer || channel == agent || (channel != null && channel == spy);
    }

    /** What the AMI Hangup action does to one of this call's channels. */
    void hangUpChannel(SimChannel channel) {
        synchronized (sb) {
            if (channel == spy) {
                supervisorStopsListening();
            } else if (consultation != null && channel == agent) {
                completeConsultation(true); // the transferer's leg leaves: the attended transfer completes
            } else if (channel == customer) {
                customerHangsUp();
            } else {
                agentHangsUp();
            }
        }
    }

    SimChannel customerChannelState() {
        return customer;
    }

    /** Seconds the caller has waited in the queue at {@code now}, since joining it (QueueStatus' {@code Wait}). */
    long queueWaitSeconds(Instant now) {
        return secondsBetween(joined, now);
    }

    // ---- what tests and the traffic generator read ---------------------------------------------------------

    public Direction direction() {
        synchronized (sb) {
            return direction;
        }
    }

    public Phase phase() {
        synchronized (sb) {
            return phase;
        }
    }

    /** The call's Linkedid (the Uniqueid of its first channel). */
    public String linkedid() {
        synchronized (sb) {
            return customer != null ? customer.linkedid : agent.linkedid;
        }
    }

    /** The customer's channel name, null before an outbound call dials the customer. */
    public String customerChannel() {
        synchronized (sb) {
            return customer == null ? null : customer.name;
        }
    }

    /** The current agent leg's channel name, null while no agent is involved. */
    public String agentChannel() {
        synchronized (sb) {
            return agent == null ? null : agent.name;
        }
    }

    /** The member interface of the current agent leg, null while none. */
    public String agentInterface() {
        synchronized (sb) {
            return member == null ? null : member.iface;
        }
    }

    public String customerNumber() {
        return customerNumber;
    }

    public boolean isOnHold() {
        synchronized (sb) {
            return onHold;
        }
    }

    /** Completes when the last channel of the call has hung up. */
    public CompletableFuture<SimulatedCall> ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "SimulatedCall[" + direction + " " + customerNumber + " " + phase + "]";
    }
}
