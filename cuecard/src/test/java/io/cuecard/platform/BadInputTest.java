package io.cuecard.platform;

import static io.cuecard.TestUsers.as;
import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets the JSON error shape, never a plain-text 500: NUL bytes in a call id or a filter, page numbers past
 * the end of {@code long} (and other unparsable query parameters: 400, not 404), a 3 MB YAML import with hundreds of
 * thousands of problems (a small answer), a WebSocket frame over the limit (close 1009, one WARN line).
 */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Inject
    Vertx vertx;

    @Test
    void aNulByteInACallIdOrAFilterIs400Json() {
        // RestAssured would encode a literal NUL itself; %00 is what arrives either way
        for (String url : List.of("/api/calls/%00", "/api/calls/a%00b", "/api/calls?agent=%00", "/api/calls?agent=agent1%00",
                "/api/calls?direction=%00", "/api/calls?from=%00")) {
            Response r = supervisor().urlEncodingEnabled(false).get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.contentType()).as(url).startsWith("application/json");
            assertThat(r.jsonPath().getInt("status")).isEqualTo(400);
            assertThat(r.jsonPath().getString("error")).isNotBlank();
        }
        // and agents get the same answer (not 403 for "another agent's" filter, not 500)
        as("agent1").urlEncodingEnabled(false).get("/api/calls?agent=agent1%00").then().statusCode(400);
        // a NUL in a JSON body reaches the database, which refuses it: still 400 JSON, not a 500
        Response body = as("admin").contentType("application/json")
                .body("{\"username\":\"nul1\",\"password\":\"a-long-password-1\",\"displayName\":\"a\\u0000b\"}")
                .post("/api/agents");
        assertThat(body.statusCode()).isEqualTo(400);
        assertThat(body.contentType()).startsWith("application/json");
        assertThat(body.jsonPath().getString("error")).contains("NUL");
        supervisor().get("/api/agents/nul1").then().statusCode(404);
    }

    @Test
    void unparsableQueryParametersAre400Not404() {
        for (String url : List.of("/api/calls?page=9223372036854775808", "/api/calls?page=99999999999999999999999",
                "/api/calls?page=-1", "/api/calls?page=abc", "/api/calls?page=1.5", "/api/calls?size=x", "/api/calls?size=501",
                "/api/calls?size=9223372036854775807")) {
            Response r = supervisor().urlEncodingEnabled(false).get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.contentType()).as(url).startsWith("application/json");
            assertThat(r.jsonPath().getString("error")).as(url).containsAnyOf("page", "size");
        }
        // the largest page a number can name is simply past the last call
        supervisor().get("/api/calls?page=2147483647&size=500").then().statusCode(200)
                .body("items", hasSize(0));
        String script = supervisor().get("/api/scripts").then().statusCode(200).extract().path("[0].id");
        supervisor().get("/api/scripts/{id}/export?version=abc", script).then().statusCode(400)
                .contentType(startsWith("application/json")).body("error", containsString("version"));
        supervisor().get("/api/scripts/{id}/export?version=99999999999999999999", script).then().statusCode(400);
    }

    @Test
    void aHugeYamlImportWithEveryLineWrongGetsAShortAnswer() {
        StringBuilder yaml = new StringBuilder("format: 2\nid: huge-broken\nname: x\nlanguage: en\nforbidden:\n");
        String junk = "z".repeat(180);
        int entries = 0;
        while (yaml.length() < 2_900_000) {
            yaml.append("  - {id: \"bad ").append(entries).append("\", severity: \"").append(junk).append("\", row: \"r\"}\n");
            entries++;
        }
        long started = System.nanoTime();
        Response r = supervisor().contentType("application/yaml")
                .body(yaml.toString().getBytes(StandardCharsets.UTF_8)).post("/api/scripts");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        byte[] body = r.asByteArray();
        assertThat(body.length).as("answer size").isLessThanOrEqualTo(64 * 1024);
        List<Object> fields = r.jsonPath().getList("fields");
        assertThat(fields).hasSizeBetween(1, 100);
        int truncated = r.jsonPath().getInt("truncated");
        assertThat(truncated).as("problems left out").isGreaterThan(entries);
        assertThat(r.jsonPath().getString("error")).startsWith("The script is not valid (" + (fields.size() + truncated) + " problems)");
        assertThat(millis).as("answer time (ms)").isLessThan(30_000);
        supervisor().get("/api/scripts/huge-broken").then().statusCode(404);
    }

    /** Sends {@code text} as one frame (Vert.x's client does not split what it is given as a frame); the close code. */
    private int closeCodeOfOneFrame(String text) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(consoleSocket.getHost())
                    .setPort(consoleSocket.getPort()).setURI(consoleSocket.getPath())
                    .addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent1:agent1".getBytes(StandardCharsets.UTF_8)));
            io.vertx.core.http.WebSocket ws = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ws.exceptionHandler(ignored -> { });
            ws.closeHandler(ignored -> closed.complete(ws.closeStatusCode() == null ? -1 : (int) ws.closeStatusCode()));
            ws.writeFrame(WebSocketFrame.textFrame(text, true));
            return closed.get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Test
    void aWebSocketFrameOverTheLimitClosesWith1009AndOneWarnLine() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (records) {
                        records.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String huge = "{\"type\":\"notes\",\"callId\":\"x\",\"text\":\"" + "a".repeat(300 * 1024) + "\"}";
            // one frame over the message limit (as a browser sends a message: in one frame) ...
            assertThat(closeCodeOfOneFrame(huge)).as("close code after one big frame").isEqualTo(1009);
            // ... one frame over the frame limit: dropped as soon as its header says so (no close frame possible) ...
            assertThat(closeCodeOfOneFrame("x".repeat(1100 * 1024))).as("close code after a giant frame").isIn(-1, 1006, 1009);
            // ... and a message over the message limit in many small frames (java.net.http sends 16 KiB frames)
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent1:agent1".getBytes(StandardCharsets.UTF_8)))
                    .buildAsync(URI.create(consoleSocket.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            webSocket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete(-1);
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText(huge, true);
            assertThat(closed.get(10, TimeUnit.SECONDS)).as("close code after a big message in small frames").isEqualTo(1009);
            Thread.sleep(500); // anything logged after the close
        } finally {
            root.removeHandler(capture);
        }
        synchronized (records) {
            assertThat(records).as("log records at WARN or above").hasSize(3);
            for (LogRecord record : records) {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getThrown()).as("a stack trace").isNull();
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                assertThat(message).doesNotContain("\n").containsPattern("Console connection .* of agent1 (closed \\(1009\\)|dropped, a frame too big)");
            }
        }
        // the console still works for others
        as("agent1").get("/api/me").then().statusCode(200);
    }
}
