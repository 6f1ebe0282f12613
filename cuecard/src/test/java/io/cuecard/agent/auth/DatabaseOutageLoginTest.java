package io.cuecard.agent.auth;

import static io.cuecard.TestUsers.as;
import static io.cuecard.agent.auth.SessionTestSupport.PASSWORD;
import static io.cuecard.agent.auth.SessionTestSupport.createUser;
import static io.cuecard.agent.auth.SessionTestSupport.login;
import static io.cuecard.agent.auth.SessionTestSupport.withSession;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.cuecard.console.ConsoleClient;
import io.cuecard.testsupport.DatabaseBehindProxy;
import io.cuecard.testsupport.TcpProxy;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database becomes unreachable (a TCP proxy in front of PostgreSQL is cut) under a running Cuecard: logins (the
 * form, {@code POST /api/login}, HTTP Basic) answer 503 JSON with {@code Retry-After}, a browser's form login goes to
 * {@code /login.html?unavailable}, and none of it counts as a failed login. A session this instance has cached keeps
 * working (its pages and its console need no database for the login); the cookie of one it has not cached gets 503 (or
 * the login page saying so), is kept, and works again when the database returns. A logout during the outage ends the
 * session at once and is written to the database when it returns.
 */
@QuarkusTest
@TestProfile(DatabaseBehindProxy.class)
class DatabaseOutageLoginTest {

    TcpProxy proxy;

    @Inject
    SessionStore sessions;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @AfterEach
    void restore() {
        proxy.restore();
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503)
                .contentType(containsString("application/json"))
                .header("Retry-After", "5")
                .header("WWW-Authenticate", nullValue())
                .header("Set-Cookie", nullValue())
                .body("status", equalTo(503))
                .body("error", containsStringIgnoringCase("temporarily unavailable"));
    }

    private static String apiLogin(String user) {
        return "{\"j_username\":\"" + user + "\",\"j_password\":\"" + PASSWORD + "\"}";
    }

    @Test
    void loginsAnswer503JsonWhileTheDatabaseIsDownAndCountNoFailure() {
        createUser("outage-login", List.of("agent"));
        proxy.cut();

        unavailable(given().contentType("application/json").body(apiLogin("outage-login")).post("/api/login").then());
        unavailable(given().contentType("application/json").body("{\"j_username\":\"outage-login\",\"j_password\":\"wrong\"}")
                .post("/api/login").then());
        // a browser posting the login page's form is sent back to it, which says why
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .formParam("j_username", "outage-login").formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(302).header("Location", "/login.html?unavailable").header("Set-Cookie", nullValue());
        unavailable(given().redirects().follow(false).formParam("j_username", "outage-login").formParam("j_password", PASSWORD)
                .post("/j_security_check").then());
        unavailable(given().auth().preemptive().basic("outage-login", PASSWORD).get("/api/me").then());
        unavailable(given().auth().preemptive().basic("outage-login", PASSWORD).header("X-Requested-With", "XMLHttpRequest")
                .get("/api/calls").then());
        // what needs no login still answers, whatever credentials come along
        given().auth().preemptive().basic("outage-login", PASSWORD).get("/q/health/live").then().statusCode(200);
        given().get("/login.html").then().statusCode(200);

        proxy.restore();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().contentType("application/json").body(apiLogin("outage-login")).post("/api/login").then().statusCode(200));
        // the wrong password during the outage was not counted (nor any other attempt): five more wrong ones are needed
        for (int i = 0; i < 4; i++) {
            given().contentType("application/json").body("{\"j_username\":\"outage-login\",\"j_password\":\"wrong\"}")
                    .post("/api/login").then().statusCode(401);
        }
        given().contentType("application/json").body(apiLogin("outage-login")).post("/api/login").then().statusCode(200);
    }

    @Test
    void aCachedSessionKeepsWorkingAndAnUncachedOneWaitsForTheDatabaseKeepingItsCookie() throws Exception {
        createUser("outage-cached", List.of("agent"));
        createUser("outage-uncached", List.of("agent"));
        String cached = login("outage-cached", PASSWORD);
        String uncached = login("outage-uncached", PASSWORD);
        // as an instance sees a session made on another one (or before its restart)
        uncache(sessionIdOf("outage-uncached"));
        proxy.cut();

        // the cached session: the console page and the console WebSocket need no database for the login
        withSession(cached).get("/").then().statusCode(200).contentType(containsString("text/html"));
        try (ConsoleClient console = ConsoleClient.withSession(consoleSocket, cached)) {
            assertThat(console.next()).contains("\"type\":\"snapshot\"");
        }
        // the profile itself lives in the database: 503, not 401, and the cookie stays
        unavailable(withSession(cached).get("/api/me").then());

        // the uncached session cannot be looked up: asked to wait, not logged out
        unavailable(withSession(uncached).get("/api/me").then());
        withSession(uncached).get("/").then().statusCode(302).header("Location", "/login.html?unavailable")
                .header("Set-Cookie", nullValue());
        withSession(uncached).get("/login.html").then().statusCode(200);

        proxy.restore();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                withSession(uncached).get("/api/me").then().statusCode(200).body("username", equalTo("outage-uncached")));
        withSession(cached).get("/api/me").then().statusCode(200).body("username", equalTo("outage-cached"));
    }

    @Test
    void aLogoutDuringTheOutageEndsTheSessionAtOnceAndInTheDatabaseWhenItReturns() throws Exception {
        createUser("outage-logout", List.of("agent"));
        String cookie = login("outage-logout", PASSWORD);
        String id = sessionIdOf("outage-logout");
        try (ConsoleClient console = ConsoleClient.withSession(consoleSocket, cookie)) {
            assertThat(console.next()).contains("\"type\":\"snapshot\"");
            proxy.cut();
            withSession(cookie).post("/api/logout").then().statusCode(204)
                    .header("Set-Cookie", containsString("Max-Age=0"));
            assertThat(console.awaitClose(Duration.ofSeconds(2))).isEqualTo("4401 session-ended");
        }
        withSession(cookie).get("/").then().statusCode(302).header("Location", "/login.html");

        proxy.restore();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as("admin").get("/api/users/{u}/sessions", "outage-logout")
                .then().statusCode(200).body("id", not(hasItem(id))));
        // written to the database: an instance that never saw this session refuses the cookie too
        forgetEnded(id);
        withSession(cookie).get("/api/me").then().statusCode(401);
    }

    private static String sessionIdOf(String user) {
        List<String> ids = as("admin").get("/api/users/{u}/sessions", user).then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(ids).as("sessions of %s", user).hasSize(1);
        return ids.get(0);
    }

    /** Drops a session from this instance's cache, as if another instance had made it. */
    private void uncache(String id) throws Exception {
        memory("cache").remove(id);
    }

    /** Forgets that this instance ended a session, as if another instance were asked. */
    private void forgetEnded(String id) throws Exception {
        memory("cache").remove(id);
        memory("ended").remove(id);
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> memory(String field) throws Exception {
        Field f = SessionStore.class.getDeclaredField(field);
        f.setAccessible(true);
        return (Map<String, ?>) f.get(ClientProxy.unwrap(sessions));
    }
}
