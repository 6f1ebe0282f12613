package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * asterisk-config's wrap-up hangup handler in the simulator (issue 10, item 5): the queue's membergosub pushes it on
 * the agent's leg of an answered queue call ({@code HangupHandlerPush}); when that leg hangs up it runs
 * ({@code HangupHandlerRun}) and pauses the member with reason {@code wrap-up} ({@code QueueMemberPause}) before the
 * leg's {@code Hangup}, so the queue offers that agent no caller until someone un-pauses it.
 */
class WrapUpHandlerTest {

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults());
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void theAgentsLegPausesTheMemberAsItHangsUp() throws IOException {
        SimulatedCall[] waiting = new SimulatedCall[1];
        List<AmiPacket> events = record(p -> {
            SimulatedCall call = p.inboundCall("+4930555").ringAgent("PJSIP/agent1").answer();
            waiting[0] = p.inboundCall("+4930556");
            call.customerHangsUp();
        });

        String agentChannel = only(events, "HangupHandlerPush").get("Channel");
        assertThat(agentChannel).startsWith("PJSIP/agent1-");
        assertThat(only(events, "HangupHandlerPush").get("Handler")).isEqualTo("sub-wrap-up,s,1(PJSIP/agent1)");
        assertThat(only(events, "HangupHandlerRun").get("Channel")).isEqualTo(agentChannel);
        AmiPacket pause = only(events, "QueueMemberPause");
        assertThat(pause.get("Interface")).isEqualTo("PJSIP/agent1");
        assertThat(pause.get("Paused")).isEqualTo("1");
        assertThat(pause.get("PausedReason")).isEqualTo("wrap-up");
        assertThat(pause.get("Privilege")).isEqualTo("agent,all");
        List<String> order = events.stream().map(e -> e.event() + " " + e.get("Channel")).toList();
        assertThat(order).containsSubsequence("MixMonitorStart " + agentChannel, "HangupHandlerPush " + agentChannel,
                "AgentConnect " + only(events, "AgentConnect").get("Channel"), "HangupHandlerRun " + agentChannel,
                "QueueMemberPause null", "Hangup " + agentChannel);
        // app_queue raises QueueMemberPause with the fields of QueueMemberStatus (queue_member_blob_create)
        assertThat(keys(pause)).isEqualTo(keys(events.stream().filter(e -> "QueueMemberStatus".equals(e.event())).findFirst()
                .orElseThrow()));

        assertThat(pbx.pausedReason("PJSIP/agent1")).isEqualTo("wrap-up");
        assertThatThrownBy(() -> waiting[0].ringAgent("PJSIP/agent1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paused");

        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "QueuePause", "ActionID", "ready", "Interface", "PJSIP/agent1", "Paused", "false",
                    "Reason", "wrap-up");
            assertThat(client.awaitResponse("ready").get("Response")).isEqualTo("Success");
        }
        waiting[0].ringAgent("PJSIP/agent1").answer().customerHangsUp();
    }

    @Test
    void onlyAQueueCallsAnsweredAgentLegPauses() throws IOException {
        List<AmiPacket> events = record(p -> {
            p.outboundCall("PJSIP/agent1", "030123456", "followup-42").customerHangsUp();
            p.inboundCall("+4930557").ringAgent("PJSIP/agent2").agentRingNoAnswer().abandon();
        });

        assertThat(events).noneMatch(e -> e.event().startsWith("HangupHandler") || "QueueMemberPause".equals(e.event()));
        assertThat(pbx.pausedReason("PJSIP/agent1")).isNull();
        assertThat(pbx.pausedReason("PJSIP/agent2")).isNull();
    }

    @Test
    void theTransferringAgentsLegPausesToo() throws IOException {
        List<AmiPacket> events = record(p -> p.inboundCall("+4930558").ringAgent("PJSIP/agent1").answer().blindTransfer("202")
                .answer());

        assertThat(only(events, "QueueMemberPause").get("Interface")).isEqualTo("PJSIP/agent1");
        assertThat(pbx.pausedReason("PJSIP/agent1")).isEqualTo("wrap-up");
        assertThat(pbx.pausedReason("PJSIP/agent2")).as("the transfer target's leg is not a queue call's").isNull();
    }

    @Test
    void aRestartLosesThePausesAndTheCalls() throws IOException {
        SimulatedCall call = pbx.inboundCall("+4930559").ringAgent("PJSIP/agent1").answer();
        pbx.pauseAgent("PJSIP/agent2", true, "lunch");

        pbx.restart();

        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.ENDED);
        assertThat(pbx.liveChannels()).isEmpty();
        assertThat(pbx.activeCalls()).isEmpty();
        assertThat(pbx.pausedReason("PJSIP/agent1")).isNull();
        assertThat(pbx.pausedReason("PJSIP/agent2")).isNull();
        pbx.inboundCall("+4930560").ringAgent("PJSIP/agent1").answer().customerHangsUp();
    }

    private List<AmiPacket> record(Consumer<PbxSimulator> scenario) throws IOException {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "Ping", "ActionID", "start");
            client.awaitResponse("start");
            scenario.accept(pbx);
            client.send("Action", "Ping", "ActionID", "done");
            client.awaitResponse("done");
            return client.events().stream().filter(e -> !"FullyBooted".equals(e.event())).toList();
        }
    }

    private static AmiPacket only(List<AmiPacket> events, String name) {
        List<AmiPacket> matching = events.stream().filter(e -> name.equals(e.event())).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }

    private static Set<String> keys(AmiPacket e) {
        Set<String> keys = new HashSet<>();
        e.headers().forEach(h -> keys.add(h.key()));
        keys.remove("Event");
        return keys;
    }
}
