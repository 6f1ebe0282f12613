package io.cuecard.platform;

import static io.cuecard.TestUsers.as;
import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Security headers on every answer: Cuecard's pages (a policy without inline script), the API (no-store), the errors
 * answered on the way (401, 403, 404, 400, 415, 500 …) and the Swagger UI (its own policy, inline script allowed).
 */
@QuarkusTest
class SecurityHeadersTest {

    enum Kind { PAGE, API, SWAGGER }

    private static RequestSpecification anonymous() {
        return given().redirects().follow(false);
    }

    @Test
    void pagesHaveAPolicyWithoutInlineScript() {
        check(Kind.PAGE, 200, () -> anonymous().get("/login.html"));
        check(Kind.PAGE, 200, () -> anonymous().get("/error.html"));
        check(Kind.PAGE, 302, () -> anonymous().get("/"));                    // to the login page
        check(Kind.PAGE, 200, () -> supervisor().get("/"));
        check(Kind.PAGE, 200, () -> supervisor().get("/index.html"));
        check(Kind.PAGE, 404, () -> anonymous().get("/no-such-page.html"));
        check(Kind.PAGE, 200, () -> anonymous().get("/q/health"));
        check(Kind.PAGE, 401, () -> anonymous().get("/q/openapi"));                // an API description: 401, as the API
        check(Kind.PAGE, 302, () -> anonymous().formParam("j_username", "agent1").formParam("j_password", "wrong")
                .post("/j_security_check"));
    }

    @Test
    void apiAnswersAndErrorsAreNotStored() {
        check(Kind.API, 200, () -> supervisor().get("/api/me"));
        check(Kind.API, 200, () -> supervisor().get("/api/calls"));
        check(Kind.API, 401, () -> anonymous().get("/api/calls"));
        check(Kind.API, 401, () -> given().auth().preemptive().basic("agent1", "wrong").get("/api/calls"));
        check(Kind.API, 403, () -> as("agent1").contentType("application/json").body("{}").post("/api/agents"));
        check(Kind.API, 403, () -> supervisor().header("Origin", "http://evil.example").contentType("application/json")
                .body("{}").post("/api/phrases/check"));
        check(Kind.API, 404, () -> supervisor().get("/api/calls/no-such-call"));
        check(Kind.API, 404, () -> supervisor().get("/api/no-such-resource"));
        check(Kind.API, 400, () -> supervisor().get("/api/calls?page=x"));
        check(Kind.API, 400, () -> supervisor().urlEncodingEnabled(false).get("/api/calls/%00"));
        check(Kind.API, 400, () -> supervisor().contentType("application/json").body("{").post("/api/phrases/check"));
        check(Kind.API, 415, () -> supervisor().contentType("text/plain").body("x").post("/api/scripts"));
        check(Kind.API, 405, () -> supervisor().contentType("application/json").body("{}").patch("/api/calls"));
        check(Kind.API, 403, () -> anonymous().header("Origin", "http://evil.example").header("Connection", "Upgrade")
                .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").get("/ws/console"));
    }

    @Test
    void theSwaggerUiHasItsOwnPolicy() {
        Response r = check(Kind.SWAGGER, -1, () -> supervisor().get("/q/swagger-ui/"));
        if (r.statusCode() == 200) {
            assertThat(r.asString()).as("the Swagger UI's page starts itself inline").contains("<script>");
        }
        check(Kind.SWAGGER, -1, () -> supervisor().get("/q/swagger-ui/index.html"));
    }

    private static Response check(Kind kind, int status, Supplier<Response> request) {
        Response r = request.get();
        String what = r.getStatusCode() + " " + kind;
        if (status >= 0) {
            assertThat(r.statusCode()).as("status of %s", kind).isEqualTo(status);
        }
        String csp = r.header("Content-Security-Policy");
        assertThat(csp).as("CSP of %s", what).isNotNull().contains("frame-ancestors 'none'");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        switch (kind) {
            case PAGE -> {
                assertThat(csp).contains("script-src 'self';").contains("connect-src 'self'").doesNotContain("unsafe-inline")
                        .doesNotContain("unsafe-eval");
            }
            case API -> {
                assertThat(csp).contains("default-src 'none'");
                assertThat(r.header("Cache-Control")).as(what).isEqualTo("no-store");
            }
            case SWAGGER -> assertThat(csp).contains("script-src 'self' 'unsafe-inline'").contains("frame-ancestors 'none'");
        }
        return r;
    }
}
