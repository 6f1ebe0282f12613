package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted calls produce the events of the real Asterisk 22 traces: the same milestone events in the same order, the
 * same number of each call event, and the same header names per event type.
 */
class ScriptedCallTraceTest {

    /** Events whose relative order is stable across real calls of a kind. */
    static final Set<String> MILESTONES = Set.of("Newchannel", "QueueCallerJoin", "AgentCalled", "DialBegin", "DialEnd",
            "QueueCallerLeave", "MixMonitorStart", "AgentConnect", "BridgeCreate", "BridgeEnter", "Hold", "Unhold", "BlindTransfer",
            "AgentComplete", "BridgeDestroy", "Hangup", "QueueCallerAbandon", "OriginateResponse");
    /** Call events whose count must match (their exact position varies between real calls). */
    static final Set<String> COUNTED = Set.of("Newstate", "NewConnectedLine", "NewCallerid", "MusicOnHoldStart", "MusicOnHoldStop",
            "DialState", "BridgeLeave", "HangupRequest", "SoftHangupRequest");

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults().withTraffic(6, 0.2, 0.2, 0.05, 1));
        // no Cuecard here ends the agents' wrap-ups: the agents' legs do not pause them (WrapUpHandlerTest tests that)
        pbx.setWrapUpPauseAtHangup(false);
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void inboundAnsweredCustomerHangsUpLikeTraceA() throws IOException {
        List<AmiPacket> events = record(p -> p.inboundCall("+4930123456", "service").ringAgent("PJSIP/agent1").answer().customerHangsUp());
        assertLike(events, "a-inbound-queue-answered-customer-hangup.txt", Set.of());
        AmiPacket complete = only(events, "AgentComplete");
        assertThat(complete.get("Reason")).isEqualTo("caller");
        assertThat(complete.get("MemberName")).isEqualTo("Agent One");
        assertThat(only(events, "QueueCallerJoin").get("Linkedid")).isEqualTo(complete.get("DestLinkedid"));
        assertThat(events.stream().filter(e -> "Newchannel".equals(e.event())).map(e -> e.get("Channel")).toList())
                .satisfiesExactly(c -> assertThat(c).matches("PJSIP/customer-[0-9a-f]{8}"), a -> assertThat(a).matches("PJSIP/agent1-[0-9a-f]{8}"));
    }

    @Test
    void holdAndUnholdLikeTraceB() throws IOException {
        List<AmiPacket> events = record(p -> p.inboundCall("+4930123456").ringAgent("PJSIP/agent1").answer().hold().unhold().customerHangsUp());
        assertLike(events, "b-inbound-hold-unhold.txt", Set.of());
        assertThat(only(events, "Hold").get("Channel")).startsWith("PJSIP/agent1-");
    }

    @Test
    void blindTransferLikeTraceC() throws IOException {
        List<AmiPacket> events = record(p -> p.inboundCall("+4930123456").ringAgent("PJSIP/agent1").answer().blindTransfer("202").answer()
                .customerHangsUp());
        // the recorded phone sent a stray Unhold right before its REFER; the simulated transfer has no hold to end
        assertLike(events, "c-blind-transfer-agent1-to-agent2.txt", Set.of("Unhold"));
        AmiPacket transfer = only(events, "BlindTransfer");
        assertThat(transfer.get("Extension")).isEqualTo("202");
        assertThat(transfer.get("TransfererChannel")).startsWith("PJSIP/agent1-");
        assertThat(only(events, "AgentComplete").get("Reason")).isEqualTo("transfer");
        Set<String> linkedids = new HashSet<>();
        events.stream().filter(e -> "Hangup".equals(e.event())).forEach(e -> linkedids.add(e.get("Linkedid")));
        assertThat(linkedids).hasSize(1);
    }

    @Test
    void callerAbandonsLikeTraceE() throws IOException {
        List<AmiPacket> events = record(p -> p.inboundCall("+4930123456").ringAgent("PJSIP/agent1").abandon());
        assertLike(events, "e-caller-abandons-in-queue.txt", Set.of());
        assertThat(events.stream().filter(e -> "DialEnd".equals(e.event())).map(e -> e.get("DialStatus")))
                .containsExactly("CANCEL", "CANCEL");
    }

    @Test
    void originateLikeTraceF() throws IOException {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "Originate", "ActionID", "originate-2", "Channel", "PJSIP/agent1", "Context", "outbound-followup",
                    "Exten", "030123456", "Priority", "1", "Async", "true", "Variable", "CAMPAIGN=followup-42", "Variable", "AGENT=agent1");
            assertThat(client.awaitResponse("originate-2").get("Message")).isEqualTo("Originate successfully queued");
            client.await(p -> "Hangup".equals(p.event()) && p.get("Channel").startsWith("PJSIP/agent1-"), Duration.ofSeconds(5));
            List<AmiPacket> events = withoutFullyBooted(client.events());
            assertLike(events, "f-outbound-originate-agent1-to-customer.txt", Set.of());
            AmiPacket response = only(events, "OriginateResponse");
            assertThat(response.get("ActionID")).isEqualTo("originate-2");
            assertThat(response.get("Response")).isEqualTo("Success");
            assertThat(response.get("Reason")).isEqualTo("4");
            assertThat(events.stream().filter(e -> "VarSet".equals(e.event())).map(e -> e.get("Variable") + "=" + e.get("Value")))
                    .contains("CAMPAIGN=followup-42", "AGENT=agent1");
        }
    }

    @Test
    void scriptedOutboundCallMatchesTraceFToo() throws IOException {
        List<AmiPacket> events = record(p -> p.outboundCall("PJSIP/agent1", "030123456", "followup-42").customerHangsUp());
        Map<String, Integer> counts = counts(events);
        Map<String, Integer> expected = counts(scenarioEvents("f-outbound-originate-agent1-to-customer.txt"));
        assertThat(counts).isEqualTo(expected);
    }

    @Test
    void outboundOutcomes() throws IOException {
        List<AmiPacket> busy = record(p -> assertThat(p.outboundCall("PJSIP/agent1", "0301", "c", OutboundOutcome.BUSY).phase())
                .isEqualTo(SimulatedCall.Phase.ENDED));
        assertThat(busy.stream().filter(e -> "DialEnd".equals(e.event())).map(e -> e.get("DialStatus"))).containsExactly("ANSWER", "BUSY");
        List<AmiPacket> agentMissed = record(p -> p.outboundCall("PJSIP/agent2", "0302", "c", OutboundOutcome.AGENT_NO_ANSWER));
        assertThat(only(agentMissed, "OriginateResponse").get("Response")).isEqualTo("Failure");
        assertThat(count(agentMissed, "Newchannel")).isEqualTo(1);
        List<AmiPacket> noAnswer = record(p -> p.outboundCall("PJSIP/agent1", "0303", "c", OutboundOutcome.NO_ANSWER));
        assertThat(noAnswer.stream().filter(e -> "DialEnd".equals(e.event())).map(e -> e.get("DialStatus"))).containsExactly("ANSWER", "NOANSWER");
        assertThat(count(noAnswer, "Hangup")).isEqualTo(2);
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void agentHangsUpFirstAndAttendedTransfer() throws IOException {
        List<AmiPacket> agentFirst = record(p -> p.inboundCall("+4930").ringAgent("PJSIP/agent2").answer().agentHangsUp());
        assertThat(only(agentFirst, "AgentComplete").get("Reason")).isEqualTo("agent");
        assertThat(agentFirst.stream().filter(e -> "Hangup".equals(e.event())).map(e -> e.get("Channel")).toList())
                .satisfiesExactly(a -> assertThat(a).startsWith("PJSIP/agent2-"), c -> assertThat(c).startsWith("PJSIP/customer-"));

        List<AmiPacket> attended = record(p -> p.inboundCall("+4931").ringAgent("PJSIP/agent1").answer()
                .attendedTransfer("PJSIP/agent2", true).customerHangsUp());
        List<String> names = attended.stream().map(AmiPacket::event).toList();
        assertThat(names).containsSubsequence("LocalOptimizationBegin", "LocalOptimizationEnd", "AttendedTransfer", "AgentComplete");
        assertThat(only(attended, "AttendedTransfer").get("TransferTargetChannel")).startsWith("PJSIP/agent2-");
        assertThat(attended.stream().filter(e -> "Newchannel".equals(e.event())).map(e -> e.get("Channel")))
                .anyMatch(c -> c.matches("Local/202@agents-[0-9a-f]{8};1"));
        assertThat(count(attended, "BridgeEnter")).isEqualTo(count(attended, "BridgeLeave"));
        assertThat(count(attended, "Newchannel")).isEqualTo(count(attended, "Hangup"));

        List<AmiPacket> aborted = record(p -> p.inboundCall("+4932").ringAgent("PJSIP/agent1").answer()
                .attendedTransfer("PJSIP/agent2", false).customerHangsUp());
        assertThat(count(aborted, "AttendedTransfer")).isZero();
        assertThat(only(aborted, "AgentComplete").get("Reason")).isEqualTo("caller");
        assertThat(pbx.liveChannels()).isEmpty();
    }

    @Test
    void pausedAgentsAreNotOfferedCalls() {
        pbx.pauseAgent("PJSIP/agent1", true, "lunch");
        SimulatedCall call = pbx.inboundCall("+4933");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.ringAgent("PJSIP/agent1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("paused");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.QUEUED);
        call.ringAgent("PJSIP/agent2").answer().customerHangsUp();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private List<AmiPacket> record(Consumer<PbxSimulator> scenario) throws IOException {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "Ping", "ActionID", "ready");
            client.awaitResponse("ready");
            scenario.accept(pbx);
            client.send("Action", "Ping", "ActionID", "done");
            client.awaitResponse("done");
            return withoutFullyBooted(client.events());
        }
    }

    private static List<AmiPacket> withoutFullyBooted(List<AmiPacket> events) {
        return events.stream().filter(e -> !"FullyBooted".equals(e.event())).toList();
    }

    static List<AmiPacket> scenarioEvents(String file) throws IOException {
        return AmiTrace.read(AmiTrace.sharedTraceDir().resolve(file)).scenarioPackets().stream()
                .filter(AmiPacket::isEvent).filter(e -> !"FullyBooted".equals(e.event())).toList();
    }

    private static void assertLike(List<AmiPacket> events, String file, Set<String> notSimulated) throws IOException {
        List<AmiPacket> recorded = scenarioEvents(file).stream().filter(e -> !notSimulated.contains(e.event())).toList();
        assertThat(milestones(events)).as("milestone order vs " + file).isEqualTo(milestones(recorded));
        assertThat(counts(events)).as("event counts vs " + file).isEqualTo(counts(recorded));
        Map<String, Set<String>> union = new HashMap<>();
        Map<String, Set<String>> common = new HashMap<>();
        for (AmiPacket e : recorded) {
            Set<String> keys = keys(e);
            union.computeIfAbsent(e.event(), k -> new HashSet<>()).addAll(keys);
            common.computeIfAbsent(e.event(), k -> new HashSet<>(keys)).retainAll(keys);
        }
        for (AmiPacket e : events) {
            if (union.containsKey(e.event())) {
                assertThat(union.get(e.event())).as("headers of " + e.event() + " vs " + file).containsAll(keys(e));
                assertThat(keys(e)).as("headers of " + e.event() + " vs " + file).containsAll(common.get(e.event()));
            }
        }
    }

    private static Set<String> keys(AmiPacket e) {
        Set<String> keys = new HashSet<>();
        e.headers().forEach(h -> keys.add(h.key()));
        return keys;
    }

    private static List<String> milestones(List<AmiPacket> events) {
        return events.stream().map(AmiPacket::event).filter(MILESTONES::contains).toList();
    }

    private static Map<String, Integer> counts(List<AmiPacket> events) {
        Map<String, Integer> counts = new TreeMap<>();
        for (AmiPacket e : events) {
            if (MILESTONES.contains(e.event()) || COUNTED.contains(e.event())) {
                counts.merge(e.event(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int count(List<AmiPacket> events, String name) {
        return (int) events.stream().filter(e -> name.equals(e.event())).count();
    }

    private static AmiPacket only(List<AmiPacket> events, String name) {
        List<AmiPacket> matching = events.stream().filter(e -> name.equals(e.event())).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }
}
