package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's consultation (issue 10, item 8: the AMI Atxfer with {@link PbxSimulator#setAtxferConsults}) produces
 * the call events of the lab's Asterisk 22.10.1 recording g (the console's attended transfer agent1 → 202): from the
 * Hold through the colleague ringing and answering to agent1's hang-up, the bridge merge, AttendedTransfer and the Local
 * channels optimized away, the same events in the same order on the same parties. CancelAtxfer ends the consultation
 * with agent1 back in the customer's bridge.
 */
class ConsultationTraceTest {

    /** The events that tell the consultation's course (the others: variables, CEL, connected line …). */
    static final Set<String> COURSE = Set.of("Hold", "Unhold", "MusicOnHoldStart", "MusicOnHoldStop", "Newchannel", "BridgeCreate",
            "BridgeEnter", "BridgeLeave", "BridgeMerge", "BridgeDestroy", "DialBegin", "DialEnd", "MixMonitorStart", "HangupRequest",
            "SoftHangupRequest", "AttendedTransfer", "AgentComplete", "LocalOptimizationBegin", "LocalOptimizationEnd", "Hangup");

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults());
        pbx.setAtxferConsults(true);
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    /** Who a channel is: customer, agent1, agent2, local1, local2 (empty: no channel). */
    private static String party(String channel) {
        if (channel == null || channel.isEmpty()) {
            return "";
        }
        if (channel.startsWith("Local/")) {
            return channel.endsWith(";1") ? "local1" : "local2";
        }
        String device = channel.contains("-") ? channel.substring(0, channel.lastIndexOf('-')) : channel;
        return device.substring(device.indexOf('/') + 1);
    }

    /** The course from the Hold to the second Local channel's hang-up: "Event party [dest]". */
    private static List<String> course(List<AmiPacket> events) {
        List<String> out = new ArrayList<>();
        boolean on = false;
        for (AmiPacket e : events) {
            if (!e.isEvent() || !COURSE.contains(e.event())) {
                continue;
            }
            on = on || "Hold".equals(e.event());
            if (!on) {
                continue;
            }
            String dest = e.get("DestChannel");
            out.add((e.event() + " " + party(e.get("Channel")) + " " + party(dest)).strip());
            if ("Hangup".equals(e.event()) && "local2".equals(party(e.get("Channel")))) {
                break;
            }
        }
        return out;
    }

    private List<AmiPacket> record(Runnable scenario) throws IOException {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "Ping", "ActionID", "ready");
            client.awaitResponse("ready");
            scenario.run();
            client.send("Action", "Ping", "ActionID", "done");
            client.awaitResponse("done");
            return client.events();
        }
    }

    @Test
    void atxferConsultsTheColleagueAndTheTransferersHangUpCompletesLikeTraceG() throws IOException {
        SimulatedCall[] call = new SimulatedCall[1];
        List<AmiPacket> events = record(() -> {
            call[0] = pbx.inboundCall("+4930123456").ringAgent("PJSIP/agent1").answer();
            call[0].consult("PJSIP/agent2").answerConsultation().completeConsultation(false);
        });
        List<AmiPacket> recorded = ScriptedCallTraceTest.scenarioEvents("g-console-attended-transfer-agent1-to-202.txt");

        assertThat(course(events)).isEqualTo(course(recorded));
        assertThat(call[0].agentInterface()).isEqualTo("PJSIP/agent2");
        assertThat(call[0].consulting()).isFalse();
        call[0].customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void cancelAtxferBringsTheTransfererBackToTheCustomer() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4930123457").ringAgent("PJSIP/agent1").answer();
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "Atxfer", "ActionID", "a", "Channel", call.agentChannel(), "Exten", "202", "Context", "agents");
            assertThat(client.awaitResponse("a").get("Response")).isEqualTo("Success");
            client.await(e -> "DialBegin".equals(e.event()), Duration.ofSeconds(2));
            assertThat(call.consulting()).isTrue();

            client.send("Action", "CancelAtxfer", "ActionID", "c", "Channel", call.agentChannel());
            assertThat(client.awaitResponse("c").get("Message")).isEqualTo("CancelAtxfer successfully queued");
            client.await(e -> "Unhold".equals(e.event()), Duration.ofSeconds(2));
            assertThat(call.consulting()).isFalse();
            assertThat(call.agentInterface()).isEqualTo("PJSIP/agent1");
            assertThat(pbx.liveChannels()).hasSize(2);

            client.send("Action", "CancelAtxfer", "ActionID", "x", "Channel", "PJSIP/nobody-00000000");
            assertThat(client.awaitResponse("x").get("Response")).isEqualTo("Error");
        }
        call.customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void theHangupActionOnTheTransferersChannelCompletesOnceTheColleagueAnswered() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4930123458").ringAgent("PJSIP/agent1").answer();
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            String agent1 = call.agentChannel();
            client.send("Action", "Atxfer", "ActionID", "a", "Channel", agent1, "Exten", "202", "Context", "agents");
            client.awaitResponse("a");
            client.send("Action", "Hangup", "ActionID", "early", "Channel", agent1);
            assertThat(client.awaitResponse("early").get("Response")).as("agent2 has not answered yet").isEqualTo("Error");

            call.answerConsultation();
            client.send("Action", "Hangup", "ActionID", "h", "Channel", agent1);
            assertThat(client.awaitResponse("h").get("Response")).isEqualTo("Success");
            client.await(e -> "AttendedTransfer".equals(e.event()), Duration.ofSeconds(2));
            assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        }
        call.customerHangsUp();
        assertThat(pbx.liveChannels()).isEmpty();
    }
}
