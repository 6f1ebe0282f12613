package io.cuecard.agent.auth;

import static io.cuecard.TestUsers.as;
import static io.cuecard.agent.auth.SessionTestSupport.PASSWORD;
import static io.cuecard.agent.auth.SessionTestSupport.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.cuecard.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login throttling per client address: 5 failures for a user name or 20 from an address block further attempts (429,
 * {@code Retry-After}), the right password too; the block doubles per further failure; a success resets it; an admin
 * lifts it; other addresses are unaffected; X-Forwarded-For counts only from a trusted proxy. Each client is a real
 * loopback address (127.0.0.x); the base delay is 3 s in tests (1 min in production).
 */
@QuarkusTest
class LoginThrottleTest {

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void users() {
        for (String user : List.of("thr-user", "thr-other", "thr-xff", "thr-basic")) {
            createUser(user, List.of("agent"));
            as("admin").delete("/api/login-throttle?username=" + user).then().statusCode(200);
        }
    }

    @Test
    void fiveFailuresForOneUserBlockThatUserFromThatAddressOnly() throws Exception {
        RawHttp client = new RawHttp(base, "127.0.0.2");
        for (int i = 1; i <= 5; i++) {
            RawHttp.Response failed = client.loginForm("thr-user", "wrong-password-" + i);
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location")).isEqualTo("/login.html?error");
        }
        RawHttp.Response blocked = client.loginForm("thr-user", PASSWORD);
        assertThat(blocked.status()).as("the right password while blocked").isEqualTo(429);
        long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(blocked.body()).contains("\"status\":429");

        RawHttp.Response browser = client.loginForm("thr-user", PASSWORD, true, Map.of());
        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.header("Location")).startsWith("/login.html?throttled=");
        assertThat(browser.header("Retry-After")).isNotNull();
        assertThat(client.basic("/api/me", "thr-user", PASSWORD).status()).as("HTTP Basic, same user and address").isEqualTo(429);
        RawHttp.Response json = client.request("POST", "/api/login", Map.of("Content-Type", "application/json"),
                "{\"j_username\":\"thr-user\",\"j_password\":\"" + PASSWORD + "\"}");
        assertThat(json.status()).isEqualTo(429);
        assertThat(json.header("Retry-After")).isNotNull();

        assertThat(new RawHttp(base, "127.0.0.3").loginForm("thr-user", PASSWORD).header("Location"))
                .as("the same user from another address").isEqualTo("/");
        assertThat(client.loginForm("thr-other", PASSWORD).header("Location")).as("another user from this address").isEqualTo("/");

        Thread.sleep(retryAfter * 1000 + 300);
        assertThat(client.loginForm("thr-user", "wrong-password-6").header("Location")).isEqualTo("/login.html?error");
        RawHttp.Response doubled = client.loginForm("thr-user", PASSWORD);
        assertThat(doubled.status()).isEqualTo(429);
        long longer = Long.parseLong(doubled.header("Retry-After"));
        assertThat(longer).as("the block doubles per further failure").isGreaterThan(3L).isLessThanOrEqualTo(6L);

        Thread.sleep(longer * 1000 + 300);
        assertThat(client.loginForm("thr-user", PASSWORD).header("Location")).as("after the block").isEqualTo("/");
        // the success reset the count: four more failures do not block
        for (int i = 1; i <= 4; i++) {
            assertThat(client.loginForm("thr-user", "wrong-again-" + i).header("Location")).isEqualTo("/login.html?error");
        }
        assertThat(client.loginForm("thr-user", PASSWORD).header("Location")).isEqualTo("/");
    }

    @Test
    void thirtyWrongLoginsFromOneAddressAreThrottledUntilAnAdminLiftsIt() throws Exception {
        RawHttp client = new RawHttp(base, "127.0.0.4");
        int refused = 0;
        int throttled = 0;
        for (int i = 1; i <= 30; i++) {
            RawHttp.Response r = client.loginForm("guess-" + i, "password-" + i);
            if (r.status() == 429) {
                throttled++;
                assertThat(r.header("Retry-After")).isNotNull();
            } else {
                assertThat(r.header("Location")).isEqualTo("/login.html?error");
                refused++;
            }
        }
        assertThat(refused).as("failures before the address is blocked").isEqualTo(20);
        assertThat(throttled).isEqualTo(10);
        assertThat(client.loginForm("thr-user", PASSWORD).status()).as("any user from that address, right password").isEqualTo(429);
        assertThat(client.basic("/api/me", "thr-user", PASSWORD).status()).isEqualTo(429);
        assertThat(new RawHttp(base, "127.0.0.5").loginForm("thr-user", PASSWORD).header("Location")).as("another address").isEqualTo("/");

        as("agent1").delete("/api/login-throttle?address=127.0.0.4").then().statusCode(403);
        as("admin").delete("/api/login-throttle").then().statusCode(400);
        as("admin").delete("/api/login-throttle?address=127.0.0.4").then().statusCode(200).body("lifted", equalTo(20));
        assertThat(client.loginForm("thr-user", PASSWORD).header("Location")).as("lifted by an admin").isEqualTo("/");
        as("admin").get("/api/audit?action=login-throttle.lifted").then().statusCode(200).body("items[0].target", equalTo("127.0.0.4"));
    }

    @Test
    void basicAuthFailuresCountTheSame() throws Exception {
        RawHttp client = new RawHttp(base, "127.0.0.7");
        for (int i = 1; i <= 5; i++) {
            RawHttp.Response r = client.basic("/api/me", "thr-basic", "wrong-password-" + i);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Cuecard\"");
        }
        RawHttp.Response blocked = client.basic("/api/me", "thr-basic", PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotNull();
        assertThat(blocked.body()).contains("\"status\":429");
        assertThat(client.loginForm("thr-basic", PASSWORD).status()).as("the login form, same user and address").isEqualTo(429);
        assertThat(new RawHttp(base, "127.0.0.8").basic("/api/me", "thr-basic", PASSWORD).status()).isEqualTo(200);
        as("admin").delete("/api/login-throttle?username=thr-basic").then().statusCode(200).body("lifted", equalTo(5));
        assertThat(client.basic("/api/me", "thr-basic", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void xForwardedForCountsOnlyFromATrustedProxy() throws Exception {
        // 127.0.0.6 is no proxy: whatever X-Forwarded-For it sends, its attempts count under 127.0.0.6
        RawHttp untrusted = new RawHttp(base, "127.0.0.6");
        for (int i = 1; i <= 5; i++) {
            untrusted.loginForm("thr-xff", "wrong-password-" + i, false, Map.of("X-Forwarded-For", "198.51.100." + i));
        }
        assertThat(untrusted.loginForm("thr-xff", PASSWORD, false, Map.of("X-Forwarded-For", "198.51.100.99")).status()).isEqualTo(429);

        // 127.0.0.9 is the trusted proxy of the tests: the forwarded address is the client
        RawHttp proxy = new RawHttp(base, "127.0.0.9");
        for (int i = 1; i <= 5; i++) {
            proxy.loginForm("thr-xff", "wrong-password-" + i, false, Map.of("X-Forwarded-For", "198.51.100.1"));
        }
        assertThat(proxy.loginForm("thr-xff", PASSWORD, false, Map.of("X-Forwarded-For", "198.51.100.1")).status()).isEqualTo(429);
        assertThat(proxy.loginForm("thr-xff", PASSWORD, false, Map.of("X-Forwarded-For", "198.51.100.2")).header("Location"))
                .as("another client behind the same proxy").isEqualTo("/");
        as("admin").get("/api/audit?action=login.throttled&actor=thr-xff").then().statusCode(200)
                .body("items.address", org.hamcrest.Matchers.hasItems("127.0.0.6", "198.51.100.1"));
    }
}
