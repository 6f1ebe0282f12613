package io.cuecard.console;

import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.Stage;
import io.cuecard.call.service.CallService;
import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, faults: 1,000 consoles connect and disconnect; the heap after GC returns to its baseline and the hub forgets
 * every one of them. A console that reconnects while its agent is on a live call gets a fresh snapshot with the call,
 * then live frames numbered on from 2.
 */
@QuarkusTest
class ConsoleChurnTest {

    private static final int CONSOLES = 1_000;
    private static final int ROUND = 200;
    private static final long HEAP_TOLERANCE = 10L * 1024 * 1024;
    private static final String[] USERS = {"agent1", "agent2", "supervisor"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConsoleHub hub;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    CallService calls;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    ExecutorService pool;
    HttpClient http;
    SimulatedCall call;

    @BeforeEach
    void client() {
        // one client, one small pool for every console of the test: the test itself must not grow the heap
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "console-churn-client");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void cleanUp() {
        if (call != null && call.phase() != SimulatedCall.Phase.ENDED) {
            call.customerHangsUp();
        }
        http = null;
        pool.shutdownNow();
    }

    @Test
    void thousandConsolesComeAndGoAndTheHeapReturnsToItsBaseline() throws Exception {
        // the browser's way in: a form login's session cookie per user (Basic would run bcrypt for every upgrade)
        Map<String, String> cookies = Map.of("agent1", login("agent1"), "agent2", login("agent2"), "supervisor", login("supervisor"));
        int consolesBefore = hub.openConsoles();
        churn(ROUND, cookies); // warm-up: classes, pools, caches of the first connections are not a leak
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.openConsoles() == consolesBefore);
        long baseline = heapAfterGc();

        long started = System.nanoTime();
        int opened = 0;
        while (opened < CONSOLES) {
            opened += churn(ROUND, cookies);
            assertThat(hub.openConsoles()).as("consoles open between rounds").isLessThanOrEqualTo(consolesBefore + ROUND);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.openConsoles() == consolesBefore);
        long after = heapAfterGc();

        System.out.printf("console-churn: consoles=%d in rounds of %d, %.1f s; heap after GC: baseline=%.1f MB after=%.1f MB "
                        + "delta=%+.1f MB (tolerance %d MB); open consoles before=%d after=%d%n", opened, ROUND, seconds,
                baseline / 1048576.0, after / 1048576.0, (after - baseline) / 1048576.0, HEAP_TOLERANCE / 1048576,
                consolesBefore, hub.openConsoles());
        assertThat(opened).isEqualTo(CONSOLES);
        assertThat(hub.openConsoles()).as("consoles the hub holds").isEqualTo(consolesBefore);
        supervisor().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("cuecard_console_connected " + (double) consolesBefore));
        assertThat(after - baseline).as("heap growth after GC (bytes)").isLessThanOrEqualTo(HEAP_TOLERANCE);
    }

    @Test
    void aConsoleThatReconnectsDuringACallGetsAFreshSnapshotThenLiveFrames() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        FreeAgents.free("agent1");
        SimulatedCall queued = sim.inboundCall("+4930700001", "service");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> queued.ringAgent("PJSIP/agent1") != null);
        call = queued.answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id)
                .then().statusCode(200).body("agents", hasItem("agent1")));

        try (ConsoleClient first = new ConsoleClient(consoleSocket, "agent1", "agent1")) {
            JsonNode snapshot = JSON.readTree(first.next());
            assertThat(snapshot.path("seq").asLong()).isEqualTo(1);
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            call.hold();
            first.await("call", id);
        }
        // the console is gone (its frames with it); the call goes on meanwhile
        call.unhold();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.call(id) != null && hub.call(id).stage() != Stage.HOLD);

        try (ConsoleClient again = new ConsoleClient(consoleSocket, "agent1", "agent1")) {
            JsonNode snapshot = JSON.readTree(again.next());
            assertThat(snapshot.path("seq").asLong()).as("first frame of the new connection").isEqualTo(1);
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            List<String> shown = new ArrayList<>();
            snapshot.path("calls").forEach(c -> shown.add(c.path("id").asText()));
            assertThat(shown).as("calls in the snapshot").contains(id);
            JsonNode inSnapshot = null;
            for (JsonNode c : snapshot.path("calls")) {
                if (id.equals(c.path("id").asText())) {
                    inSnapshot = c;
                }
            }
            // the call as it is now: held once while the first console watched, resumed after it left
            assertThat(inSnapshot.path("holdCount").asInt()).isEqualTo(1);
            assertThat(inSnapshot.path("stage").asText()).isNotEqualTo("hold");
            assertThat(snapshot.at("/agentState/state").asText()).isEqualTo("on-call");
            assertThat(snapshot.at("/agentState/callId").asText()).isEqualTo(id);

            call.hold();
            JsonNode live = JSON.readTree(again.next());
            assertThat(live.path("seq").asLong()).as("the next frame").isEqualTo(2);
            assertThat(live.path("type").asText()).isEqualTo("call");
            assertThat(live.at("/call/id").asText()).isEqualTo(id);
            call.unhold();
            assertThat(JSON.readTree(again.next()).path("seq").asLong()).isEqualTo(3);

            call.customerHangsUp();
            again.finishWrapUp(id);
        }
    }

    /**
     * Opens {@code count} consoles at once; every fifth drops its TCP connection as soon as the upgrade is through (a
     * browser tab killed, maybe before the server has registered the console); the others wait for their snapshot
     * and close properly. Returns how many consoles were opened.
     */
    private int churn(int count, Map<String, String> cookies) throws Exception {
        List<ChurnConsole> consoles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = USERS[i % USERS.length];
            ChurnConsole console = new ChurnConsole(http, consoleSocket, cookies.get(user));
            if (i % 5 == 4) {
                console.abort();
            } else {
                consoles.add(console);
            }
        }
        for (ChurnConsole console : consoles) {
            console.awaitSnapshot();
        }
        for (ChurnConsole console : consoles) {
            console.close();
        }
        for (ChurnConsole console : consoles) {
            console.awaitClosed();
        }
        return count;
    }

    private static String login(String user) {
        String cookie = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", user)
                .post("/j_security_check").then().statusCode(302).extract().cookie("cuecard-session");
        assertThat(cookie).as("session cookie of %s", user).isNotBlank();
        return cookie;
    }

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** A console that only waits for its snapshot, then closes: the close handshake completes, or the socket is aborted. */
    private static final class ChurnConsole {
        private static final AtomicInteger ABORTED = new AtomicInteger();
        private final CompletableFuture<String> firstFrame = new CompletableFuture<>();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final WebSocket socket;

        ChurnConsole(HttpClient http, URI consoleSocket, String cookie) throws Exception {
            URI ws = URI.create(consoleSocket.toString().replaceFirst("^http", "ws"));
            socket = http.newWebSocketBuilder().header("Cookie", "cuecard-session=" + cookie)
                    .buildAsync(ws, new WebSocket.Listener() {
                        final StringBuilder partial = new StringBuilder();

                        @Override
                        public void onOpen(WebSocket webSocket) {
                            webSocket.request(Long.MAX_VALUE);
                        }

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            if (!firstFrame.isDone()) {
                                partial.append(data);
                                if (last) {
                                    firstFrame.complete(partial.toString());
                                    partial.setLength(0);
                                }
                            }
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(null);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete(null);
                            firstFrame.completeExceptionally(error);
                        }
                    }).get(20, TimeUnit.SECONDS);
        }

        void awaitSnapshot() throws Exception {
            String frame = firstFrame.get(20, TimeUnit.SECONDS);
            assertThat(frame).startsWith("{\"seq\":1,\"type\":\"snapshot\"");
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }

        void abort() {
            socket.abort();
            closed.complete(null);
        }

        void awaitClosed() throws Exception {
            try {
                closed.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                ABORTED.incrementAndGet();
                socket.abort();
            }
            assertThat(ABORTED.get()).as("consoles whose close handshake did not complete").isZero();
        }
    }
}
