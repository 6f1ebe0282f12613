package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call-control actions (Hangup, Redirect, BlindTransfer, Atxfer, Originate outcomes) and the supervisor leg. */
class CallControlActionsTest {

    private PbxSimulator pbx;
    private RawAmiClient client;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults().withTraffic(6, 0.2, 0.2, 0.05, 3));
        client = RawAmiClient.loggedIn(pbx.port(), "on");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        pbx.close();
    }

    private AmiPacket act(String id, String... keyValues) throws IOException {
        String[] all = new String[keyValues.length + 2];
        all[0] = "ActionID";
        all[1] = id;
        System.arraycopy(keyValues, 0, all, 2, keyValues.length);
        client.send(all);
        return client.awaitResponse(id);
    }

    @Test
    void hangupEndsTheCallFromEitherSide() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4930").ringAgent("PJSIP/agent1").answer();
        AmiPacket reply = act("h1", "Action", "Hangup", "Channel", call.agentChannel());
        assertThat(reply.get("Message")).isEqualTo("Channel Hungup");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.ENDED);
        assertThat(act("h2", "Action", "Hangup", "Channel", "PJSIP/agent1-deadbeef").get("Message")).isEqualTo("No such channel");
        SimulatedCall waiting = pbx.inboundCall("+4931");
        act("h3", "Action", "Hangup", "Channel", waiting.customerChannel());
        assertThat(client.events()).anyMatch(e -> "QueueCallerAbandon".equals(e.event()));
    }

    @Test
    void blindTransferToTheQueueExtensionQueuesTheCallerAgain() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4932").ringAgent("PJSIP/agent1").answer();
        String firstAgent = call.agentChannel();
        AmiPacket blind = act("q", "Action", "BlindTransfer", "Channel", firstAgent, "Exten", "100", "Context", "agents");
        assertThat(blind.get("Message")).isEqualTo("Transfer succeeded");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.QUEUED);
        assertThat(call.agentChannel()).isNull();
        assertThat(pbx.liveChannels()).doesNotContain(firstAgent);

        call.ringAgent("PJSIP/agent2").answer();
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.CONNECTED);
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        client.await(e -> "AgentConnect".equals(e.event()) && "PJSIP/agent2".equals(e.get("Interface")), Duration.ofSeconds(5));
        assertThat(client.events()).filteredOn(e -> "QueueCallerJoin".equals(e.event())).hasSize(2);
        assertThat(client.events()).anyMatch(e -> "BlindTransfer".equals(e.event()) && "100".equals(e.get("Extension")));
        call.customerHangsUp();
    }

    @Test
    void blindTransferRedirectAndAtxferActions() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4930").ringAgent("PJSIP/agent1").answer();
        AmiPacket blind = act("b", "Action", "BlindTransfer", "Channel", call.agentChannel(), "Exten", "202", "Context", "agents");
        assertThat(blind.get("Message")).isEqualTo("Transfer succeeded");
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        call.answer();

        AmiPacket redirect = act("r", "Action", "Redirect", "Channel", call.customerChannel(), "Exten", "201", "Context", "agents",
                "Priority", "1");
        assertThat(redirect.get("Message")).isEqualTo("Redirect successful");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.RINGING);
        call.answer();

        AmiPacket atxfer = act("a", "Action", "Atxfer", "Channel", call.agentChannel(), "Exten", "202", "Context", "agents");
        assertThat(atxfer.get("Message")).isEqualTo("Atxfer successfully queued");
        client.await(p -> "AttendedTransfer".equals(p.event()), Duration.ofSeconds(2));
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.CONNECTED);

        assertThat(act("bad", "Action", "BlindTransfer", "Channel", call.agentChannel(), "Exten", "999").get("Response")).isEqualTo("Error");
        call.customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void originateOutcomesAndRefusals() throws IOException {
        assertThat(act("o0", "Action", "Originate", "Channel", "PJSIP/stranger", "Exten", "0301").get("Response")).isEqualTo("Error");
        pbx.setOriginateOutcome(OutboundOutcome.AGENT_NO_ANSWER);
        act("o1", "Action", "Originate", "Channel", "PJSIP/agent1", "Exten", "0301", "Context", "outbound-followup", "Async", "true");
        AmiPacket failure = client.await(p -> "OriginateResponse".equals(p.event()), Duration.ofSeconds(3));
        assertThat(failure.get("ActionID")).isEqualTo("o1");
        assertThat(failure.get("Response")).isEqualTo("Failure");
        pbx.setOriginateOutcome(OutboundOutcome.BUSY);
        act("o2", "Action", "Originate", "Channel", "PJSIP/agent2", "Exten", "0302", "Async", "true");
        client.await(p -> "DialEnd".equals(p.event()) && "BUSY".equals(p.get("DialStatus")), Duration.ofSeconds(3));
    }

    @Test
    void supervisorListensWithChanSpy() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4930").ringAgent("PJSIP/agent1").answer().supervisorListens("PJSIP/supervisor");
        AmiPacket start = client.await(p -> "ChanSpyStart".equals(p.event()), Duration.ofSeconds(2));
        assertThat(start.get("SpyeeChannel")).isEqualTo(call.agentChannel());
        assertThat(start.get("SpyerChannel")).startsWith("PJSIP/supervisor-");
        call.customerHangsUp();
        client.send("Action", "Ping", "ActionID", "p");
        client.awaitResponse("p");
        List<String> names = client.events().stream().map(AmiPacket::event).toList();
        assertThat(names).containsSubsequence("ChanSpyStart", "ChanSpyStop", "Hangup", "Hangup", "Hangup");
        assertThat(pbx.liveChannels()).isEmpty();
    }
}
