package io.cuecard.platform;

import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Same origin only: the console WebSocket and state-changing requests authenticated by the session cookie come from
 * Cuecard's own pages (or an allowed origin); HTTP Basic clients, which send no Origin, keep working; the JSON/YAML API
 * refuses the body types a foreign page can send without asking.
 */
@QuarkusTest
class SameOriginTest {

    /** The allow-listed origin of the test profile ({@code %test.cuecard.http.allowed-origins}). */
    static final String ALLOWED = "https://console.example.test";

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Inject
    Vertx vertx;

    private String own() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    private String otherPort() {
        return "http://" + base.getHost() + ":" + (base.getPort() + 1);
    }

    /** Logs in with the login form (from Cuecard's own page) and returns the session cookie. */
    private Map.Entry<String, String> login(String user) {
        Response r = given().redirects().follow(false).header("Origin", own())
                .formParam("j_username", user).formParam("j_password", user).post("/j_security_check");
        assertThat(r.statusCode()).as("login answer").isIn(200, 302, 303);
        for (var cookie : r.getCookies().entrySet()) {
            if (RequestGate.SESSION_COOKIES.contains(cookie.getKey())) {
                return Map.entry(cookie.getKey(), cookie.getValue());
            }
        }
        throw new AssertionError("no session cookie after login: " + r.getCookies());
    }

    private static RequestSpecification withCookie(Map.Entry<String, String> cookie) {
        return given().redirects().follow(false).cookie(cookie.getKey(), cookie.getValue());
    }

    private static final String CHECK = "{\"text\":\"hello\"}";

    @Test
    void stateChangingRequestsWithTheSessionCookieNeedThisSitesOriginOrReferer() {
        var cookie = login("agent1");
        // no Origin, no Referer: refused
        withCookie(cookie).contentType("application/json").body(CHECK).post("/api/phrases/check")
                .then().statusCode(403).contentType(startsWith("application/json"))
                .body("error", equalTo("cross-origin request refused")).body("status", equalTo(403));
        // another origin: another port of the same host, another host, an opaque origin
        for (String origin : new String[] {otherPort(), "http://evil.example", "null"}) {
            withCookie(cookie).header("Origin", origin).contentType("application/json").body(CHECK).post("/api/phrases/check")
                    .then().statusCode(403).body("error", equalTo("cross-origin request refused"));
        }
        withCookie(cookie).header("Referer", otherPort() + "/attack.html").contentType("application/json").body(CHECK)
                .post("/api/phrases/check").then().statusCode(403);
        // Cuecard's own page, by Origin or (when a browser leaves Origin out) by Referer; the allow-listed origin
        withCookie(cookie).header("Origin", own()).contentType("application/json").body(CHECK).post("/api/phrases/check")
                .then().statusCode(200);
        withCookie(cookie).header("Referer", own() + "/index.html").contentType("application/json").body(CHECK)
                .post("/api/phrases/check").then().statusCode(200);
        withCookie(cookie).header("Origin", ALLOWED).contentType("application/json").body(CHECK).post("/api/phrases/check")
                .then().statusCode(200);
        // every state-changing method
        withCookie(cookie).contentType("application/json").body("{\"language\":\"en\"}").put("/api/me/language")
                .then().statusCode(403);
        withCookie(login("admin")).delete("/api/agents/agent2").then().statusCode(403);
        supervisor().get("/api/agents/agent2").then().statusCode(200);
        // reading is not state-changing
        withCookie(cookie).get("/api/me").then().statusCode(200);
    }

    @Test
    void basicClientsKeepWorkingButNotFromAForeignPage() {
        supervisor().contentType("application/json").body(CHECK).post("/api/phrases/check").then().statusCode(200);
        supervisor().header("Origin", own()).contentType("application/json").body(CHECK).post("/api/phrases/check")
                .then().statusCode(200);
        // a browser that remembers Basic credentials sends them with a foreign page's request too
        supervisor().header("Origin", otherPort()).contentType("application/json").body(CHECK).post("/api/phrases/check")
                .then().statusCode(403).body("error", equalTo("cross-origin request refused"));
    }

    @Test
    void theLoginFormWorksFromThisSiteOnly() {
        login("agent1");
        given().redirects().follow(false).formParam("j_username", "agent1").formParam("j_password", "agent1")
                .post("/j_security_check").then().statusCode(302); // no Origin: a script, like the benchmark
        given().redirects().follow(false).header("Origin", otherPort())
                .formParam("j_username", "agent1").formParam("j_password", "agent1").post("/j_security_check")
                .then().statusCode(403).body("error", equalTo("cross-origin request refused"));
    }

    @Test
    void theApiRefusesBodiesAForeignPageCanSendWithoutAsking() throws Exception {
        String script = supervisor().get("/api/scripts").then().statusCode(200).extract().path("[0].id");
        String json = supervisor().get("/api/scripts/{id}", script).then().statusCode(200).extract().asString();
        int versions = supervisor().get("/api/scripts/{id}/versions", script).then().extract().jsonPath().getList("$").size();
        for (String type : new String[] {"text/plain", "text/plain; charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "TEXT/PLAIN"}) {
            HttpResponse<String> post = send("POST", "/api/scripts", type, json);
            assertThat(post.statusCode()).as(type).isEqualTo(415);
            assertThat(post.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            assertThat(post.body()).contains("\"status\":415").contains("application/json");
            assertThat(send("PUT", "/api/scripts/" + script, type, json).statusCode()).as(type).isEqualTo(415);
        }
        // same-origin with the cookie: still 415
        withCookie(login("supervisor")).header("Origin", own()).contentType("text/plain").body(json).post("/api/scripts")
                .then().statusCode(415);
        // a body without any Content-Type
        HttpResponse<String> untyped = send("POST", "/api/scripts", null, json);
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(untyped.body()).contains("\"status\":415");
        // other raw types are not the gate's business (the endpoint itself says what it reads), nor is a body-less POST
        supervisor().contentType("text/csv").body("a,b\n").post("/api/scripts").then().statusCode(415)
                .contentType(startsWith("application/json"));
        supervisor().post("/api/logout").then().statusCode(org.hamcrest.Matchers.lessThan(400));
        assertThat(supervisor().get("/api/scripts/{id}/versions", script).then().extract().jsonPath().getList("$")).hasSize(versions);
    }

    /** A request as the supervisor with HTTP Basic, the body sent as given with exactly this Content-Type (or none). */
    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(own() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("supervisor:supervisor".getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleWebSocketOpensFromThisSiteOnly() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("supervisor:supervisor".getBytes(StandardCharsets.UTF_8));
        var cookie = login("supervisor");
        for (String origin : new String[] {otherPort(), "http://evil.example", "null"}) {
            // with Basic and with the cookie: refused before the upgrade, as JSON
            given().header("Authorization", basic).header("Origin", origin).header("Connection", "Upgrade")
                    .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                    .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").get("/ws/console")
                    .then().statusCode(403).contentType(startsWith("application/json"))
                    .body("error", equalTo("cross-origin request refused"));
            assertThat(upgrade(origin, "Cookie", cookie.getKey() + "=" + cookie.getValue())).as(origin).isEqualTo("refused 403");
        }
        assertThat(upgrade(own(), "Cookie", cookie.getKey() + "=" + cookie.getValue())).isEqualTo("snapshot");
        assertThat(upgrade(ALLOWED, "Cookie", cookie.getKey() + "=" + cookie.getValue())).isEqualTo("snapshot");
        assertThat(upgrade(null, "Authorization", basic)).isEqualTo("snapshot"); // not a browser: no Origin
    }

    /** Opens the console with a Vert.x client: "snapshot" when the first frame is one, else "refused <status>". */
    private String upgrade(String origin, String header, String value) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(consoleSocket.getHost())
                    .setPort(consoleSocket.getPort()).setURI(consoleSocket.getPath()).addHeader(header, value);
            if (origin != null) {
                options.addHeader("Origin", origin);
            }
            CompletableFuture<String> first = new CompletableFuture<>();
            client.connect(options).onComplete(ar -> {
                if (ar.failed()) {
                    first.complete(ar.cause() instanceof io.vertx.core.http.UpgradeRejectedException rejected
                            ? "refused " + rejected.getStatus() : "failed " + ar.cause());
                } else {
                    ar.result().textMessageHandler(text -> first.complete(text.contains("\"type\":\"snapshot\"") ? "snapshot" : text));
                }
            });
            return first.get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }
}
