package io.cuecard.agent.auth;

import static io.cuecard.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/** Users made for a test, logins through the login form, requests with the session cookie from Cuecard's own page. */
final class SessionTestSupport {

    static final String PASSWORD = "correct-horse-battery";

    private SessionTestSupport() {
    }

    /** A fresh user (deleted first if a previous run left it) with these roles and {@link #PASSWORD}. */
    static void createUser(String username, List<String> roles) {
        as("admin").delete("/api/agents/{u}", username);
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":["
                + String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList()) + "]}";
        as("admin").contentType("application/json").body(body).post("/api/agents").then().statusCode(201);
    }

    /** Logs in through the login form; returns the value of the session cookie. */
    static String login(String username, String password) {
        var response = given().redirects().follow(false).formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
        response.then().statusCode(302).header("Location", "/");
        String cookie = response.cookie(SessionCookie.NAME);
        assertThat(cookie).as("session cookie of %s", username).isNotBlank();
        return cookie;
    }

    /** A request with the session cookie, from Cuecard's own page (its Origin, as the console's requests have). */
    static RequestSpecification withSession(String cookie) {
        return given().redirects().follow(false).cookie(SessionCookie.NAME, cookie)
                .header("Origin", RestAssured.baseURI + ":" + RestAssured.port);
    }
}
