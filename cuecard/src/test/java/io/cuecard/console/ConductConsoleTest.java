package io.cuecard.console;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consent and conduct rules end to end: the simulator's calls reach Cuecard over AMI (asterisk-java), the agent's
 * console speaks the WebSocket protocol, console transfers go back to the simulator as AMI BlindTransfer. The long-hold
 * limit is 2 s here.
 */
@QuarkusTest
@TestProfile(ConductConsoleTest.ShortLongHold.class)
class ConductConsoleTest {

    /** Long holds after 2 s instead of 45 s. */
    public static class ShortLongHold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cuecard.call.long-hold", "2s");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

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
        if (call != null && call.phase() != SimulatedCall.Phase.ENDED) {
            call.customerHangsUp();
        }
        if (console != null) {
            console.close();
        }
    }

    private String answeredByAgent1(String number) {
        call = sim.inboundCall(number, "service").ringAgent("PJSIP/agent1").answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("agents", hasItem("agent1")).body("stage", org.hamcrest.Matchers.is("greeting")));
        return id;
    }

    private static JsonPath logged(String id) {
        return supervisor().get("/api/calls/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void holdFromThePhoneWithoutConsentIsFlagged() {
        String id = answeredByAgent1("+4930200001");
        call.hold();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("flags.rule", hasItem("hold-without-consent")));
        JsonPath v = logged(id);
        assertThat(v.getList("timeline.type", String.class)).contains("hold", "flag");
        assertThat(v.getString("consent.hold")).isNull();
    }

    @Test
    void holdAfterTheConsoleRecordedConsentIsNotFlaggedAndALongHoldPromptsThenNeedsTheApology() throws Exception {
        String id = answeredByAgent1("+4930200002");
        console = Console.open(consoleSocket, "agent1");
        console.send("{\"type\":\"hold-consent\",\"callId\":\"" + id + "\"}");
        JsonNode consented = console.next(f -> isCall(f, id) && !f.at("/call/consent/hold").isNull());
        assertThat(consented.at("/call/consent/transfer").isNull()).isTrue();

        call.hold();
        JsonNode longHold = console.next(f -> isCall(f, id) && f.at("/call/longHold").asBoolean());
        assertThat(longHold.at("/call/stage").asText()).isEqualTo("hold");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("timeline.type", hasItem("long-hold")));

        call.unhold();
        JsonNode resumed = console.next(f -> isCall(f, id) && f.at("/call/apologyRequired").asBoolean());
        assertThat(resumed.at("/call/longHold").asBoolean()).isFalse();
        assertThat(resumed.at("/call/stage").asText()).isEqualTo("conversation");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("timeline.type", hasItem("resume-after-long-hold")));

        console.send("{\"type\":\"said-it\",\"callId\":\"" + id + "\"}");
        console.next(f -> isCall(f, id) && !f.at("/call/apologyRequired").asBoolean());
        assertThat(logged(id).getList("flags.rule", String.class)).doesNotContain("hold-without-consent");
    }

    @Test
    void consoleTransferNeedsConsentThenTheSimulatorTransfersToAgent2() throws Exception {
        String id = answeredByAgent1("+4930200003");
        console = Console.open(consoleSocket, "agent1");
        String transfer = "{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"blind\","
                + "\"target\":{\"kind\":\"agent\",\"value\":\"agent2\"},\"requestId\":\"t1\"}";

        console.send(transfer);
        JsonNode refused = console.next(f -> "error".equals(f.path("type").asText()));
        assertThat(refused.path("requestId").asText()).isEqualTo("t1");
        assertThat(refused.path("code").asText()).isEqualTo("consent-missing");
        assertThat(call.phase()).isEqualTo(SimulatedCall.Phase.CONNECTED);

        console.send("{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"sideways\","
                + "\"target\":{\"kind\":\"agent\",\"value\":\"agent2\"},\"requestId\":\"t2\"}");
        assertThat(console.next(f -> "error".equals(f.path("type").asText())).path("message").asText()).contains("mode");

        console.send("{\"type\":\"transfer-consent\",\"callId\":\"" + id + "\"}");
        console.next(f -> isCall(f, id) && !f.at("/call/consent/transfer").isNull());
        console.send(transfer);

        await().atMost(Duration.ofSeconds(10)).until(() -> call.phase() == SimulatedCall.Phase.RINGING);
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent2");
        call.answer();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("transfers[0].to", org.hamcrest.Matchers.is("agent2"))
                .body("transfers[0].answered", org.hamcrest.Matchers.is(true)));
        JsonPath v = logged(id);
        assertThat(v.getString("transfers[0].type")).isEqualTo("blind");
        assertThat(v.getString("transfers[0].from")).isEqualTo("agent1");
        assertThat(v.getList("agents", String.class)).containsExactly("agent1", "agent2");
        assertThat(v.getList("flags.rule", String.class)).doesNotContain("transfer-without-consent");
        assertThat(v.getList("timeline.detail", String.class)).contains("blind to 202@agents");

        call.customerHangsUp();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("endedAt", notNullValue())
                .body("flags.rule", not(hasItem("transfer-without-consent"))));
    }

    @Test
    void transferTargetNotAnsweringLetsTheTransfererLogACallback() throws Exception {
        String id = answeredByAgent1("+4930200004");
        console = Console.open(consoleSocket, "agent1");
        console.send("{\"type\":\"transfer-consent\",\"callId\":\"" + id + "\"}");
        console.next(f -> isCall(f, id) && !f.at("/call/consent/transfer").isNull());
        console.send("{\"type\":\"transfer\",\"callId\":\"" + id + "\",\"mode\":\"blind\","
                + "\"target\":{\"kind\":\"extension\",\"value\":\"202\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> call.phase() == SimulatedCall.Phase.RINGING);

        call.noAnswer();
        // the PBX gives the customer back to agent1 (asterisk-config's sub-transfer-target), who hangs up meanwhile
        assertThat(call.agentInterface()).isEqualTo("PJSIP/agent1");
        call.customerHangsUp();
        JsonNode failed = console.next(f -> isCall(f, id) && f.at("/call/transferFailed").asBoolean()
                && !f.at("/call/endedAt").isNull());
        assertThat(failed.at("/call/stageAgent").asText()).as("the transferer wraps up").isEqualTo("agent1");

        console.send("{\"type\":\"callback\",\"callId\":\"" + id + "\",\"note\":\"Call back about the repair\"}");
        console.next(f -> isCall(f, id) && !f.at("/call/transferFailed").asBoolean());
        JsonPath v = logged(id);
        assertThat(v.getList("timeline.type", String.class)).contains("transfer-failed");
        assertThat(v.getList("flags.detail", String.class)).contains("Call back about the repair");
        assertThat(v.getList("flags.rule", String.class)).contains("callback-task");
    }

    private static boolean isCall(JsonNode frame, String id) {
        return "call".equals(frame.path("type").asText()) && id.equals(frame.at("/call/id").asText());
    }

    /** One agent console over the WebSocket (HTTP Basic), with its frames queued. */
    static final class Console {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws;

        static Console open(URI uri, String user) throws Exception {
            Console c = new Console();
            String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", basic)
                    .buildAsync(URI.create(uri.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                        final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                c.frames.add(partial.toString());
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            c.next(f -> "snapshot".equals(f.path("type").asText()));
            return c;
        }

        void send(String message) {
            ws.sendText(message, true).join();
        }

        /** The next frame that matches, skipping others; fails after 15 s. */
        JsonNode next(Predicate<JsonNode> wanted) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                String frame = frames.poll(1, TimeUnit.SECONDS);
                if (frame != null) {
                    JsonNode node = JSON.readTree(frame);
                    if (wanted.test(node)) {
                        return node;
                    }
                }
            }
            throw new AssertionError("no matching console frame within 15 s");
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
