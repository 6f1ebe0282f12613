package io.cuecard.agent.auth;

import static io.cuecard.agent.auth.SessionTestSupport.PASSWORD;
import static io.cuecard.agent.auth.SessionTestSupport.createUser;
import static io.cuecard.agent.auth.SessionTestSupport.login;
import static io.cuecard.agent.auth.SessionTestSupport.withSession;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.cuecard.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The session cookie cannot be forged: not with the old stateless form-login cookie encrypted with the demo key that
 * used to be in application.properties, not with a new-style cookie signed with any key but the instance's own
 * (here: the random one kept in the database). Its attributes: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS.
 */
@QuarkusTest
class SessionCookieTest {

    /** The key application.properties used to fall back to. */
    static final String OLD_DEMO_KEY = "cuecard-demo-session-key-change-me";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anOldStyleFormLoginCookieMadeWithTheOldDemoKeyIsRefused() {
        String forged = oldStyleCookie(OLD_DEMO_KEY, "admin");
        assertThat(restoreOldStyle(OLD_DEMO_KEY, forged)).as("the forgery is a valid old-style admin cookie").isEqualTo("admin");

        given().redirects().follow(false).cookie("quarkus-credential", forged).get("/api/agents").then().statusCode(401);
        given().redirects().follow(false).cookie("quarkus-credential", forged).contentType("application/json")
                .body("{\"username\":\"intruder\",\"password\":\"intruder-password\",\"roles\":[\"admin\"]}")
                .post("/api/agents").then().statusCode(401);
        given().redirects().follow(false).cookie("quarkus-credential", forged).get("/").then().statusCode(302)
                .header("Location", "/login.html");
        io.cuecard.TestUsers.as("admin").get("/api/agents/intruder").then().statusCode(404);
    }

    @Test
    void aNewStyleCookieSignedWithAnyOtherKeyIsRefused() throws Exception {
        createUser("cookie-admin", List.of("admin"));
        String real = login("cookie-admin", PASSWORD);
        withSession(real).get("/api/agents").then().statusCode(200);
        String token = real.substring(0, real.indexOf('.'));

        for (String key : List.of(OLD_DEMO_KEY, "x".repeat(32), "0123456789abcdef0123456789abcdef0123456789abcdef")) {
            String forged = new SessionTokens(key.getBytes(StandardCharsets.UTF_8)).cookieValue(token);
            withSession(forged).get("/api/agents").then().statusCode(401);
        }
        SessionTokens random = new SessionTokens(new byte[32]);
        withSession(random.cookieValue(random.newToken())).get("/api/me").then().statusCode(401);
        withSession(token).get("/api/me").then().statusCode(401);
        withSession("garbage").get("/api/me").then().statusCode(401);

        // the instance signs with the random key it generated on first start and keeps in the database
        String stored;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select value from server_secret where name = 'session-key'")) {
            assertThat(rs.next()).isTrue();
            stored = rs.getString(1);
        }
        byte[] key = Base64.getDecoder().decode(stored);
        assertThat(key).hasSize(32);
        assertThat(new SessionTokens(key).cookieValue(token)).isEqualTo(real);
        withSession(real).get("/api/me").then().statusCode(200).body("username", equalTo("cookie-admin"));
    }

    @Test
    void theCookieIsHttpOnlySameSiteLaxAndSecureOnlyOverHttps() throws Exception {
        createUser("cookie-attrs", List.of("agent"));
        String setCookie = given().redirects().follow(false).formParam("j_username", "cookie-attrs").formParam("j_password", PASSWORD)
                .post("/j_security_check").then().statusCode(302).extract().header("Set-Cookie");
        assertThat(setCookie).startsWith(SessionCookie.NAME + "=").contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax")
                .doesNotContain("Secure").doesNotContainIgnoringCase("Max-Age").doesNotContainIgnoringCase("Expires");

        // behind a trusted proxy (127.0.0.9 in tests) that says the browser used HTTPS
        RawHttp proxy = new RawHttp(base, "127.0.0.9");
        RawHttp.Response viaProxy = proxy.loginForm("cookie-attrs", PASSWORD, false, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"));
        assertThat(viaProxy.status()).isEqualTo(302);
        assertThat(viaProxy.header("Set-Cookie")).contains("; Secure");
        // the same header from anyone else is not believed
        RawHttp.Response direct = new RawHttp(base, "127.0.0.8").loginForm("cookie-attrs", PASSWORD, false, Map.of("X-Forwarded-Proto", "https"));
        assertThat(direct.status()).isEqualTo(302);
        assertThat(direct.header("Set-Cookie")).doesNotContain("Secure");
    }

    @Test
    void unauthenticatedApiRequestsGet401WithABasicChallengeAndPagesTheLoginPage() {
        given().redirects().follow(false).get("/api/me").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"Cuecard\"").body("status", equalTo(401));
        given().redirects().follow(false).header("X-Requested-With", "XMLHttpRequest").get("/api/me").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).get("/ws/console").then().statusCode(401);
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", "/login.html");
    }

    @Test
    void theJsonLoginGivesTheSameCookie() {
        createUser("cookie-json", List.of("agent"));
        var ok = given().contentType("application/json").body("{\"j_username\":\"cookie-json\",\"j_password\":\"" + PASSWORD + "\"}")
                .post("/api/login");
        ok.then().statusCode(200).body("username", equalTo("cookie-json")).body("roles[0]", equalTo("agent"));
        withSession(ok.cookie(SessionCookie.NAME)).get("/api/me").then().statusCode(200);
        given().contentType("application/json").body("{\"j_username\":\"cookie-json\",\"j_password\":\"wrong-password-1\"}")
                .post("/api/login").then().statusCode(401).body("status", equalTo(401));
        given().redirects().follow(false).formParam("j_username", "cookie-json").formParam("j_password", "wrong-password-2")
                .post("/j_security_check").then().statusCode(302).header("Location", "/login.html?error");
        io.cuecard.TestUsers.as("admin").delete("/api/login-throttle?username=cookie-json").then().statusCode(200);
    }

    // --- the old form login's cookie, made by Quarkus' own PersistentLoginManager ---------------------------------

    static String oldStyleCookie(String key, String user) {
        PersistentLoginManager manager = new PersistentLoginManager(key, "quarkus-credential", 8 * 3600_000L, 300_000L,
                true, "LAX", "/", -1, null);
        AtomicReference<Cookie> saved = new AtomicReference<>();
        HttpServerResponse response = proxy(HttpServerResponse.class, (method, args) -> {
            if (method.equals("addCookie")) {
                saved.set((Cookie) args[0]);
            }
            return null;
        });
        RoutingContext context = proxy(RoutingContext.class, (method, args) -> {
            if (method.equals("addCookie")) {
                saved.set((Cookie) args[0]);
            }
            return method.equals("response") ? response : null;
        });
        manager.save(user, context, "quarkus-credential", null, false);
        return saved.get().getValue();
    }

    static String restoreOldStyle(String key, String cookieValue) {
        PersistentLoginManager manager = new PersistentLoginManager(key, "quarkus-credential", 8 * 3600_000L, 300_000L,
                true, "LAX", "/", -1, null);
        HttpServerRequest request = proxy(HttpServerRequest.class,
                (method, args) -> method.equals("getCookie") ? Cookie.cookie("quarkus-credential", cookieValue) : null);
        RoutingContext context = proxy(RoutingContext.class, (method, args) -> switch (method) {
            case "request" -> request;
            case "getCookie" -> Cookie.cookie("quarkus-credential", cookieValue);
            default -> null;
        });
        var restored = manager.restore(context);
        return restored == null ? null : restored.getPrincipal();
    }

    interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> handler.handle(method.getName(), args));
    }
}
