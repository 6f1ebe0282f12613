package io.cuecard.agent;

import static io.cuecard.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Passwords of at least 12 characters: new users, changed passwords, the configured first admin; demo users excepted. */
@QuarkusTest
class PasswordRulesTest {

    @Test
    void newAndChangedPasswordsNeedTwelveCharacters() {
        as("admin").delete("/api/agents/pw-rules");
        as("admin").contentType("application/json").body("{\"username\":\"pw-rules\",\"password\":\"elevenchars\"}")
                .post("/api/agents").then().statusCode(400).body("error", containsString("at least 12")).body("status", equalTo(400));
        as("admin").contentType("application/json").body("{\"username\":\"pw-rules\",\"password\":\"twelve-chars\"}")
                .post("/api/agents").then().statusCode(201);
        as("admin").contentType("application/json").body("{\"password\":\"short\"}").put("/api/agents/pw-rules")
                .then().statusCode(400).body("error", containsString("at least 12"));
        io.restassured.RestAssured.given().auth().preemptive().basic("pw-rules", "twelve-chars").contentType("application/json")
                .body("{\"current\":\"twelve-chars\",\"new\":\"too-short\"}").put("/api/me/password")
                .then().statusCode(400).body("error", containsString("at least 12"));
        io.restassured.RestAssured.given().auth().preemptive().basic("pw-rules", "twelve-chars").contentType("application/json")
                .body("{\"current\":\"twelve-chars\",\"new\":\"twelve-chars\"}").put("/api/me/password")
                .then().statusCode(400).body("fields[0].field", equalTo("new"));
        io.restassured.RestAssured.given().auth().preemptive().basic("pw-rules", "twelve-chars").contentType("application/json")
                .body("{\"current\":\"twelve-chars\",\"new\":\"a-longer-password\"}").put("/api/me/password")
                .then().statusCode(204);
        io.restassured.RestAssured.given().auth().preemptive().basic("pw-rules", "a-longer-password").get("/api/me").then().statusCode(200);
        io.restassured.RestAssured.given().auth().preemptive().basic("pw-rules", "twelve-chars").get("/api/me").then().statusCode(401);
        as("admin").delete("/api/agents/pw-rules").then().statusCode(204);
    }

    @Test
    void demoUsersOfTheSimulatorKeepTheirShortPasswords() {
        as("agent1").get("/api/me").then().statusCode(200);
    }

    @jakarta.inject.Inject
    UserSeeder seeder;

    @jakarta.inject.Inject
    AgentService agents;

    @Test
    void againstARealAsteriskDemoUsersThatStillHaveTheirDemoPasswordAreRemoved() {
        as("admin").delete("/api/agents/demo-x");
        as("admin").delete("/api/agents/demo-y");
        AgentRequest demoX = new AgentRequest("demo-x", "demo-x", "Demo X", null, "PJSIP/demo-x", null, java.util.List.of(User.ADMIN), "en");
        AgentRequest demoY = new AgentRequest("demo-y", "demo-y", "Demo Y", null, "PJSIP/demo-y", null, java.util.List.of(User.AGENT), "en");
        agents.createDemo(demoX);
        agents.createDemo(demoY);
        as("admin").contentType("application/json").body("{\"password\":\"demo-y-now-a-real-password\"}").put("/api/agents/demo-y")
                .then().statusCode(200);
        io.restassured.RestAssured.given().auth().preemptive().basic("demo-x", "demo-x").get("/api/me").then().statusCode(200);

        org.assertj.core.api.Assertions.assertThat(seeder.removeDemoUsers(java.util.List.of(demoX, demoY))).containsExactly("demo-x");
        io.restassured.RestAssured.given().auth().preemptive().basic("demo-x", "demo-x").get("/api/me").then().statusCode(401);
        as("admin").get("/api/agents/demo-y").then().statusCode(200);
        as("admin").delete("/api/agents/demo-y").then().statusCode(204);
        as("admin").delete("/api/login-throttle?username=demo-x").then().statusCode(200);
    }

    @Test
    void aShortConfiguredFirstAdminPasswordStopsTheStart() {
        assertThatThrownBy(() -> UserSeeder.requireAdminPassword("admin-pw-11"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CUECARD_ADMIN_PASSWORD").hasMessageContaining("12")
                .hasMessageNotContaining("admin-pw-11");
        assertThatCode(() -> UserSeeder.requireAdminPassword("admin-pw-twelve")).doesNotThrowAnyException();
    }
}
