package io.cuecard.agent;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.as;
import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.console.ConsoleClient;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.pbx.trace.AmiTrace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read what: agents their own calls, supervisors all; the WebSocket needs a login. */
@QuarkusTest
class AccessTest {

    static final String AGENT1_CALL = "1795367282.0";

    @Inject
    BuiltInPbx pbx;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @BeforeEach
    void agent1HadACall() throws Exception {
        if (supervisor().get("/api/calls/{id}", AGENT1_CALL).statusCode() != 200) {
            pbx.simulator(PbxSimulator.class).replay(List.of(AmiTrace.sharedTraceDir().resolve("a-inbound-queue-answered-customer-hangup.txt")), 0)
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> supervisor().get("/api/calls/{id}", AGENT1_CALL)
                .then().statusCode(200).body("endedAt", notNullValue()));
    }

    @Test
    void agentsReadOnlyTheirOwnCalls() {
        as("agent1").get("/api/calls/{id}", AGENT1_CALL).then().statusCode(200);
        as("agent2").get("/api/calls/{id}", AGENT1_CALL).then().statusCode(403).body("error", containsString("own calls"));
        as("agent2").get("/api/calls?agent=agent1").then().statusCode(403);
        List<String> ids = as("agent2").get("/api/calls?size=500").then().statusCode(200).extract().path("items.id");
        assertThat(ids).doesNotContain(AGENT1_CALL);
        supervisor().get("/api/calls?agent=agent1").then().statusCode(200);
        supervisor().get("/api/calls/{id}", "no-such-call").then().statusCode(404);
    }

    @Test
    void unauthenticatedRequestsAreRefused() {
        int status = given().redirects().follow(false).get("/api/calls").statusCode();
        assertThat(status).isEqualTo(401);
        given().auth().preemptive().basic("agent1", "wrong").get("/api/calls").then().statusCode(401);
    }

    @Test
    void onlyAdminsChangeAgents() {
        as("agent1").contentType("application/json").body("{\"username\":\"x1\",\"password\":\"secret1\"}")
                .post("/api/agents").then().statusCode(403);
        as("supervisor").get("/api/agents").then().statusCode(200);
    }

    @Test
    void anUnauthenticatedWebSocketUpgradeIsRefused() {
        HttpClient client = HttpClient.newHttpClient();
        CompletionStage<WebSocket> attempt = client.newWebSocketBuilder().buildAsync(wsUri(), new WebSocket.Listener() { });
        assertThatThrownBy(() -> attempt.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .rootCause().hasMessageContaining("401");
    }

    @Test
    void anAuthenticatedConsoleGetsASnapshotFirst() throws Exception {
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "agent1", "agent1")) {
            assertThat(console.next()).startsWith("{\"seq\":1,\"type\":\"snapshot\"");
            List<Long> seqs = new java.util.ArrayList<>(List.of(1L));
            console.send("{not json");
            assertThat(nextOfType(console, "error", seqs)).contains("not JSON");
            console.send("{\"type\":\"said-it\"}");
            assertThat(nextOfType(console, "error", seqs)).contains("callId");
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("frame sequence numbers are contiguous").isEqualTo(i + 1L);
            }
        }
    }

    /** The next frame of a type; call frames may come in between (other calls change meanwhile). */
    private static String nextOfType(ConsoleClient console, String type, List<Long> seqs) throws InterruptedException {
        while (true) {
            String frame = console.next();
            assertThat(frame).as("a %s frame", type).isNotNull();
            seqs.add(Long.parseLong(frame.substring("{\"seq\":".length(), frame.indexOf(','))));
            if (frame.contains("\"type\":\"" + type + "\"")) {
                return frame;
            }
        }
    }

    private URI wsUri() {
        return URI.create(consoleSocket.toString().replaceFirst("^http", "ws"));
    }
}
