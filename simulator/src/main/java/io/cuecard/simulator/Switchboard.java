package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The simulated PBX's live state (channels, bridges, the queue with its members and waiting callers) and the
 * primitive steps that change it, each emitting the AMI events Asterisk 22 emits for it. Every method must be called
 * with the switchboard's monitor held ({@code synchronized (switchboard)}), so events leave in one global order.
 */
final class Switchboard {

    static final String CUSTOMER_DEVICE = "PJSIP/customer";
    static final String INBOUND_CONTEXT = "from-customer";
    static final String INBOUND_EXTEN = "100";
    static final String AGENT_CONTEXT = "agents";
    /** The Gosub every agent extension runs (asterisk-config): Dial the agent, give an unanswered customer back. */
    static final String TRANSFER_TARGET_CONTEXT = "sub-transfer-target";
    /** The caller's priority in the queue when an unanswered transfer puts the customer back (QUEUE_PRIO). */
    static final int RETURN_QUEUE_PRIO = 10;
    static final String OUTBOUND_CONTEXT = "outbound-followup";
    static final String OUTBOUND_CALLER_NUM = "+4930999000";
    static final String OUTBOUND_CALLER_NAME = "Service Desk";
    /** The pause reason of asterisk-config's wrap-up hangup handler (and of Cuecard's own wrap-up QueuePause). */
    static final String WRAP_UP_REASON = "wrap-up";
    /** The hangup handler asterisk-config's {@code sub-record} pushes on a queue call's agent leg: {@code sub-wrap-up,s,1(<member interface>)}. */
    static final String WRAP_UP_HANDLER_CONTEXT = "sub-wrap-up";
    /**
     * The caller ID of the customer endpoint's own channels (its configured {@code callerid}, trace f): the channel an
     * outbound call dials shows it, not the number dialled (that is the channel's {@code Exten}).
     */
    static final String CUSTOMER_ENDPOINT_NUM = "+4930123456";
    private static final DateTimeFormatter CDR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    final String queue;
    /** The Dial timeout of a transfer target in {@link #TRANSFER_TARGET_CONTEXT}, in seconds. */
    final double transferRingSeconds;
    private final Consumer<AmiPacket> out;
    private final Map<String, SimChannel> channels = new LinkedHashMap<>();
    private final Map<String, SimQueueMember> members = new LinkedHashMap<>();
    private final List<SimulatedCall> waiting = new ArrayList<>();
    /** Waiting callers who joined with {@link #RETURN_QUEUE_PRIO}. */
    private final Set<SimulatedCall> prioritized = new HashSet<>();
    private final List<SimulatedCall> calls = new ArrayList<>();
    private long channelCounter;
    private long localCounter;
    /** Events emitted so far. */
    long emitted;
    /** Told when a phone starts ringing for a transferred customer; the simulator sets it. */
    TransferRings transferRings = (call, ring) -> { };
    /** While set, events change the switchboard but reach no client ({@link PbxSimulator#losingEvents}). */
    boolean losing;
    /** The AMI Atxfer starts a consultation as on Asterisk ({@link PbxSimulator#setAtxferConsults}). */
    boolean atxferConsults;
    /**
     * The agent's leg of an answered queue call gets asterisk-config's wrap-up hangup handler, which pauses the member
     * with reason {@code wrap-up} as the leg hangs up ({@link PbxSimulator#setWrapUpPauseAtHangup}).
     */
    boolean wrapUpPauseAtHangup = true;
    /**
     * After a restart, how many {@code QueueStatus} actions are still refused as an unknown command: Asterisk serves AMI
     * before it has loaded app_queue, so a client that logs in at once may ask before the queues exist.
     */
    int queueModuleLoading;
    int completed;
    int abandoned;
    long totalHoldSeconds;
    long totalTalkSeconds;

    Switchboard(SimulatorSettings settings, Consumer<AmiPacket> out) {
        this.queue = settings.queue();
        this.transferRingSeconds = settings.transferRingSeconds();
        this.out = out;
        long login = Instant.now().getEpochSecond();
        int n = 0;
        for (String iface : settings.agents()) {
            n++;
            members.put(iface, new SimQueueMember(iface, SimQueueMember.displayName(n), String.valueOf(200 + n), login));
        }
    }

    /**
     * A phone starts ringing for a transferred customer (the transfer's target, or the transferring agent the customer
     * comes back to): the PBX's Dial timeout and the simulated people act on it. Called with the switchboard locked;
     * {@code ring} tells this ring from later ones of the same call.
     */
    interface TransferRings {
        void ringing(SimulatedCall call, int ring);
    }

    // ---- lookups -------------------------------------------------------------------------------------------

    List<SimQueueMember> members() {
        return List.copyOf(members.values());
    }

    SimQueueMember member(String iface) {
        SimQueueMember member = members.get(iface);
        if (member == null) {
            throw new IllegalArgumentException("'" + iface + "' is not a member of queue " + queue + " (members: " + members.keySet() + ")");
        }
        return member;
    }

    Optional<SimQueueMember> memberByExtension(String extension) {
        return members.values().stream().filter(m -> m.extension.equals(extension)).findFirst();
    }

    List<SimChannel> channels() {
        return List.copyOf(channels.values());
    }

    Optional<SimChannel> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    List<SimulatedCall> waitingCallers() {
        return List.copyOf(waiting);
    }

    List<SimulatedCall> calls() {
        return List.copyOf(calls);
    }

    Optional<SimulatedCall> callOf(SimChannel channel) {
        return calls.stream().filter(c -> c.involves(channel)).findFirst();
    }

    void register(SimulatedCall call) {
        calls.add(call);
    }

    void unregister(SimulatedCall call) {
        calls.remove(call);
        waiting.remove(call);
        prioritized.remove(call);
    }

    // ---- channels ------------------------------------------------------------------------------------------

    SimChannel newChannel(String device, String callerNum, String callerName, String context, String exten, int state, String linkedid) {
        long n = channelCounter++;
        String uniqueid = Instant.now().getEpochSecond() + "." + n;
        String name = device + "-" + String.format("%08x", n);
        SimChannel channel = new SimChannel(name, uniqueid, linkedid == null ? uniqueid : linkedid, device, state, callerNum, callerName,
                context, exten);
        channels.put(name, channel);
        memberOf(channel).ifPresent(m -> m.activeChannels++);
        cel(channel, "CHAN_START", "", "");
        emit(AmiEventBuilder.event("Newchannel", "call,all").channel(channel));
        return channel;
    }

    /** The two halves of a Local channel ({@code Local/<exten>@<context>-0000000n;1} and {@code ;2}). */
    SimChannel[] newLocalPair(String exten, String context, SimChannel owner) {
        String base = "Local/" + exten + "@" + context + "-" + String.format("%08x", localCounter++);
        SimChannel one = newLocalHalf(base + ";1", owner, exten, context);
        SimChannel two = newLocalHalf(base + ";2", owner, exten, context);
        return new SimChannel[] {one, two};
    }

    private SimChannel newLocalHalf(String name, SimChannel owner, String exten, String context) {
        long n = channelCounter++;
        String uniqueid = Instant.now().getEpochSecond() + "." + n;
        SimChannel channel = new SimChannel(name, uniqueid, owner.linkedid, name.substring(0, name.indexOf(';')), SimChannel.DOWN,
                owner.callerNum, owner.callerName, context, exten);
        channels.put(name, channel);
        emit(AmiEventBuilder.event("Newchannel", "call,all").channel(channel));
        return channel;
    }

    Optional<SimQueueMember> memberOf(SimChannel channel) {
        return Optional.ofNullable(members.get(channel.device));
    }

    void newState(SimChannel channel, int state) {
        channel.state = state;
        emit(AmiEventBuilder.event("Newstate", "call,all").channel(channel));
        if (state == SimChannel.UP) {
            cel(channel, "ANSWER", "", "");
        }
    }

    void connectedLine(SimChannel channel, SimChannel other) {
        channel.connectTo(other);
        emit(AmiEventBuilder.event("NewConnectedLine", "call,all").channel(channel));
    }

    void newCallerId(SimChannel channel, String num, String name) {
        channel.callerNum = num;
        channel.callerName = name;
        emit(AmiEventBuilder.event("NewCallerid", "call,all").channel(channel).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
    }

    void varSet(SimChannel channel, String variable, String value) {
        emit(AmiEventBuilder.event("VarSet", "dialplan,all").channel(channel).add("Variable", variable).add("Value", value));
    }

    void newExten(SimChannel channel, String context, String exten, int priority, String app, String data) {
        channel.at(context, exten, priority);
        channel.running(app, data);
        emit(AmiEventBuilder.event("Newexten", "dialplan,all").channel(channel).add("Extension", exten).add("Application", app)
                .add("AppData", data));
    }

    void deviceState(String device, String state) {
        emit(AmiEventBuilder.event("DeviceStateChange", "call,all").add("Device", device).add("State", state));
    }

    void cel(SimChannel channel, String eventName, String peer, String extra) {
        emit(AmiEventBuilder.event("CEL", "call,all")
                .add("EventName", eventName).add("AccountCode", "")
                .add("CallerIDnum", channel.callerNum).add("CallerIDname", channel.callerName)
                .add("CallerIDani", "CHAN_START".equals(eventName) ? "" : channel.callerNum)
                .add("CallerIDrdnis", "").add("CallerIDdnid", channel.dnid)
                .add("Exten", channel.exten).add("Context", channel.context).add("Channel", channel.name)
                .add("Application", channel.application).add("AppData", channel.applicationData)
                .add("EventTime", CDR_TIME.format(Instant.now())).add("AMAFlags", "DOCUMENTATION")
                .add("UniqueID", channel.uniqueid).add("LinkedID", channel.linkedid).add("Userfield", "")
                .add("Peer", peer).add("PeerAccount", "").add("Extra", extra));
    }

    /** The {@code sub-record} gosub: MixMonitor on the answering channel, which then returns to where it was. */
    void mixMonitor(SimChannel channel) {
        mixMonitor(channel, null);
    }

    /**
     * The {@code sub-record} gosub; on the agent's channel of a queue call ({@code member} not null) it also pushes the
     * wrap-up hangup handler for the member.
     */
    private void mixMonitor(SimChannel channel, SimQueueMember member) {
        String file = "/var/spool/asterisk/monitor/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + channel.linkedid + ".wav";
        String context = channel.context;
        String exten = channel.exten;
        int priority = channel.priority;
        String application = channel.application;
        String applicationData = channel.applicationData;
        newExten(channel, "sub-record", "s", 2, "Set", "REC_FILE=" + file);
        varSet(channel, "REC_FILE", file);
        newExten(channel, "sub-record", "s", 3, "MixMonitor", file + ",b");
        varSet(channel, "MIXMONITOR_FILENAME", file);
        emit(AmiEventBuilder.event("MixMonitorStart", "call,all").channel(channel));
        if (member != null) {
            String handler = WRAP_UP_HANDLER_CONTEXT + ",s,1(" + member.iface + ")";
            newExten(channel, "sub-record", "s", 5, "ExecIf", "1?Set(CHANNEL(hangup_handler_push)=" + handler + ")");
            emit(AmiEventBuilder.event("HangupHandlerPush", "dialplan,all").channel(channel).add("Handler", handler));
            channel.wrapUpHandlerMember = member;
        }
        newExten(channel, "sub-record", "s", member != null ? 6 : 5, "Return", "");
        channel.at(context, exten, priority);
        channel.running(application, applicationData);
    }

    /**
     * The queue's membergosub {@code sub-record} on the agent's channel once it answers a queue call: the recording,
     * then asterisk-config's wrap-up hangup handler pushed for the member ({@code MEMBERINTERFACE} is set on the agent's
     * channel of a queue call only), then the Gosub returns.
     */
    void memberGosub(SimChannel channel, SimQueueMember member) {
        mixMonitor(channel, wrapUpPauseAtHangup ? member : null);
    }

    /**
     * The hangup handler {@code sub-wrap-up} of {@link #memberGosub}, run as the channel hangs up (after it left its bridge, before its
     * {@code Hangup} event): {@code PauseQueueMember(,<interface>,,wrap-up)} pauses the member in every queue (its
     * {@code QueueMemberPause}), so the queue offers the agent no caller before Cuecard's wrap-up ends.
     */
    private void runHangupHandler(SimChannel channel) {
        SimQueueMember member = channel.wrapUpHandlerMember;
        channel.wrapUpHandlerMember = null;
        String handler = WRAP_UP_HANDLER_CONTEXT + ",s,1(" + member.iface + ")";
        emit(AmiEventBuilder.event("HangupHandlerRun", "dialplan,all").channel(channel).add("Handler", handler));
        newExten(channel, WRAP_UP_HANDLER_CONTEXT, "s", 1, "PauseQueueMember", "," + member.iface + ",," + WRAP_UP_REASON);
        pause(member, true, WRAP_UP_REASON);
        varSet(channel, "PQMSTATUS", "PAUSED");
        newExten(channel, WRAP_UP_HANDLER_CONTEXT, "s", 2, "Return", "");
    }

    /** The channel leaves its bridge if still in one and hangs up; a member's phone becomes free again. */
    void hangup(SimChannel channel, int cause, String causeText) {
        if (channel.bridge != null) {
            leaveBridge(channel);
        }
        if (channel.wrapUpHandlerMember != null) {
            runHangupHandler(channel);
        }
        emit(AmiEventBuilder.event("Hangup", "call,all").channel(channel).add("Cause", String.valueOf(cause)).add("Cause-txt", causeText));
        channels.remove(channel.name);
        cel(channel, "HANGUP", "", "{\"hangupcause\":" + cause + ",\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(channel, "CHAN_END", "", "");
        if (!channel.name.startsWith("Local/")) {
            deviceState(channel.device, "NOT_INUSE");
        }
        Optional<SimQueueMember> member = memberOf(channel);
        if (member.isPresent()) {
            SimQueueMember m = member.get();
            m.activeChannels = Math.max(0, m.activeChannels - 1);
            if (m.activeChannels == 0) {
                m.inCall = false;
            }
            memberStatus(m);
        }
        if (channels.values().stream().noneMatch(c -> c.linkedid.equals(channel.linkedid))) {
            cel(channel, "LINKEDID_END", "", "");
        }
    }

    /** A phone hangs up (its BYE): HangupRequest, with {@code Cause} only when the hangup ends a Dial() bridge (traces c, f). */
    void hangupRequest(SimChannel channel, boolean withCause) {
        AmiEventBuilder event = AmiEventBuilder.event("HangupRequest", "call,all").channel(channel);
        emit(withCause ? event.add("Cause", "16") : event);
    }

    /** The PBX hangs a channel up itself (the application ends). */
    void softHangupRequest(SimChannel channel) {
        emit(AmiEventBuilder.event("SoftHangupRequest", "call,all").channel(channel).add("Cause", "16"));
    }

    // ---- bridges -------------------------------------------------------------------------------------------

    SimBridge createBridge() {
        SimBridge bridge = new SimBridge(UUID.randomUUID().toString());
        emit(AmiEventBuilder.event("BridgeCreate", "call,all").bridge(bridge));
        return bridge;
    }

    void enterBridge(SimBridge bridge, SimChannel channel, SimChannel swapped) {
        bridge.channels.add(channel);
        channel.bridge = bridge;
        cel(channel, "BRIDGE_ENTER", bridge.channels.size() > 1 ? bridge.channels.get(0).name : "",
                "{\"bridge_id\":\"" + bridge.id + "\",\"bridge_technology\":\"simple_bridge\"}");
        AmiEventBuilder event = AmiEventBuilder.event("BridgeEnter", "call,all").bridge(bridge).channel(channel);
        if (swapped != null) {
            event.add("SwapUniqueid", swapped.uniqueid);
        }
        emit(event);
    }

    void leaveBridge(SimChannel channel) {
        SimBridge bridge = channel.bridge;
        if (bridge == null) {
            return;
        }
        bridge.channels.remove(channel);
        channel.bridge = null;
        cel(channel, "BRIDGE_EXIT", "", "{\"bridge_id\":\"" + bridge.id + "\",\"bridge_technology\":\"simple_bridge\"}");
        emit(AmiEventBuilder.event("BridgeLeave", "call,all").bridge(bridge).channel(channel));
    }

    void destroyBridge(SimBridge bridge) {
        for (SimChannel channel : List.copyOf(bridge.channels)) {
            leaveBridge(channel);
        }
        emit(AmiEventBuilder.event("BridgeDestroy", "call,all").bridge(bridge));
    }

    // ---- dialing -------------------------------------------------------------------------------------------

    /** DialBegin / DialState / DialEnd; {@code caller} is null for a call the PBX originates itself. */
    void dial(String event, SimChannel caller, SimChannel dest, String key, String value) {
        AmiEventBuilder e = AmiEventBuilder.event(event, "call,all");
        if (caller != null) {
            e.channel(caller);
        }
        emit(e.channel("Dest", dest).add(key, value));
    }

    // ---- queue ---------------------------------------------------------------------------------------------

    void joinQueue(SimulatedCall call) {
        waiting.add(call);
    }

    /**
     * The caller joins with a priority ({@link #RETURN_QUEUE_PRIO}) above the ordinary callers': behind those who
     * waited with that priority already, ahead of everyone else.
     */
    void joinQueueWithPriority(SimulatedCall call) {
        int at = 0;
        while (at < waiting.size() && prioritized.contains(waiting.get(at))) {
            at++;
        }
        waiting.add(at, call);
        prioritized.add(call);
    }

    int leaveQueue(SimulatedCall call) {
        int position = waiting.indexOf(call) + 1;
        waiting.remove(call);
        prioritized.remove(call);
        return position;
    }

    /** The caller's QUEUE_PRIO (0 unless an unanswered transfer put them back). */
    int priority(SimulatedCall call) {
        return prioritized.contains(call) ? RETURN_QUEUE_PRIO : 0;
    }

    int position(SimulatedCall call) {
        return waiting.indexOf(call) + 1;
    }

    int waitingCount() {
        return waiting.size();
    }

    AmiEventBuilder queueEvent(String event, SimChannel caller, SimChannel dest, SimQueueMember member) {
        AmiEventBuilder e = AmiEventBuilder.event(event, "agent,all").channel(caller);
        if (dest != null) {
            e.channel("Dest", dest);
        }
        e.add("Queue", queue);
        if (member != null) {
            e.add("Interface", member.iface).add("MemberName", member.name);
        }
        return e;
    }

    void memberStatus(SimQueueMember member) {
        emit(member.appendStatus(AmiEventBuilder.event("QueueMemberStatus", "agent,all"), queue));
    }

    void pause(SimQueueMember member, boolean paused, String reason) {
        member.paused = paused;
        member.pausedReason = paused && reason != null ? reason : "";
        member.lastPause = Instant.now().getEpochSecond();
        emit(member.appendStatus(AmiEventBuilder.event("QueueMemberPause", "agent,all"), queue));
    }

    /**
     * The PBX restarts: every channel, call and waiting caller is gone without an event (no client is connected to hear
     * it), the static members come back logged in, idle and unpaused, as queues.conf lists them, and the first
     * {@code QueueStatus} is refused (app_queue still loading).
     */
    void restart() {
        for (SimulatedCall call : List.copyOf(calls)) {
            call.lostInRestart();
        }
        calls.clear();
        waiting.clear();
        channels.clear();
        queueModuleLoading = 1;
        for (SimQueueMember m : members.values()) {
            m.paused = false;
            m.pausedReason = "";
            m.activeChannels = 0;
            m.inCall = false;
        }
    }

    void cdr(SimChannel source, SimChannel destination, String dst, String dstContext, String lastApp, String lastData, Instant start,
            Instant answer, String disposition, String userField) {
        Instant end = Instant.now();
        long duration = end.getEpochSecond() - start.getEpochSecond();
        long billable = answer == null ? 0 : end.getEpochSecond() - answer.getEpochSecond();
        emit(AmiEventBuilder.event("Cdr", "cdr,all")
                .add("AccountCode", "").add("Source", source.callerNum).add("Destination", dst).add("DestinationContext", dstContext)
                .add("CallerID", "\"" + source.callerName + "\" <" + source.callerNum + ">").add("Channel", source.name)
                .add("DestinationChannel", destination == null ? "" : destination.name)
                .add("LastApplication", lastApp).add("LastData", lastData)
                .add("StartTime", CDR_TIME.format(start)).add("AnswerTime", answer == null ? "" : CDR_TIME.format(answer))
                .add("EndTime", CDR_TIME.format(end)).add("Duration", String.valueOf(duration))
                .add("BillableSeconds", String.valueOf(billable)).add("Disposition", disposition)
                .add("AMAFlags", "DOCUMENTATION").add("UniqueID", source.uniqueid).add("UserField", userField));
    }

    void emit(AmiEventBuilder event) {
        emit(event.build());
    }

    void emit(AmiPacket event) {
        emitted++;
        if (!losing) {
            out.accept(event);
        }
    }
}
