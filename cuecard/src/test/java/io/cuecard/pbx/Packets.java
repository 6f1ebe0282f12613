package io.cuecard.pbx;

import io.cuecard.pbx.trace.AmiPacket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds synthetic AMI event packets with the Asterisk 22 field lists (asterisk-ami.md): CHAN fields, DEST/Transferer/
 * LocalOne/... prefixed CHAN fields, BRIDGE fields, a {@code Timestamp} that advances 0.5 s per event unless told.
 */
public final class Packets {

    /** A channel as the CHAN fields describe it. */
    public static final class Ch {
        public final String channel;
        public final String uniqueId;
        public final String linkedId;
        public final String callerNum;
        public String context;
        public String exten;
        public int state;

        public Ch(String channel, String uniqueId, String linkedId, String callerNum, String context, String exten) {
            this.channel = channel;
            this.uniqueId = uniqueId;
            this.linkedId = linkedId;
            this.callerNum = callerNum;
            this.context = context;
            this.exten = exten;
        }
    }

    public final List<AmiPacket> packets = new ArrayList<>();
    private BigDecimal clock = new BigDecimal("1800000000.000000");

    public Instant now() {
        return Instant.ofEpochSecond(clock.longValue(), clock.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    /** Lets {@code seconds} pass before the next event. */
    public Packets after(double seconds) {
        clock = clock.add(BigDecimal.valueOf(seconds)).subtract(new BigDecimal("0.5"));
        return this;
    }

    public Packets event(String name, List<String> fields) {
        clock = clock.add(new BigDecimal("0.5"));
        List<String> kv = new ArrayList<>(List.of("Event", name, "Privilege", "call,all", "Timestamp",
                clock.setScale(6).toPlainString()));
        kv.addAll(fields);
        packets.add(AmiPacket.of(kv.toArray(String[]::new)));
        return this;
    }

    public static List<String> chan(String prefix, Ch c) {
        return List.of(prefix + "Channel", c.channel, prefix + "ChannelState", Integer.toString(c.state),
                prefix + "ChannelStateDesc", stateDesc(c.state), prefix + "CallerIDNum", c.callerNum,
                prefix + "CallerIDName", "<unknown>", prefix + "ConnectedLineNum", "<unknown>",
                prefix + "ConnectedLineName", "<unknown>", prefix + "Language", "en", prefix + "AccountCode", "",
                prefix + "Context", c.context, prefix + "Exten", c.exten, prefix + "Priority", "1",
                prefix + "Uniqueid", c.uniqueId, prefix + "Linkedid", c.linkedId);
    }

    private static String stateDesc(int state) {
        return switch (state) {
            case 0 -> "Down";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            case 7 -> "Busy";
            default -> "Unknown";
        };
    }

    private static List<String> bridge(String prefix, String bridgeId, int channels) {
        return List.of(prefix + "BridgeUniqueid", bridgeId, prefix + "BridgeType", "basic", prefix + "BridgeTechnology",
                "simple_bridge", prefix + "BridgeCreator", "<unknown>", prefix + "BridgeName", "<unknown>",
                prefix + "BridgeNumChannels", Integer.toString(channels), prefix + "BridgeVideoSourceMode", "none");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- channel life

    public Packets newchannel(Ch c, int state) {
        c.state = state;
        return event("Newchannel", chan("", c));
    }

    public Packets state(Ch c, int state) {
        c.state = state;
        return event("Newstate", chan("", c));
    }

    public Packets hangupRequest(Ch c) {
        return event("HangupRequest", concat(chan("", c), List.of("Cause", "16")));
    }

    public Packets softHangupRequest(Ch c) {
        return event("SoftHangupRequest", concat(chan("", c), List.of("Cause", "16")));
    }

    public Packets hangup(Ch c, int cause, String causeText) {
        return event("Hangup", concat(chan("", c), List.of("Cause", Integer.toString(cause), "Cause-txt", causeText)));
    }

    public Packets varSet(Ch c, String variable, String value) {
        return event("VarSet", concat(chan("", c), List.of("Variable", variable, "Value", value)));
    }

    // ---------------------------------------------------------------------------------------- queue

    public Packets queueJoin(Ch caller, String queue) {
        return event("QueueCallerJoin", concat(chan("", caller), List.of("Queue", queue, "Position", "1", "Count", "1")));
    }

    public Packets queueLeave(Ch caller, String queue) {
        return event("QueueCallerLeave", concat(chan("", caller), List.of("Queue", queue, "Count", "0", "Position", "1")));
    }

    public Packets agentCalled(Ch caller, Ch member, String iface) {
        return event("AgentCalled", concat(chan("", caller), chan("Dest", member),
                List.of("Queue", "service", "MemberName", iface, "Interface", iface)));
    }

    public Packets agentConnect(Ch caller, Ch member, String iface) {
        return event("AgentConnect", concat(chan("", caller), chan("Dest", member),
                List.of("Queue", "service", "MemberName", iface, "Interface", iface, "RingTime", "1", "HoldTime", "1")));
    }

    public Packets agentComplete(Ch caller, Ch member, String iface, String reason) {
        return event("AgentComplete", concat(chan("", caller), chan("Dest", member), List.of("Queue", "service",
                "MemberName", iface, "Interface", iface, "HoldTime", "1", "TalkTime", "3", "Reason", reason)));
    }

    // ---------------------------------------------------------------------------------------- dial, bridge, hold

    /** {@code caller} null: the dial of an Originate (no CHAN fields, as Asterisk sends it). */
    public Packets dialBegin(Ch caller, Ch dest, String dialString) {
        return event("DialBegin", concat(caller == null ? List.of() : chan("", caller), chan("Dest", dest),
                List.of("DialString", dialString)));
    }

    public Packets dialEnd(Ch caller, Ch dest, String status) {
        return event("DialEnd", concat(caller == null ? List.of() : chan("", caller), chan("Dest", dest),
                List.of("DialStatus", status)));
    }

    public Packets bridgeEnter(Ch c, String bridgeId, int channels, Ch swap) {
        return event("BridgeEnter", concat(bridge("", bridgeId, channels), chan("", c),
                swap == null ? List.of() : List.of("SwapUniqueid", swap.uniqueId)));
    }

    public Packets bridgeLeave(Ch c, String bridgeId, int channels) {
        return event("BridgeLeave", concat(bridge("", bridgeId, channels), chan("", c)));
    }

    public Packets hold(Ch c) {
        return event("Hold", concat(chan("", c), List.of("MusicClass", "default")));
    }

    public Packets unhold(Ch c) {
        return event("Unhold", chan("", c));
    }

    public Packets musicOnHold(Ch c, boolean start) {
        return event(start ? "MusicOnHoldStart" : "MusicOnHoldStop",
                concat(chan("", c), start ? List.of("Class", "default") : List.of()));
    }

    // ---------------------------------------------------------------------------------------- transfers, spy, originate

    public Packets attendedTransfer(String result, Ch origTransferer, String origBridge, Ch secondTransferer,
                                    String secondBridge, String destType, Ch localOne, Ch localTwo, Ch transferee,
                                    Ch target) {
        return event("AttendedTransfer", concat(List.of("Result", result), chan("OrigTransferer", origTransferer),
                bridge("Orig", origBridge, 2), chan("SecondTransferer", secondTransferer),
                bridge("Second", secondBridge, 2), List.of("DestType", destType, "DestBridgeUniqueid", "",
                        "DestApp", "", "DestTransfererChannel", localOne == null ? "" : localOne.channel),
                localOne == null ? List.of() : chan("LocalOne", localOne),
                localTwo == null ? List.of() : chan("LocalTwo", localTwo),
                transferee == null ? List.of() : chan("Transferee", transferee),
                target == null ? List.of() : chan("TransferTarget", target), List.of("IsExternal", "No")));
    }

    public Packets localOptimization(boolean begin, Ch localOne, Ch localTwo, Ch source) {
        List<String> tail = begin ? concat(source == null ? List.of() : chan("Source", source),
                List.of("DestUniqueId", source == null ? "" : source.uniqueId, "Id", "1"))
                : List.of("Success", "Yes", "Id", "1");
        return event(begin ? "LocalOptimizationBegin" : "LocalOptimizationEnd",
                concat(chan("LocalOne", localOne), chan("LocalTwo", localTwo), tail));
    }

    public Packets chanSpy(boolean start, Ch spyer, Ch spyee) {
        return event(start ? "ChanSpyStart" : "ChanSpyStop", concat(chan("Spyer", spyer), chan("Spyee", spyee)));
    }

    public Packets mixMonitorStart(Ch c) {
        return event("MixMonitorStart", chan("", c));
    }

    public Packets originateResponse(String actionId, String response, String channel, String uniqueId, int reason) {
        return event("OriginateResponse", List.of("ActionID", actionId, "Response", response, "Channel", channel,
                "Context", "outbound-followup", "Exten", "030123456", "Reason", Integer.toString(reason),
                "Uniqueid", uniqueId, "CallerIDNum", "030123456", "CallerIDName", "Callback 030123456"));
    }

    // ---------------------------------------------------------------------------------------- scenarios

    public static Ch customer(String uid) {
        return new Ch("PJSIP/customer-" + hex(uid), uid, uid, "+4930123456", "from-customer", "100");
    }

    public static Ch agent(int n, String uid, String linkedId) {
        return new Ch("PJSIP/agent" + n + "-" + hex(uid), uid, linkedId, "20" + n, "agents", "s");
    }

    private static String hex(String uid) {
        String seq = uid.substring(uid.indexOf('.') + 1);
        return String.format(Locale.ROOT, "%08x", Integer.parseInt(seq));
    }

    /** A customer calls queue {@code service}; agent {@code a} answers; both end up in {@code bridgeId}. */
    public Packets inboundAnswered(Ch customer, Ch a, String bridgeId) {
        newchannel(customer, 4);
        state(customer, 6);
        queueJoin(customer, "service");
        musicOnHold(customer, true);
        newchannel(a, 0);
        agentCalled(customer, a, ifaceOf(a));
        dialBegin(customer, a, ifaceOf(a));
        state(a, 5);
        after(1.5);
        state(a, 6);
        dialEnd(customer, a, "ANSWER");
        musicOnHold(customer, false);
        queueLeave(customer, "service");
        agentConnect(customer, a, ifaceOf(a));
        bridgeEnter(a, bridgeId, 1, null);
        return bridgeEnter(customer, bridgeId, 2, null);
    }

    /** The customer hangs up a bridged call. */
    public Packets customerHangsUp(Ch customer, Ch a, String bridgeId) {
        hangupRequest(customer);
        agentComplete(customer, a, ifaceOf(a), "caller");
        bridgeLeave(customer, bridgeId, 1);
        softHangupRequest(customer);
        hangup(customer, 16, "Normal Clearing");
        bridgeLeave(a, bridgeId, 0);
        return hangup(a, 16, "Normal Clearing");
    }

    public static String ifaceOf(Ch c) {
        return c.channel.substring(0, c.channel.lastIndexOf('-'));
    }
}
