package io.cuecard.agent.auth;

import static io.cuecard.TestUsers.as;
import static io.cuecard.agent.auth.SessionTestSupport.PASSWORD;
import static io.cuecard.agent.auth.SessionTestSupport.createUser;
import static io.cuecard.agent.auth.SessionTestSupport.login;
import static io.cuecard.agent.auth.SessionTestSupport.withSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.cuecard.console.ConsoleClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sessions end at once: after a logout, a password change, a deleted user or changed roles the old cookie gets 401
 * and the user's open consoles are closed with 4401 "session-ended" within a second — also when the session was
 * revoked by another instance (seen by the revocation poll).
 */
@QuarkusTest
class SessionRevocationTest {

    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void logoutEndsThatSessionAndItsConsoleOnly() throws Exception {
        createUser("rev-logout", List.of("agent"));
        String cookie = login("rev-logout", PASSWORD);
        String other = login("rev-logout", PASSWORD);
        withSession(cookie).get("/api/me").then().statusCode(200).body("username", equalTo("rev-logout"));
        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, cookie));
             ConsoleClient otherConsole = opened(ConsoleClient.withSession(consoleSocket, other))) {
            withSession(cookie).post("/api/logout").then().statusCode(204).header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            withSession(cookie).get("/api/me").then().statusCode(401);
            withSession(cookie).get("/").then().statusCode(302).header("Location", "/login.html");

            assertThat(otherConsole.awaitClose(Duration.ofMillis(300))).as("the other session's console").isNull();
            withSession(other).get("/api/me").then().statusCode(200);
        }
    }

    @Test
    void anAdminsPasswordChangeEndsEverySessionAndConsoleOfTheUserBasicOnesToo() throws Exception {
        createUser("rev-password", List.of("agent"));
        String cookie = login("rev-password", PASSWORD);
        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, cookie));
             ConsoleClient basicConsole = opened(new ConsoleClient(consoleSocket, "rev-password", PASSWORD))) {
            as("admin").contentType("application/json").body("{\"password\":\"another-long-password\"}")
                    .put("/api/agents/rev-password").then().statusCode(200);
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            assertThat(basicConsole.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            withSession(cookie).get("/api/me").then().statusCode(401);
        }
    }

    @Test
    void ownPasswordChangeEndsTheOtherSessionsAndKeepsThisOneUnderAFreshCookie() throws Exception {
        createUser("rev-own", List.of("agent"));
        String current = login("rev-own", PASSWORD);
        String other = login("rev-own", PASSWORD);
        try (ConsoleClient mine = opened(ConsoleClient.withSession(consoleSocket, current));
             ConsoleClient elsewhere = opened(ConsoleClient.withSession(consoleSocket, other))) {
            withSession(current).contentType("application/json").body("{\"current\":\"wrong-password-here\",\"new\":\"my-new-password-12\"}")
                    .put("/api/me/password").then().statusCode(400).body("fields[0].field", equalTo("current"));
            withSession(current).contentType("application/json").body("{\"current\":\"" + PASSWORD + "\",\"new\":\"short\"}")
                    .put("/api/me/password").then().statusCode(400);

            var changed = withSession(current).contentType("application/json")
                    .body("{\"current\":\"" + PASSWORD + "\",\"new\":\"my-new-password-12\"}").put("/api/me/password");
            changed.then().statusCode(204);
            String fresh = changed.cookie(SessionCookie.NAME);
            assertThat(fresh).isNotBlank().isNotEqualTo(current);

            assertThat(elsewhere.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            withSession(other).get("/api/me").then().statusCode(401);
            withSession(current).get("/api/me").then().statusCode(401);
            withSession(fresh).get("/api/me").then().statusCode(200).body("username", equalTo("rev-own"));

            assertThat(mine.awaitClose(Duration.ofMillis(700))).as("the console of the session that changed the password").isNull();
            mine.send("{\"type\":\"said-it\"}");
            assertThat(mine.await("error", "callId")).as("it still talks to the server").isNotNull();
            // and it now belongs to the fresh session: a logout of that one closes it
            withSession(fresh).post("/api/logout").then().statusCode(204);
            assertThat(mine.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
        }
        login("rev-own", "my-new-password-12");
    }

    @Test
    void deletingTheUserEndsTheirSessionsAndConsoles() throws Exception {
        createUser("rev-deleted", List.of("supervisor"));
        String cookie = login("rev-deleted", PASSWORD);
        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, cookie))) {
            as("admin").delete("/api/agents/rev-deleted").then().statusCode(204);
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            withSession(cookie).get("/api/calls").then().statusCode(401);
        }
    }

    @Test
    void changedRolesEndTheSessionsAndTheNextLoginHasTheNewRoles() throws Exception {
        createUser("rev-roles", List.of("supervisor"));
        String cookie = login("rev-roles", PASSWORD);
        withSession(cookie).get("/api/agents").then().statusCode(200);
        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, cookie))) {
            as("admin").contentType("application/json").body("{\"roles\":[\"agent\"]}").put("/api/agents/rev-roles").then().statusCode(200);
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            withSession(cookie).get("/api/agents").then().statusCode(401);
        }
        String again = login("rev-roles", PASSWORD);
        withSession(again).get("/api/agents").then().statusCode(403);
        withSession(again).get("/api/me").then().statusCode(200).body("roles", contains("agent"));

        // a change that leaves the roles as they are ends nothing
        as("admin").contentType("application/json").body("{\"displayName\":\"Roles Unchanged\"}").put("/api/agents/rev-roles").then().statusCode(200);
        withSession(again).get("/api/me").then().statusCode(200);
    }

    @Test
    void aSessionRevokedByAnotherInstanceEndsHereWithinASecond() throws Exception {
        createUser("rev-elsewhere", List.of("agent"));
        String cookie = login("rev-elsewhere", PASSWORD);
        withSession(cookie).get("/api/me").then().statusCode(200); // cached here now
        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, cookie))) {
            // another instance sharing the database revokes it: only the row changes
            try (Connection c = dataSource.getConnection();
                 PreparedStatement u = c.prepareStatement("update user_session set revoked_at = now(), revoked_reason = 'logout'"
                         + " where username = 'rev-elsewhere' and revoked_at is null")) {
                assertThat(u.executeUpdate()).isEqualTo(1);
            }
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
            withSession(cookie).get("/api/me").then().statusCode(401);
        }
    }

    @Test
    void adminsSeeAndEndAUsersSessions() throws Exception {
        createUser("rev-admin", List.of("agent"));
        String first = login("rev-admin", PASSWORD);
        String second = login("rev-admin", PASSWORD);
        List<String> ids = as("admin").get("/api/users/rev-admin/sessions").then().statusCode(200).body("$", hasSize(2))
                .body("[0].username", equalTo("rev-admin")).extract().path("id");
        as("agent1").get("/api/users/rev-admin/sessions").then().statusCode(403);
        as("admin").get("/api/users/nobody-here/sessions").then().statusCode(404);

        String newest = ids.get(0);
        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, second))) {
            as("admin").delete("/api/sessions/{id}", newest).then().statusCode(204);
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
        }
        as("admin").delete("/api/sessions/{id}", newest).then().statusCode(404);
        withSession(second).get("/api/me").then().statusCode(401);
        withSession(first).get("/api/me").then().statusCode(200);

        try (ConsoleClient console = opened(ConsoleClient.withSession(consoleSocket, first))) {
            as("admin").delete("/api/users/rev-admin/sessions").then().statusCode(200).body("ended", equalTo(1));
            assertThat(console.awaitClose(ONE_SECOND)).isEqualTo("4401 session-ended");
        }
        withSession(first).get("/api/me").then().statusCode(401);
        as("admin").get("/api/users/rev-admin/sessions").then().statusCode(200).body("$", hasSize(0));
    }

    /** Waits for the console's snapshot (the connection is registered by then). */
    private static ConsoleClient opened(ConsoleClient console) throws InterruptedException {
        assertThat(console.next()).as("snapshot").contains("\"type\":\"snapshot\"");
        return console;
    }
}
