package io.cuecard.agent;

import static io.cuecard.TestUsers.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Admins manage agents through /api/agents; the call tracker's directory follows at once. */
@QuarkusTest
class AgentResourceTest {

    @Inject
    AgentDirectory directory;

    @Test
    void createChangeAndRemoveAnAgent() {
        as("admin").contentType("application/json")
                .body("{\"username\":\"agent7\",\"password\":\"secret7-long-enough\",\"displayName\":\"Agent Seven\",\"employeeNo\":\"1007\",\"extension\":\"207\"}")
                .post("/api/agents").then().statusCode(201)
                .body("memberInterface", equalTo("PJSIP/agent7")).body("roles[0]", equalTo("agent"));
        org.assertj.core.api.Assertions.assertThat(directory.byExtension("207")).hasValueSatisfying(a -> a.username().equals("agent7"));
        io.restassured.RestAssured.given().auth().preemptive().basic("agent7", "secret7-long-enough").get("/api/me").then().statusCode(200).body("displayName", equalTo("Agent Seven"));

        as("admin").contentType("application/json").body("{\"username\":\"agent7\",\"password\":\"secret7-long-enough\"}")
                .post("/api/agents").then().statusCode(409).body("error", containsString("exists"));
        as("admin").contentType("application/json").body("{\"extension\":\"201\"}")
                .put("/api/agents/agent7").then().statusCode(409).body("error", containsString("201"));
        as("admin").contentType("application/json").body("{\"memberInterface\":\"PJSIP/agent1\"}")
                .put("/api/agents/agent7").then().statusCode(409).body("error", containsString("PJSIP/agent1"));
        as("admin").contentType("application/json").body("{\"extension\":\"217\",\"displayName\":\"Agent 7\"}")
                .put("/api/agents/agent7").then().statusCode(200).body("extension", equalTo("217")).body("displayName", equalTo("Agent 7"));
        org.assertj.core.api.Assertions.assertThat(directory.byExtension("207")).isEmpty();

        as("admin").delete("/api/agents/agent7").then().statusCode(204);
        as("admin").delete("/api/agents/agent7").then().statusCode(404);
        as("admin").get("/api/agents/agent7").then().statusCode(404);
        org.assertj.core.api.Assertions.assertThat(directory.byUsername("agent7")).isEmpty();
    }

    @Test
    void languageIsRememberedPerUser() {
        as("agent2").contentType("application/json").body("{\"language\":\"en\"}").put("/api/me/language").then().statusCode(204);
        as("agent2").get("/api/me").then().body("language", equalTo("en"));
        as("agent2").contentType("application/json").body("{\"language\":\"fr\"}").put("/api/me/language").then().statusCode(400);
        as("agent2").contentType("application/json").body("{\"language\":\"zh-CN\"}").put("/api/me/language").then().statusCode(204);
    }
}
