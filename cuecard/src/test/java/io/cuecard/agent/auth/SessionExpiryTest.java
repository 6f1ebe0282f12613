package io.cuecard.agent.auth;

import static io.cuecard.agent.auth.SessionTestSupport.PASSWORD;
import static io.cuecard.agent.auth.SessionTestSupport.createUser;
import static io.cuecard.agent.auth.SessionTestSupport.login;
import static io.cuecard.agent.auth.SessionTestSupport.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.console.ConsoleClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions end by themselves: after the idle timeout without a request, and at the absolute limit however busy they
 * are; an open console counts as use, and is closed (4401) when its session reaches the absolute limit. The limits are
 * seconds here (8 h and 24 h by default).
 */
@QuarkusTest
@TestProfile(SessionExpiryTest.ShortSessions.class)
class SessionExpiryTest {

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cuecard.session.idle-timeout", "2s", "cuecard.session.absolute-timeout", "7s",
                    "cuecard.session.housekeeping-interval", "1s");
        }
    }

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Test
    void aSessionUnusedForTheIdleTimeoutEnds() throws Exception {
        createUser("exp-idle", List.of("agent"));
        String cookie = login("exp-idle", PASSWORD);
        withSession(cookie).get("/api/me").then().statusCode(200);
        Thread.sleep(2_600);
        withSession(cookie).get("/api/me").then().statusCode(401);
    }

    @Test
    void aSessionInUseLastsUntilTheAbsoluteLimit() throws Exception {
        createUser("exp-busy", List.of("agent"));
        long start = System.nanoTime();
        String cookie = login("exp-busy", PASSWORD);
        while (System.nanoTime() - start < Duration.ofMillis(5_000).toNanos()) {
            withSession(cookie).get("/api/me").then().statusCode(200);
            Thread.sleep(500);
        }
        Thread.sleep(Math.max(0, Duration.ofMillis(7_300).toMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis()));
        withSession(cookie).get("/api/me").then().statusCode(401);
    }

    @Test
    void anOpenConsoleKeepsItsSessionAliveUntilTheAbsoluteLimitThenCloses() throws Exception {
        createUser("exp-console", List.of("agent"));
        long start = System.nanoTime();
        String cookie = login("exp-console", PASSWORD);
        try (ConsoleClient console = ConsoleClient.withSession(consoleSocket, cookie)) {
            assertThat(console.next()).contains("\"type\":\"snapshot\"");
            Thread.sleep(4_000); // twice the idle timeout without a request
            withSession(cookie).get("/api/me").then().statusCode(200);
            long left = Duration.ofSeconds(7).toMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(console.awaitClose(Duration.ofMillis(left + 2_500))).isEqualTo("4401 session-ended");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(6_900));
        }
        withSession(cookie).get("/api/me").then().statusCode(401);
    }
}
