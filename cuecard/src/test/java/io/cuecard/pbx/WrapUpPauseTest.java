package io.cuecard.pbx;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cuecard.call.CallView;
import io.cuecard.call.service.CallService;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent in wrap-up is paused in the queue and stays paused until Ready (issue 10, items 4 and 5), against the
 * simulator over TCP: the agent's leg pauses the member as it hangs up (asterisk-config's hangup handler), so a caller
 * already waiting is not put through before Ready; a PBX restart loses the pause and Cuecard sends it again after the
 * reconnect; a Ready whose un-pause could not be sent (the link was down) un-pauses the agent at the reconnect.
 */
@QuarkusTest
class WrapUpPauseTest {

    @Inject
    CallService calls;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    PbxSimulator sim;
    private int numbers;

    @BeforeEach
    void freeAgents() {
        sim = pbx.simulator(PbxSimulator.class);
        sim.setAccepting(true);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        freeOnceEnded();
    }

    @AfterEach
    void cleanUp() {
        sim.setAccepting(true);
        for (SimulatedCall call : sim.activeCalls()) {
            if (call.phase() == SimulatedCall.Phase.QUEUED) {
                call.abandon();
            } else if (call.phase() != SimulatedCall.Phase.ENDED) {
                call.customerHangsUp();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        freeOnceEnded();
    }

    /** Once Cuecard has seen every call end (their wrap-ups started), ends the wrap-ups and un-pauses both agents. */
    private void freeOnceEnded() {
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCalls().stream().noneMatch(CallView::live));
        FreeAgents.free("agent1", "agent2");
    }

    @Test
    void aCallerWaitingWhenTheCallEndsIsNotPutThroughBeforeReady() {
        sim.pauseAgent("PJSIP/agent2", true, "test: agent1 only"); // the agent's own pause: Cuecard leaves it alone
        SimulatedCall first = answered("PJSIP/agent1");
        SimulatedCall second = sim.inboundCall(number(), "service");

        first.customerHangsUp();

        // the queue offers the waiting caller the moment a member is free: agent1 is not, already paused for wrap-up
        assertThatThrownBy(() -> second.ringAgent("PJSIP/agent1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paused");
        assertThat(sim.pausedReason("PJSIP/agent1")).isEqualTo("wrap-up");
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(first.linkedid())
                .map(c -> c.wrappingUp("agent1")).orElse(false));
        assertThat(sim.pausedReason("PJSIP/agent1")).as("Cuecard's own pause on top changes nothing").isEqualTo("wrap-up");
        assertThatThrownBy(() -> second.ringAgent("PJSIP/agent1")).hasMessageContaining("paused");

        assertThat(calls.ready("agent1").ok()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.pausedReason("PJSIP/agent1") == null);
        second.ringAgent("PJSIP/agent1").answer();

        JsonPath log = ended(first.linkedid());
        assertThat(log.getList("timeline.type", String.class)).contains("ready").doesNotContain("wrap-up-superseded");
        assertThat(sim.pausedReason("PJSIP/agent2")).isEqualTo("test: agent1 only");
    }

    @Test
    void aWrapUpPauseLostInAPbxRestartIsSentAgainAfterTheReconnect() {
        SimulatedCall call = answered("PJSIP/agent1");
        call.customerHangsUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(call.linkedid())
                .map(c -> c.wrappingUp("agent1")).orElse(false));
        long resyncs = link.resyncs();

        sim.restart(); // its first QueueStatus is refused (app_queue still loading): Cuecard reconnects and asks again
        assertThat(sim.pausedReason("PJSIP/agent1")).as("the restart lost the pause").isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> link.resyncs() > resyncs);
        await().atMost(Duration.ofSeconds(10)).until(() -> "wrap-up".equals(sim.pausedReason("PJSIP/agent1")));
        SimulatedCall next = sim.inboundCall(number(), "service");
        assertThatThrownBy(() -> next.ringAgent("PJSIP/agent1")).hasMessageContaining("paused");
        assertThat(sim.pausedReason("PJSIP/agent2")).as("a free agent is not paused").isNull();

        assertThat(calls.ready("agent1").ok()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.pausedReason("PJSIP/agent1") == null);
        next.ringAgent("PJSIP/agent1").answer();
    }

    @Test
    void aReadyWhileThePbxLinkIsDownUnpausesTheAgentAtTheReconnect() {
        SimulatedCall call = answered("PJSIP/agent2");
        call.customerHangsUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(call.linkedid())
                .map(c -> c.wrappingUp("agent2")).orElse(false));
        sim.setAccepting(false);
        sim.dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.connected());

        assertThat(calls.ready("agent2").ok()).isTrue(); // its QueuePause cannot be sent
        assertThat(sim.pausedReason("PJSIP/agent2")).isEqualTo("wrap-up");
        long resyncs = link.resyncs();
        sim.setAccepting(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> link.resyncs() > resyncs);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.pausedReason("PJSIP/agent2") == null);
    }

    /** A queue call answered by the agent, seen live by Cuecard. */
    private SimulatedCall answered(String agentInterface) {
        SimulatedCall call = sim.inboundCall(number(), "service");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> call.ringAgent(agentInterface) != null);
        call.answer();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(call.linkedid()).isPresent());
        return call;
    }

    /** The call as logged once its wrap-up ended (Ready). */
    private JsonPath ended(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(id).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id).then().statusCode(200)
                .body("timeline.type", org.hamcrest.Matchers.hasItem("ready")));
        return supervisor().get("/api/calls/{id}", id).then().extract().jsonPath();
    }

    private String number() {
        return String.format("+49308%06d", ++numbers);
    }
}
