package io.cuecard.console;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuecard.console.ConductConsoleTest.Console;
import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 8, end to end: the simulator's calls reach Cuecard over AMI, the agent's console speaks the WebSocket
 * protocol. A transfer action the PBX refuses (the simulator answers {@code Response: Error}, as Asterisk does) reaches
 * the agent as an {@code error} frame naming the action and the PBX's message; "complete" and "cancel" are refused
 * outside a consultation; with the simulator's Atxfer consulting as Asterisk's does, the console sees the colleague
 * ringing and talking and completes (AMI Hangup of the agent's channel) or cancels (AMI CancelAtxfer) the transfer; the
 * agent who transferred the customer gets the wrap-up (agent state, notes, Ready) while the call goes on with the
 * colleague.
 */
@QuarkusTest
class TransferActionsConsoleTest {

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    PbxSimulator sim;
    SimulatedCall call;
    Console console;

    @BeforeEach
    void agentsAvailable() {
        sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        FreeAgents.free("agent1", "agent2");
    }

    @AfterEach
    void hangUp() {
        sim.setAtxferConsults(false);
        if (call != null && call.consulting()) {
            call.cancelConsultation();
        }
        if (call != null && call.phase() != SimulatedCall.Phase.ENDED) {
            call.customerHangsUp();
        }
        if (console != null) {
            console.close();
        }
        FreeAgents.free("agent1", "agent2");
    }

    private String answeredByAgent1(String number) throws Exception {
        call = sim.inboundCall(number, "service").ringAgent("PJSIP/agent1").answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("agents", hasItem("agent1")).body("stage", org.hamcrest.Matchers.is("greeting")));
        console = Console.open(consoleSocket, "agent1");
        console.send("{\"type\":\"transfer-consent\",\"callId\":\"" + id + "\"}");
        console.next(f -> isCall(f, id) && !f.at("/call/consent/transfer").isNull());
        return id;
    }

    private static boolean isCall(JsonNode frame, String id) {
        return "call".equals(frame.path("type").asText()) && id.equals(frame.at("/call/id").asText());
    }

    private static boolean isError(JsonNode frame) {
        return "error".equals(frame.path("type").asText());
    }

    @Test
    void anAttendedTransferThePbxRefusesReachesTheAgentAsAnError() throws Exception {
        String id = answeredByAgent1("+4930200101");
        // 299 is no agent's extension: the simulator's Atxfer answers "Response: Error", "Message: Atxfer failed"
        console.send("{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"attended\","
                + "\"target\":{\"kind\":\"extension\",\"value\":\"299\"},\"requestId\":\"a1\"}");

        JsonNode refused = console.next(TransferActionsConsoleTest::isError);
        assertThat(refused.path("code").asText()).isEqualTo("pbx-refused");
        assertThat(refused.path("action").asText()).isEqualTo("attended-transfer");
        assertThat(refused.path("pbxMessage").asText()).isEqualTo("Atxfer failed");
        assertThat(refused.path("callId").asText()).isEqualTo(id);
        assertThat(refused.path("message").asText()).isEqualTo("The PBX refused Atxfer: Atxfer failed");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("transferEntries.state", org.hamcrest.Matchers.contains("consulting", "abandoned"))
                .body("timeline.type", hasItem("transfer-action-refused")));
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.CONNECTED);
    }

    @Test
    void completeAndCancelAreRefusedOutsideAConsultation() throws Exception {
        String id = answeredByAgent1("+4930200102");
        console.send("{\"type\":\"transfer-complete\",\"callId\":\"" + id + "\",\"requestId\":\"c1\"}");
        JsonNode refused = console.next(TransferActionsConsoleTest::isError);
        assertThat(refused.path("requestId").asText()).isEqualTo("c1");
        assertThat(refused.path("message").asText()).isEqualTo("Not possible in the call's current stage");

        console.send("{\"type\":\"transfer-cancel\",\"callId\":\"" + id + "\",\"requestId\":\"c2\"}");
        assertThat(console.next(TransferActionsConsoleTest::isError).path("requestId").asText()).isEqualTo("c2");
    }

    @Test
    void theAgentWhoTransferredWrapsUpWhileTheColleagueTalksToTheCustomer() throws Exception {
        String id = answeredByAgent1("+4930200103");
        console.send("{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"blind\","
                + "\"target\":{\"kind\":\"agent\",\"value\":\"agent2\"}}");

        JsonNode wrapUp = console.next(f -> "agent-state".equals(f.path("type").asText())
                && "wrap-up".equals(f.at("/agentState/state").asText()));
        assertThat(wrapUp.at("/agentState/callId").asText()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> call.phase() == SimulatedCall.Phase.RINGING);
        call.answer();
        JsonNode goesOn = console.next(f -> isCall(f, id) && "agent2".equals(f.at("/call/stageAgent").asText()));
        assertThat(goesOn.at("/call/endedAt").isNull()).isTrue();

        console.send("{\"type\":\"disposition\",\"callId\":\"" + id + "\",\"code\":\"consulting\"}");
        console.next(f -> isCall(f, id) && "consulting".equals(f.at("/call/notes/disposition").asText()));
        console.send("{\"type\":\"ready\"}");
        console.next(f -> "agent-state".equals(f.path("type").asText()) && "idle".equals(f.at("/agentState/state").asText()));

        JsonNode logged = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                supervisor().get("/api/calls/{id}", id).then().statusCode(200).extract().asString());
        assertThat(logged.path("endedAt").isNull()).as("the call goes on with agent2").isTrue();
        JsonNode agent1WrapUp = null;
        for (JsonNode stage : logged.path("stages")) {
            if ("wrap-up".equals(stage.path("stage").asText()) && "agent1".equals(stage.path("agent").asText())) {
                agent1WrapUp = stage;
            }
        }
        assertThat(agent1WrapUp).isNotNull();
        assertThat(agent1WrapUp.path("cause").asText()).isEqualTo("left-after-transfer");
        assertThat(agent1WrapUp.path("leftAt").isNull()).as("ended by Ready").isFalse();
        assertThat(logged.path("disposition").asText()).isEqualTo("consulting");
    }

    /** agent1 asks for an attended transfer to agent2; the simulator consults as Asterisk does: agent2's phone rings. */
    private JsonNode consultingAgent2(String id) throws Exception {
        sim.setAtxferConsults(true);
        console.send("{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"attended\","
                + "\"target\":{\"kind\":\"agent\",\"value\":\"agent2\"}}");
        JsonNode ringing = console.next(f -> isCall(f, id) && "ringing".equals(f.at("/call/consultation/state").asText()));
        assertThat(ringing.at("/call/consultation/colleague").asText()).isEqualTo("agent2");
        assertThat(ringing.at("/call/stage").asText()).as("the consultation hold is the transfer's").isEqualTo("transfer");
        assertThat(call.consulting()).isTrue();
        return ringing;
    }

    private static String lastTransferState(JsonNode frame) {
        JsonNode entries = frame.at("/call/transferEntries");
        return entries.size() == 0 ? "" : entries.get(entries.size() - 1).path("state").asText();
    }

    @Test
    void theConsoleCompletesTheAttendedTransferOnceTheColleagueTalksWithTheAgent() throws Exception {
        String id = answeredByAgent1("+4930200104");
        consultingAgent2(id);
        call.answerConsultation();
        console.next(f -> isCall(f, id) && "talking".equals(f.at("/call/consultation/state").asText()));

        console.send("{\"type\":\"transfer-complete\",\"callId\":\"" + id + "\",\"requestId\":\"k1\"}");
        JsonNode completed = console.next(f -> isCall(f, id) && "completed".equals(lastTransferState(f)));
        assertThat(completed.at("/call/stageAgent").asText()).isEqualTo("agent2");
        assertThat(completed.at("/call/consultation").isNull()).isTrue();
        console.next(f -> "agent-state".equals(f.path("type").asText()) && "wrap-up".equals(f.at("/agentState/state").asText()));
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.CONNECTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("transfers[0].to", org.hamcrest.Matchers.is("agent2"))
                .body("timeline.type", hasItem("transfer-complete-requested"))
                .body("flags.rule", org.hamcrest.Matchers.not(hasItem("hold-without-consent"))));
    }

    @Test
    void theConsoleCancelsTheConsultationBackToTheCustomer() throws Exception {
        String id = answeredByAgent1("+4930200105");
        consultingAgent2(id);

        console.send("{\"type\":\"transfer-cancel\",\"callId\":\"" + id + "\"}");
        JsonNode back = console.next(f -> isCall(f, id) && "abandoned".equals(lastTransferState(f)));
        assertThat(back.at("/call/stageAgent").asText()).isEqualTo("agent1");
        assertThat(back.at("/call/stage").asText()).isNotEqualTo("transfer");
        assertThat(call.consulting()).isFalse();
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("timeline.type", hasItem("transfer-cancel-requested")));
    }
}
