package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blind transfer to an agent, asked for with the AMI BlindTransfer action as Cuecard's console does: answered, the
 * simulated colleague takes the customer and the call ends in its own time; unanswered, the PBX rings the colleague for
 * the transfer ring time and then gives the customer back as asterisk-config's {@code sub-transfer-target} does (Dial
 * from the customer's channel, DialEnd NOANSWER, then Dial of the transferring agent, or Queue with QUEUE_PRIO).
 */
class BlindTransferToAgentTest {

    private PbxSimulator pbx;
    private RawAmiClient client;

    private void start(SimulatorSettings settings) throws IOException {
        pbx = PbxSimulator.start(settings);
        client = RawAmiClient.loggedIn(pbx.port(), "on");
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    private AmiPacket blindTransfer(SimulatedCall call, String extension) throws IOException {
        String id = "bt-" + call.linkedid();
        client.send("Action", "BlindTransfer", "ActionID", id, "Channel", call.agentChannel(), "Exten", extension, "Context", "agents");
        return client.awaitResponse(id);
    }

    /** The events of the call's channels (any {@code …Linkedid} header naming it: BlindTransfer has TransfererLinkedid …). */
    private List<AmiPacket> eventsOf(SimulatedCall call) {
        String linkedid = call.linkedid();
        return client.events().stream()
                .filter(e -> e.headers().stream().anyMatch(h -> h.key().endsWith("Linkedid") && linkedid.equals(h.value())))
                .toList();
    }

    /** Waits until the client has received the hangup of the call's customer (the call's last event). */
    private void awaitCustomerHangup(SimulatedCall call) {
        client.await(e -> "Hangup".equals(e.event()) && call.customerChannel().equals(e.get("Channel")), Duration.ofSeconds(5));
    }

    private long count(SimulatedCall call, String event) {
        return eventsOf(call).stream().filter(e -> event.equals(e.event())).count();
    }

    @Test
    void anAnsweredTransferCompletesAndTheColleagueIsFreeForTheNextCall() throws Exception {
        // generated traffic plays the agents' phones; its own callers arrive too seldom to matter here
        start(SimulatorSettings.defaults().withTraffic(6, 0.3, 0.3, 0.1, 11));
        pbx.startTraffic(0.0001);
        SimulatedCall call = pbx.inboundCall("+4930400001").ringAgent("PJSIP/agent1").answer();

        assertThat(blindTransfer(call, "202").get("Message")).isEqualTo("Transfer succeeded");
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");

        call.ended().get(10, TimeUnit.SECONDS);
        awaitCustomerHangup(call);
        List<AmiPacket> events = eventsOf(call);
        assertThat(events).anyMatch(e -> "DialEnd".equals(e.event()) && "ANSWER".equals(e.get("DialStatus"))
                && e.get("DestChannel").startsWith("PJSIP/agent2-"));
        assertThat(events).anyMatch(e -> "BridgeEnter".equals(e.event()) && e.get("Channel").startsWith("PJSIP/agent2-"));
        assertThat(events).noneMatch(e -> "DialEnd".equals(e.event()) && "NOANSWER".equals(e.get("DialStatus")));
        assertThat(pbx.liveChannels()).isEmpty();

        SimulatedCall next = pbx.inboundCall("+4930400002").ringAgent("PJSIP/agent2");
        assertThat(next.phase()).as("agent2's phone is free again").isEqualTo(SimulatedCall.Phase.RINGING);
        next.answer().customerHangsUp();
        pbx.stopTraffic().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnansweredTransferRingsForTheTransferRingTimeThenTheTransferringAgentAgainThenTheHeadOfTheQueue() throws Exception {
        start(SimulatorSettings.defaults().withTraffic(6, 0.3, 0.3, 0.1, 12).withTransferRingSeconds(1));
        SimulatedCall call = pbx.inboundCall("+4930400003").ringAgent("PJSIP/agent1").answer();
        String agent1First = call.agentChannel();
        SimulatedCall waiting = pbx.inboundCall("+4930400004");

        long sent = System.nanoTime();
        blindTransfer(call, "202");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.RINGING);
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        AmiPacket noAnswer = client.await(e -> "DialEnd".equals(e.event()) && "NOANSWER".equals(e.get("DialStatus")), Duration.ofSeconds(5));
        assertThat(System.nanoTime() - sent).as("rung for the transfer ring time").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
        assertThat(noAnswer.get("Channel")).as("Dial runs on the customer's channel").isEqualTo(call.customerChannel());
        assertThat(noAnswer.get("DestChannel")).startsWith("PJSIP/agent2-");

        // back to agent1, whose phone is free: a new agent1 channel rings, dialled from the customer's channel
        await().atMost(Duration.ofSeconds(2)).until(() -> "PJSIP/agent1".equals(call.agentInterface()));
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.RINGING);
        String agent1Again = call.agentChannel();
        assertThat(agent1Again).startsWith("PJSIP/agent1-").isNotEqualTo(agent1First);
        client.await(e -> "DialBegin".equals(e.event()) && agent1Again.equals(e.get("DestChannel"))
                && call.customerChannel().equals(e.get("Channel")), Duration.ofSeconds(5));
        List<String> milestones = eventsOf(call).stream().map(AmiPacket::event)
                .filter(e -> List.of("BlindTransfer", "DialBegin", "DialEnd", "Hangup", "QueueCallerJoin").contains(e)).toList();
        assertThat(milestones).containsSubsequence("BlindTransfer", "Hangup", "DialBegin", "DialEnd", "Hangup", "DialBegin");
        assertThat(eventsOf(call)).anyMatch(e -> "VarSet".equals(e.event()) && "BLINDTRANSFER".equals(e.get("Variable"))
                && call.customerChannel().equals(e.get("Channel")) && agent1First.equals(e.get("Value")));

        // agent1 lets it ring out too: the customer waits in the queue, ahead of the caller who was waiting already
        await().atMost(Duration.ofSeconds(5)).until(() -> count(call, "QueueCallerJoin") == 2);
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.QUEUED);
        assertThat(count(call, "DialEnd")).as("queue ring, agent2, agent1").isEqualTo(3);
        List<AmiPacket> joins = eventsOf(call).stream().filter(e -> "QueueCallerJoin".equals(e.event())).toList();
        assertThat(joins).hasSize(2);
        assertThat(joins.get(1).get("Position")).isEqualTo("1");
        assertThat(eventsOf(call)).anyMatch(e -> "VarSet".equals(e.event()) && "QUEUE_PRIO".equals(e.get("Variable")));
        client.send("Action", "QueueStatus", "ActionID", "qs");
        AmiPacket first = client.await(e -> "QueueEntry".equals(e.event()) && "qs".equals(e.get("ActionID")), Duration.ofSeconds(5));
        assertThat(first.get("Channel")).isEqualTo(call.customerChannel());
        assertThat(first.get("Position")).isEqualTo("1");
        assertThat(first.get("Priority")).isEqualTo("10");

        call.ringAgent("PJSIP/agent2").answer().customerHangsUp();
        waiting.customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void anUnansweredTransferQueuesTheCustomerFirstWhenTheTransferringAgentIsOnAnotherCall() throws Exception {
        start(SimulatorSettings.defaults().withTraffic(6, 0.3, 0.3, 0.1, 13));
        SimulatedCall call = pbx.inboundCall("+4930400005").ringAgent("PJSIP/agent1").answer();
        SimulatedCall waiting = pbx.inboundCall("+4930400006");
        blindTransfer(call, "202");
        SimulatedCall other = pbx.inboundCall("+4930400007");
        // the queue rings agent1 for the next caller while agent2 rings for the transferred one (agent1 closed the
        // wrap-up its transfer began at once: asterisk-config's hangup handler paused it, issue 10 item 5)
        pbx.pauseAgent("PJSIP/agent1", false, null);
        other.ringAgent("PJSIP/agent1").answer();

        call.noAnswer();
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.QUEUED);
        AmiPacket rejoined = client.await(e -> "QueueCallerJoin".equals(e.event()) && call.customerChannel().equals(e.get("Channel"))
                && "1".equals(e.get("Position")) && "2".equals(e.get("Count")), Duration.ofSeconds(5));
        assertThat(rejoined.get("Queue")).isEqualTo("service");
        assertThat(eventsOf(call).stream().filter(e -> "DialBegin".equals(e.event()) && e.get("DestChannel").startsWith("PJSIP/agent1-")))
                .as("agent1 was rung by the queue only, not rung back while on the other call").hasSize(1);

        waiting.customerHangsUp();
        other.customerHangsUp();
        pbx.pauseAgent("PJSIP/agent1", false, null); // Ready after the other call's wrap-up
        call.ringAgent("PJSIP/agent1").answer().customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void withTrafficAColleagueInWrapUpLetsItRingAndTheTransferringAgentTakesTheCustomerBack() throws Exception {
        start(SimulatorSettings.defaults().withTraffic(6, 0.3, 0.3, 0.1, 15).withTransferRingSeconds(0.5));
        pbx.startTraffic(0.0001);
        pbx.pauseAgent("PJSIP/agent2", true, "wrap-up");
        SimulatedCall call = pbx.inboundCall("+4930400009").ringAgent("PJSIP/agent1").answer();

        blindTransfer(call, "202");
        call.ended().get(10, TimeUnit.SECONDS);
        awaitCustomerHangup(call);
        List<AmiPacket> events = eventsOf(call);
        assertThat(events).anyMatch(e -> "DialEnd".equals(e.event()) && "NOANSWER".equals(e.get("DialStatus"))
                && e.get("DestChannel").startsWith("PJSIP/agent2-"));
        assertThat(events).anyMatch(e -> "DialEnd".equals(e.event()) && "ANSWER".equals(e.get("DialStatus"))
                && e.get("DestChannel").startsWith("PJSIP/agent1-") && call.customerChannel().equals(e.get("Channel")));
        assertThat(events.stream().filter(e -> "BridgeEnter".equals(e.event()) && e.get("Channel").startsWith("PJSIP/agent1-")))
                .as("agent1 before the transfer and after the customer came back").hasSize(2);
        assertThat(pbx.liveChannels()).isEmpty();
        pbx.stopTraffic().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPhoneThatRejectsTheTransferGivesTheCustomerBackToo() throws Exception {
        start(SimulatorSettings.defaults().withTraffic(6, 0.3, 0.3, 0.1, 14));
        SimulatedCall call = pbx.inboundCall("+4930400008").ringAgent("PJSIP/agent1").answer();
        call.blindTransfer("202").agentHangsUp();
        client.await(e -> "DialEnd".equals(e.event()) && "BUSY".equals(e.get("DialStatus")), Duration.ofSeconds(5));
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.RINGING);
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent1");
        call.answer();
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.CONNECTED);
        call.customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }
}
