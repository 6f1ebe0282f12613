package io.cuecard.pbx;

import static io.cuecard.pbx.Packets.agent;
import static io.cuecard.pbx.Packets.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.Stage;
import io.cuecard.pbx.Packets.Ch;
import io.cuecard.pbx.trace.AmiPacket;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 6: calls that end while Cuecard cannot see the PBX (the AMI link is down, or Cuecard is not running
 * and restarts) are logged with what is known: {@code endedAfter} (the last moment the call was seen up: the link
 * loss, or the last PBX event Cuecard received for it), {@code endedBefore} (the resync that found it gone), talk and
 * hold time counted to {@code endedAfter}, {@code hangupBy: system}, flag {@code ended-while-disconnected}; and a caller
 * still waiting in the queue after a restart gets the wait from {@code QueueStatus} (the {@code QueueEntry}'s
 * {@code Wait}). The link-cut case against the simulator over TCP is {@link EndedWhileDisconnectedSimulatorTest}.
 */
class EndedWhileDisconnectedTest {

    static final String B1 = "bridge-1";

    final Packets p = new Packets();
    final Ch cust = customer("1800000000.60");
    final Ch a1 = agent(1, "1800000000.61", cust.linkedId);

    private static long seconds(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMillis() / 1000.0);
    }

    private static StageEntry last(CallView v, Stage stage) {
        return v.stages().stream().filter(s -> s.stage() == stage).reduce((a, b) -> b).orElseThrow();
    }

    private static ManagerEvent event(PbxHarness h, String... kv) {
        return h.amiEvents.toEvent(AmiPacket.of(kv), PbxHarness.T0);
    }

    @Test
    void aCallThatEndsDuringALinkCutEndedBetweenTheLossAndTheResync() {
        PbxHarness h = new PbxHarness();
        p.inboundAnswered(cust, a1, B1);
        p.after(3).hold(a1);
        h.feed(p.packets);
        Instant answeredAt = h.call(cust.linkedId).answeredAt();
        Instant lostAt = p.now().plusSeconds(1);
        h.apply(h.translator.linkLost(lostAt));
        Instant resyncAt = lostAt.plusSeconds(17);     // the customer hung up meanwhile: the lists do not show the call
        h.apply(h.translator.resync(List.of(), List.of(), resyncAt));

        CallView logged = h.call(cust.linkedId);
        assertThat(logged.endedAfter()).isEqualTo(lostAt);
        assertThat(logged.endedBefore()).isEqualTo(resyncAt);
        assertThat(logged.endedAt()).isEqualTo(lostAt);
        assertThat(logged.talkSeconds()).isEqualTo(seconds(answeredAt, lostAt));
        assertThat(logged.holdSeconds()).isEqualTo(1);
        assertThat(logged.hangupBy()).isEqualTo("system");
        assertThat(logged.outcome()).isEqualTo("answered");
        assertThat(logged.flags()).extracting(CallView.Flag::rule).contains("ended-while-disconnected", "link-lost");
        assertThat(logged.flags()).filteredOn(f -> f.rule().equals("ended-while-disconnected")).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains(lostAt.toString(), resyncAt.toString()));
        // the call ended somewhere in the window; the agent's wrap-up begins when Cuecard knows it is over
        assertThat(last(logged, Stage.ENDED).enteredAt()).isEqualTo(lostAt);
        assertThat(last(logged, Stage.ENDED).leftAt()).isEqualTo(resyncAt);
        assertThat(last(logged, Stage.WRAP_UP).enteredAt()).isEqualTo(resyncAt);
        assertThat(logged.stage()).isEqualTo(Stage.WRAP_UP);
    }

    @Test
    void aCallThatEndsWhileCuecardIsNotRunningEndedAfterItsLastEventNotAtTheRestart() {
        PbxHarness before = new PbxHarness();
        p.inboundAnswered(cust, a1, B1);
        p.after(2).hold(a1);
        p.after(2).unhold(a1);                           // the last event Cuecard receives for the call
        before.feed(p.packets);
        Instant lastEvent = p.now();
        CallView live = before.call(cust.linkedId);      // as the call log has it when Cuecard is killed
        assertThat(live.live()).isTrue();
        assertThat(live.timeline().stream().map(TimelineEntry::at).max(Comparator.naturalOrder())).contains(lastEvent);

        PbxHarness restarted = new PbxHarness();
        restarted.tracker.restore(live);
        Instant resyncAt = lastEvent.plusSeconds(21);   // Cuecard is back; the customer hung up meanwhile
        restarted.apply(restarted.translator.resync(List.of(), List.of(), resyncAt));

        CallView logged = restarted.call(cust.linkedId);
        assertThat(logged.endedAfter()).isEqualTo(lastEvent);
        assertThat(logged.endedBefore()).isEqualTo(resyncAt);
        assertThat(logged.endedAt()).isEqualTo(lastEvent);
        assertThat(logged.talkSeconds()).as("talk counted to the last moment seen up, not to the restart")
                .isEqualTo(seconds(live.answeredAt(), lastEvent)).isLessThan(10);
        assertThat(logged.hangupBy()).isEqualTo("system");
        assertThat(logged.flags()).extracting(CallView.Flag::rule).contains("ended-while-disconnected");
        assertThat(last(logged, Stage.WRAP_UP).enteredAt()).isEqualTo(resyncAt);
    }

    @Test
    void aCallerStillQueuedAfterARestartGetsTheWaitFromQueueStatus() {
        // the caller of the recorded QueueStatus reply (action-QueueStatus-caller-waiting.txt: Wait 1)
        Ch caller = new Ch("PJSIP/customer-0000000a", "1795367337.12", "1795367337.12", "+4930123456", "from-customer", "100");
        Ch agent = agent(1, "1795367337.13", caller.linkedId);
        PbxHarness before = new PbxHarness();
        p.newchannel(caller, 4);
        p.state(caller, 6);
        p.queueJoin(caller, "service");
        p.musicOnHold(caller, true);
        before.feed(p.packets);
        p.packets.clear();
        CallView queued = before.call(caller.linkedId);
        assertThat(queued.stage()).isEqualTo(Stage.RINGING);
        assertThat(queued.waitSeconds()).isNull();

        PbxHarness restarted = new PbxHarness();
        restarted.tracker.restore(queued);
        p.after(30);                                     // Cuecard is back 30 s later: the PBX says the caller waits since 1 s
        Instant resyncAt = p.now();
        ManagerEvent shown = event(restarted, "Event", "CoreShowChannel", "Channel", caller.channel, "ChannelState", "6",
                "ChannelStateDesc", "Up", "CallerIDNum", caller.callerNum, "Uniqueid", caller.uniqueId,
                "Linkedid", caller.linkedId, "Application", "Queue", "ApplicationData", "service,t,,,300,,sub-record",
                "Duration", "00:00:31");
        List<ManagerEvent> queueStatus = restarted.amiEvents.toEvents(
                PbxHarness.trace("action-QueueStatus-caller-waiting.txt").packets(), PbxHarness.T0);
        restarted.apply(restarted.translator.resync(List.of(shown), queueStatus, resyncAt));
        assertThat(restarted.call(caller.linkedId).live()).isTrue();

        p.newchannel(agent, 0);
        p.agentCalled(caller, agent, "PJSIP/agent1");
        p.dialBegin(caller, agent, "PJSIP/agent1");
        p.after(2).state(agent, 6);
        p.dialEnd(caller, agent, "ANSWER");
        p.musicOnHold(caller, false);
        p.queueLeave(caller, "service");
        Instant leftQueue = p.now();
        p.agentConnect(caller, agent, "PJSIP/agent1");
        p.bridgeEnter(agent, B1, 1, null);
        p.bridgeEnter(caller, B1, 2, null);
        restarted.feed(p.packets);

        CallView answered = restarted.call(caller.linkedId);
        assertThat(answered.agents()).containsExactly("agent1");
        assertThat(answered.stage()).isEqualTo(Stage.GREETING);
        assertThat(answered.waitSeconds()).as("the QueueEntry's Wait (1 s) plus the time since the resync")
                .isEqualTo(seconds(resyncAt.minusSeconds(1), leftQueue));
        assertThat(answered.endedAfter()).isNull();
        assertThat(answered.flags()).extracting(CallView.Flag::rule).doesNotContain("ended-while-disconnected", "link-lost");
    }
}
