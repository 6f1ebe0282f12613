package io.cuecard.simulator;

import java.time.Instant;

/** One live channel of the simulated PBX, with the fields Asterisk reports for it in every channel event. */
final class SimChannel {

    private static final String[] STATE_DESC = {"Down", "Rsrvd", "OffHook", "Dialing", "Ring", "Ringing", "Up", "Busy",
        "Dialing Offhook", "Pre-ring", "Unknown"};

    static final int DOWN = 0;
    static final int RING = 4;
    static final int RINGING = 5;
    static final int UP = 6;

    final String name;
    final String uniqueid;
    final String linkedid;
    /** The endpoint interface the channel belongs to, e.g. {@code PJSIP/agent1}. */
    final String device;
    final Instant created = Instant.now();
    int state;
    String callerNum;
    String callerName;
    String connectedNum = "<unknown>";
    String connectedName = "<unknown>";
    String context;
    String exten;
    int priority = 1;
    String application = "";
    String applicationData = "";
    String dnid = "";
    SimBridge bridge;
    /**
     * The hangup handler pushed on this channel ({@code CHANNEL(hangup_handler_push)}): the member it pauses for
     * wrap-up when the channel hangs up (asterisk-config's {@code sub-record}, for the agent leg of a queue call), or null.
     */
    SimQueueMember wrapUpHandlerMember;

    SimChannel(String name, String uniqueid, String linkedid, String device, int state, String callerNum, String callerName,
            String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.device = device;
        this.state = state;
        this.callerNum = callerNum;
        this.callerName = callerName;
        this.context = context;
        this.exten = exten;
    }

    String stateDesc() {
        return state >= 0 && state < STATE_DESC.length ? STATE_DESC[state] : "Unknown";
    }

    void connectTo(SimChannel other) {
        connectedNum = other.callerNum;
        connectedName = other.callerName;
    }

    void at(String newContext, String newExten, int newPriority) {
        context = newContext;
        exten = newExten;
        priority = newPriority;
    }

    void running(String app, String data) {
        application = app;
        applicationData = data;
    }

    /** Appends the standard channel headers, each key prefixed (e.g. {@code Dest}, {@code Transferer}). */
    AmiEventBuilder appendTo(AmiEventBuilder event, String prefix) {
        return event.add(prefix + "Channel", name)
                .add(prefix + "ChannelState", String.valueOf(state))
                .add(prefix + "ChannelStateDesc", stateDesc())
                .add(prefix + "CallerIDNum", callerNum)
                .add(prefix + "CallerIDName", callerName)
                .add(prefix + "ConnectedLineNum", connectedNum)
                .add(prefix + "ConnectedLineName", connectedName)
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", context)
                .add(prefix + "Exten", exten)
                .add(prefix + "Priority", String.valueOf(priority))
                .add(prefix + "Uniqueid", uniqueid)
                .add(prefix + "Linkedid", linkedid);
    }

    long secondsUp(Instant now) {
        return Math.max(0, now.getEpochSecond() - created.getEpochSecond());
    }
}
