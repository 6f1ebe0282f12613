package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.Flag;
import io.cuecard.pbx.PbxHarness;
import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's calls, read over TCP and tracked as Cuecard tracks them (issue 10, item 9): a follow-up call's
 * customer number is the number dialled (the simulated customer channel shows the endpoint's own caller ID, as trace f
 * does), a busy customer rejected the call ({@code hangupBy: customer}), and a blind transfer to the queue's extension
 * names the queue.
 */
class SimulatedCallsTrackedTest {

    private PbxSimulator pbx;
    private RawAmiClient client;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults().withTraffic(6, 0.2, 0.2, 0.05, 1));
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void anAnsweredFollowUpCallNamesTheNumberDialled() throws IOException {
        List<AmiPacket> events = record(p -> p.outboundCall("PJSIP/agent1", "030777001", "followup-42").customerHangsUp());
        assertThat(events).filteredOn(e -> "Newchannel".equals(e.event()) && e.get("Channel").startsWith("PJSIP/customer-"))
                .singleElement().satisfies(e -> assertThat(e.get("CallerIDNum")).isEqualTo("+4930123456"));

        CallView v = tracked(events);
        assertThat(v.customerNumber()).isEqualTo("030777001");
        assertThat(v.outcome()).isEqualTo("answered");
        assertThat(v.hangupBy()).isEqualTo("customer");
    }

    @Test
    void aBusyCustomerRejectedTheCall() throws IOException {
        List<AmiPacket> events = record(p -> p.outboundCall("PJSIP/agent1", "030777002", "followup-42", OutboundOutcome.BUSY));

        CallView v = tracked(events);
        assertThat(v.outcome()).isEqualTo("busy");
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(v.customerNumber()).isEqualTo("030777002");
    }

    @Test
    void aBlindTransferToTheQueueExtensionNamesTheQueue() throws IOException {
        List<AmiPacket> events = record(p -> {
            SimulatedCall call = p.inboundCall("+4930777003", "service").ringAgent("PJSIP/agent1").answer();
            transfer(call.agentChannel(), "100");
            call.ringAgent("PJSIP/agent2").answer().customerHangsUp();
        });

        CallView v = tracked(events);
        assertThat(v.transfers()).singleElement().satisfies(t -> {
            assertThat(t.to()).as("extension 100 is the service queue").isEqualTo("service");
            assertThat(t.answered()).isTrue();
        });
        assertThat(v.flags()).filteredOn(f -> f.rule().equals("transfer-without-consent")).singleElement()
                .extracting(Flag::detail).asString().contains("transfer to service ").doesNotContain(" 100 ");
        assertThat(v.agents()).containsExactly("agent1", "agent2");
    }

    private void transfer(String channel, String exten) {
        try {
            client.send("Action", "BlindTransfer", "ActionID", "transfer", "Channel", channel, "Exten", exten, "Context", "agents");
            assertThat(client.awaitResponse("transfer").get("Message")).isEqualTo("Transfer succeeded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CallView tracked(List<AmiPacket> events) {
        return new PbxHarness().feed(events).onlyCall();
    }

    private List<AmiPacket> record(Consumer<PbxSimulator> scenario) throws IOException {
        try (RawAmiClient recorder = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client = recorder;
            client.send("Action", "Ping", "ActionID", "ready");
            client.awaitResponse("ready");
            scenario.accept(pbx);
            client.send("Action", "Ping", "ActionID", "done");
            client.awaitResponse("done");
            return client.events().stream().filter(e -> !"FullyBooted".equals(e.event())).toList();
        }
    }
}
