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
    private boolean onHold;
    private Instant joined;
    private Instant ringStarted;
    private Instant connected;
    private Instant start;
    private int originalPosition;
    private String customerNumber;

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
        sb.mixMonitor(agent);
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
     * Reason=transfer, the first agent hangs up, the target's phone rings. {@link #answer()} then bridges the target.
     */
    public SimulatedCall blindTransfer(String extension) {
        synchronized (sb) {
            expect(Phase.CONNECTED);
            SimQueueMember target = sb.memberByExtension(extension)
                    .orElseThrow(() -> new IllegalArgumentException("no agent has extension " + extension));
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

    /** The customer's channel leaves the bridge for {@code extension}; the old agent hangs up, the target rings. */
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
        SimChannel t = sb.newChannel(target.iface, target.extension, target.name, Switchboard.AGENT_CONTEXT, "s", SimChannel.DOWN,
                customer.linkedid);
        t.at(Switchboard.AGENT_CONTEXT, extension, 1);
        sb.connectedLine(t, customer);
        sb.hangup(oldAgent, 16, "Normal Clearing");
        sb.dial("DialBegin", customer, t, "DialString", target.endpoint);
        sb.connectedLine(customer, t);
        sb.newState(t, SimChannel.RINGING);
        sb.memberStatus(target);
        sb.dial("DialState", customer, t, "DialStatus", "RINGING");
        agent = t;
        member = target;
        viaQueue = false;
        ringStarted = Instant.now();
        phase = Phase.RINGING;
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
                        sb.dial("DialEnd", customer, agent, "DialStatus", "BUSY");
                        sb.hangup(agent, 17, "User busy");
                        endCustomerAlone();
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

    private void endCustomerAlone() {
        sb.hangup(customer, 16, "Normal Clearing");
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
     * a blind transfer's target (the call ends).
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
                        transferTargetNoAnswer();
                    }
                }
                default -> throw wrongPhase("noAnswer");
            }
            return this;
        }
    }

    /** The target of a blind transfer lets it ring out (Dial's timeout); the dialplan then hangs the customer up. */
    private void transferTargetNoAnswer() {
        sb.dial("DialEnd", customer, agent, "DialStatus", "NOANSWER");
        sb.hangup(agent, 19, "User alerting, no answer");
        sb.softHangupRequest(customer);
        sb.hangup(customer, 16, "Normal Clearing");
        end();
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
