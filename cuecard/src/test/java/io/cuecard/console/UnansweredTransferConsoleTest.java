package io.cuecard.console;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.pbx.trace.AmiTrace;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transfer target that never answers, seen from the open consoles: the target's console goes back to idle (the real
 * capture from the lab's Asterisk 22.10.1, replayed), and the customer comes back to the transferring agent's
 * conversation with the "colleague unavailable" phrase, or waits first in the queue when that agent is on another
 * call (the simulator doing what asterisk-config's {@code sub-transfer-target} does).
 */
@QuarkusTest
class UnansweredTransferConsoleTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String X2 = "lab-x2-blind-transfer-unanswered.txt";
    static final String X2_CALL = "1796325168.10";

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    PbxSimulator sim;
    final List<SimulatedCall> calls = new ArrayList<>();

    @BeforeEach
    void agentsAvailable() {
        sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        FreeAgents.free("agent1", "agent2");
    }

    @AfterEach
    void hangUp() {
        for (SimulatedCall call : calls) {
            if (call.phase() != SimulatedCall.Phase.ENDED) {
                call.customerHangsUp();
            }
        }
        FreeAgents.free("agent1", "agent2");
    }

    @Test
    void theOpenConsoleOfATargetThatNeverAnsweredGoesBackToIdle() throws Exception {
        try (ConsoleClient agent2 = new ConsoleClient(consoleSocket, "agent2", "agent2")) {
            agent2.await("snapshot", "");
            sim.replay(List.of(AmiTrace.sharedTraceDir().resolve(X2)), 0).get(30, TimeUnit.SECONDS);

            JsonNode ringing = JSON.readTree(agent2.await("agent-state", "\"callId\":\"" + X2_CALL + "\""));
            assertThat(ringing.at("/agentState/state").asText()).as("agent2's phone rings for the transfer").isEqualTo("ringing");
            JsonNode idle = JSON.readTree(agent2.await("agent-state", "\"state\":\"idle\""));
            assertThat(idle.at("/agentState/callId").isNull()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", X2_CALL)
                .then().statusCode(200).body("endedAt", notNullValue()).body("stageAgent", org.hamcrest.Matchers.is("agent1")));
    }

    @Test
    void theCustomerComesBackToTheTransferringAgentsConversationWithTheColleagueUnavailablePhrase() throws Exception {
        SimulatedCall call = answeredByAgent1("+4930300001");
        String id = call.linkedid();
        try (ConsoleClient agent1 = new ConsoleClient(consoleSocket, "agent1", "agent1");
                ConsoleClient agent2 = new ConsoleClient(consoleSocket, "agent2", "agent2")) {
            agent1.await("snapshot", "");
            agent2.await("snapshot", "");
            transferToAgent2(agent1, id);
            await().atMost(Duration.ofSeconds(10)).until(() -> call.phase() == SimulatedCall.Phase.RINGING);
            assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
            agent2.await("agent-state", "\"state\":\"ringing\"");

            call.noAnswer();
            assertThat(call.phase()).as("the customer is rung back at agent1").isEqualTo(SimulatedCall.Phase.RINGING);
            assertThat(call.agentInterface()).isEqualTo("PJSIP/agent1");
            agent2.await("agent-state", "\"state\":\"idle\"");

            call.answer();
            JsonNode back = JSON.readTree(agent1.await("call", "\"cause\":\"returned\""));
            assertThat(back.at("/call/stage").asText()).isEqualTo("conversation");
            assertThat(back.at("/call/stageAgent").asText()).isEqualTo("agent1");
            assertThat(back.at("/call/transferFailed").asBoolean()).isTrue();
            assertThat(back.at("/call/script/transferFailed/text").asText()).as("row 9: the colleague is unavailable").isNotBlank();
            agent1.await("agent-state", "\"state\":\"on-call\"");

            agent1.send("{\"type\":\"callback\",\"callId\":\"" + id + "\",\"note\":\"agent2 to call back\"}");
            agent1.await("call", "\"callback-task\"");
        }
        JsonPath v = logged(id);
        assertThat(v.getList("agents", String.class)).as("agent2 never talked to the customer").containsExactly("agent1");
        assertThat(v.getList("transferEntries.state", String.class)).containsExactly("blind-requested", "ringing-target", "failed");
        assertThat(v.getList("stages.cause", String.class)).containsSubsequence("answered", "transferred", "target-unanswered", "returned");
        assertThat(v.getList("timeline.type", String.class)).contains("transfer-failed");
        assertThat(v.getBoolean("transfers[0].answered")).isFalse();

        call.customerHangsUp();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("endedAt", notNullValue()).body("stageAgent", org.hamcrest.Matchers.is("agent1"))
                .body("hangupBy", org.hamcrest.Matchers.is("customer")));
    }

    @Test
    void theCustomerWaitsFirstInTheQueueWhenTheTransferringAgentIsOnAnotherCall() throws Exception {
        SimulatedCall call = answeredByAgent1("+4930300002");
        String id = call.linkedid();
        try (ConsoleClient agent1 = new ConsoleClient(consoleSocket, "agent1", "agent1")) {
            agent1.await("snapshot", "");
            transferToAgent2(agent1, id);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> call.phase() == SimulatedCall.Phase.RINGING);
        // agent1 takes the next call meanwhile (since item 8 the transferring agent wraps up, paused with reason
        // wrap-up: here that wrap-up was closed at once, as an agent does who is free again); another caller waits
        sim.pauseAgent("PJSIP/agent1", false, null);
        SimulatedCall other = track(sim.inboundCall("+4930300003").ringAgent("PJSIP/agent1").answer());
        SimulatedCall waiting = track(sim.inboundCall("+4930300004"));

        call.noAnswer();
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.QUEUED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged(id).getList("timeline.type", String.class)
                .stream().filter("queue-joined"::equals).count()).isEqualTo(2));
        JsonPath queued = logged(id);
        assertThat(queued.getString("endedAt")).isNull();
        assertThat(queued.getString("stage")).isEqualTo("transfer");
        assertThat(queued.getString("stageAgent")).isNull();
        assertThat(queued.getBoolean("transferFailed")).isTrue();

        // agent1 is free again and takes the returned customer first: back to the conversation
        other.customerHangsUp();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", other.linkedid())
                .then().statusCode(200).body("endedAt", notNullValue()));
        FreeAgents.free("agent1");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> call.ringAgent("PJSIP/agent1"));
        call.answer();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("stage", org.hamcrest.Matchers.is("conversation"))
                .body("stageAgent", org.hamcrest.Matchers.is("agent1")).body("stages.cause", hasItem("returned")));
        assertThat(waiting.phase()).as("the returned customer went first").isEqualTo(SimulatedCall.Phase.QUEUED);
    }

    private SimulatedCall track(SimulatedCall call) {
        calls.add(call);
        return call;
    }

    private SimulatedCall answeredByAgent1(String number) {
        SimulatedCall call = track(sim.inboundCall(number, "service").ringAgent("PJSIP/agent1").answer());
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("agents", hasItem("agent1")).body("stage", org.hamcrest.Matchers.is("greeting")));
        return call;
    }

    /** agent1 records the customer's consent and transfers them blind to agent2 from the console. */
    private static void transferToAgent2(ConsoleClient agent1, String id) throws InterruptedException {
        agent1.send("{\"type\":\"transfer-consent\",\"callId\":\"" + id + "\"}");
        agent1.await("call", "\"transfer\":\"");
        agent1.send("{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"blind\","
                + "\"target\":{\"kind\":\"agent\",\"value\":\"agent2\"}}");
    }

    private static JsonPath logged(String id) {
        return supervisor().get("/api/calls/{id}", id).then().statusCode(200).extract().jsonPath();
    }
}
