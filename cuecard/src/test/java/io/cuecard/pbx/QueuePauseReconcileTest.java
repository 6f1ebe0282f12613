package io.cuecard.pbx;

import static io.cuecard.pbx.Packets.agent;
import static io.cuecard.pbx.Packets.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.ConsoleResult;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.Stage;
import io.cuecard.call.TrackerSettings;
import io.cuecard.pbx.Packets.Ch;
import io.cuecard.pbx.trace.AmiPacket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * The queue members' pauses against what Cuecard wants (issue 10, items 4 and 5): after every (re)connect the
 * {@code QueueStatus} list is compared with the agents' wrap-ups and each difference gets a {@code QueuePause}; the
 * {@code QueueMemberPause} of asterisk-config's hangup handler (reason {@code wrap-up}) is Cuecard's own pause, left on
 * while the agent's call ends and taken off an agent who is ready; pauses with other reasons are the agent's own.
 */
class QueuePauseReconcileTest {

    static final Pause PAUSE1 = new Pause("PJSIP/agent1", true, "wrap-up");
    static final Pause UNPAUSE1 = new Pause("PJSIP/agent1", false, "wrap-up");

    final PbxHarness h = new PbxHarness(TrackerSettings.ofSeconds(5, 120));
    final Packets p = new Packets();
    final Ch cust = customer("1800000000.60");
    final Ch a1 = agent(1, "1800000000.61", cust.linkedId);
    final String id = cust.linkedId;

    /** agent1 answers a queue call, the customer hangs up: agent1 is in wrap-up (Cuecard paused the member). */
    private CallView wrapUp() {
        p.inboundAnswered(cust, a1, "b-60");
        p.after(3).customerHangsUp(cust, a1, "b-60");
        h.feed(p.packets);
        p.packets.clear();
        CallView v = h.call(id);
        assertThat(v.stage()).isEqualTo(Stage.WRAP_UP);
        assertThat(h.pbx.pauses).containsExactly(PAUSE1);
        return v;
    }

    /** A {@code QueueMemberPause} as app_queue raises it. */
    private AmiPacket memberPause(String iface, boolean paused, String reason) {
        p.event("QueueMemberPause", List.of("Queue", "service", "MemberName", iface.equals("PJSIP/agent1") ? "Agent One" : "Agent Two",
                "Interface", iface, "StateInterface", iface, "Membership", "static", "Penalty", "0", "CallsTaken", "1",
                "LastCall", "1800000000", "LastPause", "1800000000", "LoginTime", "1799990000", "InCall", "0", "Status", "1",
                "Paused", paused ? "1" : "0", "PausedReason", reason, "Ringinuse", "0", "Wrapuptime", "0"));
        return p.packets.remove(p.packets.size() - 1);
    }

    /** A resync whose {@code QueueStatus} lists the members with these pauses ({@code interface → reason}, "": not paused). */
    private void resyncWithMembers(Map<String, String> pauses) {
        List<ManagerEvent> queueStatus = new ArrayList<>();
        pauses.forEach((iface, reason) -> queueStatus.add(h.amiEvents.toEvent(AmiPacket.of("Event", "QueueMember",
                "Queue", "service", "Name", iface, "Location", iface, "StateInterface", iface, "Membership", "static",
                "Penalty", "0", "CallsTaken", "1", "LastCall", "0", "LastPause", "0", "LoginTime", "0", "InCall", "0",
                "Status", "1", "Paused", reason.isEmpty() ? "0" : "1", "PausedReason", reason,
                "Wrapuptime", "0", "ActionID", "resync"), PbxHarness.T0)));
        h.apply(h.translator.resync(List.of(), queueStatus, p.now()));
    }

    @Test
    void anAgentInWrapUpWhoseMemberIsNotPausedIsPausedAgainAfterTheReconnect() {
        wrapUp();

        // the PBX restarted meanwhile: its members came back unpaused
        resyncWithMembers(Map.of("PJSIP/agent1", "", "PJSIP/agent2", ""));

        assertThat(h.pbx.pauses).containsExactly(PAUSE1, PAUSE1);
        resyncWithMembers(Map.of("PJSIP/agent1", "wrap-up"));
        assertThat(h.pbx.pauses).as("paused as wanted: nothing more").containsExactly(PAUSE1, PAUSE1);
    }

    @Test
    void aReadyAgentWhoseUnpauseWasRefusedIsUnpausedAtTheNextConnect() {
        CallView v = wrapUp();
        assertThat(h.tracker.ready("agent1", v.endedAt().plusSeconds(10))).isEqualTo(ConsoleResult.OK);
        assertThat(h.pbx.pauses).containsExactly(PAUSE1, UNPAUSE1);

        // the un-pause was refused (the PBX was shutting down): the list after the reconnect still shows the pause
        resyncWithMembers(Map.of("PJSIP/agent1", "wrap-up", "PJSIP/agent2", "lunch"));

        assertThat(h.pbx.pauses).as("agent2's own pause is left alone").containsExactly(PAUSE1, UNPAUSE1, UNPAUSE1);
    }

    @Test
    void theHangupHandlersPauseIsKeptWhileTheCallEnds() {
        p.inboundAnswered(cust, a1, "b-60");
        h.feed(p.packets);
        p.packets.clear();
        // the agent hangs up first: the handler pauses the member before the agent's leg is gone, the call ends after
        p.after(3).hangupRequest(a1);
        p.agentComplete(cust, a1, "PJSIP/agent1", "agent");
        p.bridgeLeave(a1, "b-60", 1);
        h.feed(p.packets);
        p.packets.clear();
        h.feed(memberPause("PJSIP/agent1", true, "wrap-up"));
        p.hangup(a1, 16, "Normal Clearing");
        h.feed(p.packets);
        p.packets.clear();
        assertThat(h.pbx.pauses).as("the call is not over yet").isEmpty();

        p.bridgeLeave(cust, "b-60", 0);
        p.softHangupRequest(cust);
        p.hangup(cust, 16, "Normal Clearing");
        h.feed(p.packets);

        assertThat(h.call(id).stage()).isEqualTo(Stage.WRAP_UP);
        assertThat(h.pbx.pauses).as("Cuecard's own pause on top, never an un-pause").containsExactly(PAUSE1);
    }

    @Test
    void aWrapUpPauseOfAnAgentWithoutWrapUpIsTakenOff() {
        // a queue call Cuecard did not see end (or whose transferer has no wrap-up): the handler paused a free agent
        h.feed(memberPause("PJSIP/agent2", true, "wrap-up"));
        assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent2", false, "wrap-up"));

        h.feed(memberPause("PJSIP/agent2", false, "wrap-up"));
        h.feed(memberPause("PJSIP/agent2", true, "lunch"));
        assertThat(h.pbx.pauses).as("the agent's own pause stays").hasSize(1);
    }

    @Test
    void readyLeavesAPauseOfTheAgentsOwnAlone() {
        CallView v = wrapUp();
        h.feed(memberPause("PJSIP/agent1", true, "wrap-up"));
        h.feed(memberPause("PJSIP/agent1", true, "lunch")); // the agent paused themselves during the wrap-up

        assertThat(h.tracker.ready("agent1", v.endedAt().plusSeconds(10))).isEqualTo(ConsoleResult.OK);

        assertThat(h.pbx.pauses).containsExactly(PAUSE1);
    }

    @Test
    void aRestoredWrapUpEndsAtTheDeadlineItWasKeptWith() {
        CallView v = wrapUp();
        PbxHarness restarted = new PbxHarness(TrackerSettings.ofSeconds(5, 300));
        Instant deadline = v.endedAt().plusSeconds(120);
        restarted.tracker.restore(v, Map.of("agent1", deadline));

        restarted.tracker.tick(deadline.minusMillis(1));
        assertThat(restarted.pbx.pauses).isEmpty();
        restarted.tracker.tick(deadline.plusSeconds(30));

        assertThat(restarted.pbx.pauses).containsExactly(UNPAUSE1);
        CallView after = restarted.call(id);
        assertThat(after.stages()).filteredOn(s -> s.stage() == Stage.WRAP_UP).singleElement()
                .satisfies(s -> assertThat(s.leftAt()).isEqualTo(deadline));
        assertThat(after.timeline()).extracting(CallView.TimelineEntry::type).contains("wrap-up-maximum");
    }
}
