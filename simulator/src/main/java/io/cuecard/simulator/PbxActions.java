package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the AMI actions that read or change the simulated PBX: the list actions CoreShowChannels, Status and
 * QueueStatus (from the live state, field sets as in the recorded {@code action-*.txt} replies), Originate, Hangup,
 * Redirect, BlindTransfer, Atxfer, CancelAtxfer and QueuePause.
 */
final class PbxActions implements AmiSession.ActionHandler {

    private final Switchboard sb;
    private final OriginateRunner originates;

    /** Runs an accepted Originate in the background (after its "successfully queued" reply has gone out). */
    interface OriginateRunner {
        void originate(String agentInterface, String customerNumber, Map<String, String> variables, String actionId);
    }

    PbxActions(Switchboard sb, OriginateRunner originates) {
        this.sb = sb;
        this.originates = originates;
    }

    @Override
    public boolean handle(AmiSession session, AmiPacket action) {
        try {
            return dispatch(session, action);
        } catch (IllegalStateException | IllegalArgumentException e) {
            session.send(AmiWire.error(action, e.getMessage()));
            return true;
        }
    }

    private boolean dispatch(AmiSession session, AmiPacket action) {
        switch (action.get("Action").toLowerCase(Locale.ROOT)) {
            case "coreshowchannels" -> coreShowChannels(session, action);
            case "status" -> status(session, action);
            case "queuestatus" -> queueStatus(session, action);
            case "originate" -> originate(session, action);
            case "hangup" -> hangup(session, action);
            case "redirect" -> transfer(session, action, false);
            case "blindtransfer" -> transfer(session, action, true);
            case "atxfer" -> atxfer(session, action);
            case "cancelatxfer" -> cancelAtxfer(session, action);
            case "queuepause" -> queuePause(session, action);
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---- list actions --------------------------------------------------------------------------------------

    // The list reply is queued while the switchboard is locked, so it sits in the client's stream exactly where the
    // snapshot was taken: the events before it explain the state it lists.

    private void coreShowChannels(AmiSession session, AmiPacket action) {
        String actionId = action.get("ActionID");
        List<AmiPacket> items = new ArrayList<>();
        synchronized (sb) {
            Instant now = Instant.now();
            for (SimChannel c : sb.channels()) {
                AmiEventBuilder item = AmiEventBuilder.listItem("CoreShowChannel");
                withActionId(item, actionId).channel(c)
                        .add("Application", c.application).add("ApplicationData", c.applicationData)
                        .add("Duration", duration(c.secondsUp(now))).add("BridgeId", c.bridge == null ? "" : c.bridge.id);
                items.add(item.build());
            }
            sendList(session, action, "Channels will follow", items, "CoreShowChannelsComplete", false);
        }
    }

    private void status(AmiSession session, AmiPacket action) {
        String actionId = action.get("ActionID");
        String wanted = action.get("Channel");
        List<AmiPacket> items = new ArrayList<>();
        synchronized (sb) {
            List<SimChannel> channels = sb.channels();
            if (wanted != null && !wanted.isEmpty()) {
                Optional<SimChannel> one = sb.channel(wanted);
                if (one.isEmpty()) {
                    session.send(AmiWire.error(action, "No such channel"));
                    return;
                }
                channels = List.of(one.get());
            }
            Instant now = Instant.now();
            for (SimChannel c : channels) {
                AmiEventBuilder item = AmiEventBuilder.listItem("Status").add("Privilege", "Call").channel(c)
                        .add("Type", c.name.substring(0, c.name.indexOf('/'))).add("DNID", c.dnid)
                        .add("EffectiveConnectedLineNum", c.connectedNum).add("EffectiveConnectedLineName", c.connectedName)
                        .add("TimeToHangup", "0").add("BridgeID", c.bridge == null ? "" : c.bridge.id)
                        .add("Application", c.application).add("Data", c.applicationData)
                        .add("Nativeformats", "(ulaw)").add("Readformat", "ulaw").add("Readtrans", "")
                        .add("Writeformat", "ulaw").add("Writetrans", "").add("Callgroup", "0").add("Pickupgroup", "0")
                        .add("Seconds", String.valueOf(c.secondsUp(now)));
                items.add(withActionId(item, actionId).build());
            }
            sendList(session, action, "Channel status will follow", items, "StatusComplete", true);
        }
    }

    private void queueStatus(AmiSession session, AmiPacket action) {
        synchronized (sb) {
            if (sb.queueModuleLoading > 0) {
                sb.queueModuleLoading--;
                session.send(AmiWire.error(action, "Invalid/unknown command: QueueStatus. Use Action: ListCommands to show available commands."));
                return;
            }
        }
        String actionId = action.get("ActionID");
        String wantedQueue = action.get("Queue");
        String wantedMember = action.get("Member");
        List<AmiPacket> items = new ArrayList<>();
        synchronized (sb) {
            if (wantedQueue == null || wantedQueue.isEmpty() || wantedQueue.equals(sb.queue)) {
                int answered = sb.completed;
                AmiEventBuilder params = AmiEventBuilder.listItem("QueueParams").add("Queue", sb.queue).add("Max", "0")
                        .add("Strategy", "linear").add("Calls", String.valueOf(sb.waitingCount()))
                        .add("Holdtime", String.valueOf(answered == 0 ? 0 : Math.round((double) sb.totalHoldSeconds / answered)))
                        .add("TalkTime", String.valueOf(answered == 0 ? 0 : Math.round((double) sb.totalTalkSeconds / answered)))
                        .add("Completed", String.valueOf(sb.completed)).add("Abandoned", String.valueOf(sb.abandoned))
                        .add("ServiceLevel", "20").add("ServicelevelPerf", "100.0").add("ServicelevelPerf2", "100.0").add("Weight", "0");
                items.add(withActionId(params, actionId).build());
                for (SimQueueMember m : sb.members()) {
                    if (wantedMember != null && !wantedMember.isEmpty() && !wantedMember.equals(m.iface) && !wantedMember.equals(m.name)) {
                        continue;
                    }
                    AmiEventBuilder member = AmiEventBuilder.listItem("QueueMember").add("Queue", sb.queue).add("Name", m.name)
                            .add("Location", m.iface).add("StateInterface", m.iface).add("Membership", "static").add("Penalty", "0")
                            .add("CallsTaken", String.valueOf(m.callsTaken)).add("LastCall", String.valueOf(m.lastCall))
                            .add("LastPause", String.valueOf(m.lastPause)).add("LoginTime", String.valueOf(m.loginTime))
                            .add("InCall", m.inCall ? "1" : "0").add("Status", String.valueOf(m.status()))
                            .add("Paused", m.paused ? "1" : "0").add("PausedReason", m.pausedReason).add("Wrapuptime", "0");
                    items.add(withActionId(member, actionId).build());
                }
                Instant now = Instant.now();
                int position = 0;
                // Wait: since the caller joined the queue (app_queue's qe->start), not the channel's age
                for (SimulatedCall call : sb.waitingCallers()) {
                    SimChannel c = call.customerChannelState();
                    position++;
                    AmiEventBuilder entry = AmiEventBuilder.listItem("QueueEntry").add("Queue", sb.queue)
                            .add("Position", String.valueOf(position)).add("Channel", c.name).add("Uniqueid", c.uniqueid)
                            .add("CallerIDNum", c.callerNum).add("CallerIDName", c.callerName)
                            .add("ConnectedLineNum", c.connectedNum).add("ConnectedLineName", c.connectedName)
                            .add("Wait", String.valueOf(call.queueWaitSeconds(now))).add("Priority", String.valueOf(sb.priority(call)));
                    items.add(withActionId(entry, actionId).build());
                }
            }
            sendList(session, action, "Queue status will follow", items, "QueueStatusComplete", false);
        }
    }

    private static AmiEventBuilder withActionId(AmiEventBuilder item, String actionId) {
        return actionId == null ? item : item.add("ActionID", actionId);
    }

    private static void sendList(AmiSession session, AmiPacket action, String message, List<AmiPacket> items, String completeEvent,
            boolean withItemsHeader) {
        session.send(AmiWire.reply(action, "Success", "EventList", "start", "Message", message));
        for (AmiPacket item : items) {
            session.send(item);
        }
        AmiEventBuilder complete = AmiEventBuilder.listItem(completeEvent);
        withActionId(complete, action.get("ActionID")).add("EventList", "Complete").add("ListItems", String.valueOf(items.size()));
        if (withItemsHeader) {
            complete.add("Items", String.valueOf(items.size()));
        }
        session.send(complete.build());
    }

    private static String duration(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    // ---- call control --------------------------------------------------------------------------------------

    private void originate(AmiSession session, AmiPacket action) {
        String channel = action.get("Channel");
        String exten = action.get("Exten");
        if (channel == null || channel.isEmpty()) {
            session.send(AmiWire.error(action, "Channel not specified"));
            return;
        }
        if (exten == null || exten.isEmpty()) {
            session.send(AmiWire.error(action, "Exten not specified"));
            return;
        }
        synchronized (sb) {
            if (sb.members().stream().noneMatch(m -> m.iface.equals(channel))) {
                session.send(AmiWire.error(action, "Originate failed: " + channel + " is not an agent of this PBX"));
                return;
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String assignment : action.getAll("Variable")) {
            for (String part : assignment.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    variables.put(part.substring(0, eq).trim(), part.substring(eq + 1));
                }
            }
        }
        session.send(AmiWire.success(action, "Originate successfully queued"));
        originates.originate(channel, exten, variables, action.get("ActionID"));
    }

    private void hangup(AmiSession session, AmiPacket action) {
        String name = action.get("Channel");
        synchronized (sb) {
            Optional<SimChannel> channel = name == null ? Optional.empty() : sb.channel(name);
            Optional<SimulatedCall> call = channel.flatMap(sb::callOf);
            if (call.isEmpty()) {
                session.send(AmiWire.error(action, "No such channel"));
                return;
            }
            call.get().hangUpChannel(channel.get());
        }
        session.send(AmiWire.success(action, "Channel Hungup"));
    }

    /**
     * Redirect (of the customer's channel) and BlindTransfer (from the agent's channel) to an agent's extension;
     * BlindTransfer also to the queue's extension (the caller waits in the queue again).
     */
    private void transfer(AmiSession session, AmiPacket action, boolean blind) {
        String name = action.get("Channel");
        String exten = action.get("Exten");
        synchronized (sb) {
            Optional<SimChannel> channel = name == null ? Optional.empty() : sb.channel(name);
            Optional<SimulatedCall> call = channel.flatMap(sb::callOf);
            if (call.isEmpty()) {
                session.send(AmiWire.error(action, blind ? "No such channel" : "Channel specified does not exist"));
                return;
            }
            boolean toQueue = blind && Switchboard.INBOUND_EXTEN.equals(exten);
            Optional<SimQueueMember> target = exten == null ? Optional.empty() : sb.memberByExtension(exten);
            if ((target.isEmpty() && !toQueue) || call.get().phase() != SimulatedCall.Phase.CONNECTED) {
                session.send(AmiWire.error(action, blind ? "Transfer failed" : "Redirect failed"));
                return;
            }
            if (toQueue) {
                call.get().blindTransferToQueue();
            } else if (blind) {
                call.get().blindTransfer(exten);
            } else {
                call.get().redirectTo(target.get(), exten);
            }
        }
        session.send(AmiWire.success(action, blind ? "Transfer succeeded" : "Redirect successful"));
    }

    private void atxfer(AmiSession session, AmiPacket action) {
        String name = action.get("Channel");
        String exten = action.get("Exten");
        synchronized (sb) {
            Optional<SimChannel> channel = name == null ? Optional.empty() : sb.channel(name);
            Optional<SimulatedCall> call = channel.flatMap(sb::callOf);
            if (call.isEmpty()) {
                session.send(AmiWire.error(action, "No such channel"));
                return;
            }
            Optional<SimQueueMember> target = exten == null ? Optional.empty() : sb.memberByExtension(exten);
            if (target.isEmpty() || call.get().phase() != SimulatedCall.Phase.CONNECTED
                    || target.get().iface.equals(call.get().agentInterface())) {
                session.send(AmiWire.error(action, "Atxfer failed"));
                return;
            }
            session.send(AmiWire.success(action, "Atxfer successfully queued"));
            if (sb.atxferConsults) {
                call.get().consult(target.get().iface);
            } else {
                call.get().attendedTransfer(target.get().iface, true);
            }
        }
    }

    /**
     * CancelAtxfer: Asterisk plays the {@code atxferabort} code into the transferer's channel and acknowledges; a
     * consultation under way ends, the transferer back with the customer (without one the code does nothing).
     */
    private void cancelAtxfer(AmiSession session, AmiPacket action) {
        String name = action.get("Channel");
        synchronized (sb) {
            if (name == null || name.isEmpty()) {
                session.send(AmiWire.error(action, "No channel specified"));
                return;
            }
            Optional<SimChannel> channel = sb.channel(name);
            if (channel.isEmpty()) {
                session.send(AmiWire.error(action, "Channel specified does not exist"));
                return;
            }
            session.send(AmiWire.success(action, "CancelAtxfer successfully queued"));
            sb.callOf(channel.get()).filter(SimulatedCall::consulting).ifPresent(SimulatedCall::cancelConsultation);
        }
    }

    private void queuePause(AmiSession session, AmiPacket action) {
        String iface = action.get("Interface");
        String pausedHeader = action.get("Paused");
        String queue = action.get("Queue");
        if (iface == null || iface.isEmpty() || pausedHeader == null) {
            session.send(AmiWire.error(action, "Need 'Interface' and 'Paused' parameters."));
            return;
        }
        boolean paused = pausedHeader.equalsIgnoreCase("true") || pausedHeader.equalsIgnoreCase("yes") || pausedHeader.equals("1");
        synchronized (sb) {
            Optional<SimQueueMember> member = sb.members().stream().filter(m -> m.iface.equals(iface)).findFirst();
            if (member.isEmpty() || (queue != null && !queue.isEmpty() && !queue.equals(sb.queue))) {
                session.send(AmiWire.error(action, "Interface not found"));
                return;
            }
            session.send(AmiWire.success(action, paused ? "Interface paused successfully" : "Interface unpaused successfully"));
            sb.pause(member.get(), paused, action.get("Reason"));
        }
    }
}
