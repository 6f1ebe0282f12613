package io.cuecard.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Against a real Asterisk (here: none listening) there are no demo users; the first admin comes from
 * CUECARD_ADMIN_PASSWORD, and the console is served while the PBX is unreachable.
 */
@QuarkusTest
@TestProfile(AsteriskModeTest.AsteriskMode.class)
class AsteriskModeTest {

    public static class AsteriskMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cuecard.pbx.mode", "asterisk", "cuecard.ami.host", "127.0.0.1", "cuecard.ami.port", "1",
                    "cuecard.admin-password", "first-admin-secret");
        }
    }

    @Test
    void noDemoUsersAndTheFirstAdminFromTheEnvironment() {
        given().auth().preemptive().basic("agent1", "agent1").get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic("admin", "admin").get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic("admin", "first-admin-secret").get("/api/me").then().statusCode(200)
                .body("roles", org.hamcrest.Matchers.hasItem("admin"));
    }

    @Test
    void thePbxOutageShowsInThePbxGroupNotInReadiness() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/group/pbx").then().statusCode(503).body("checks[0].data.ami", equalTo("CONNECTING"));
        given().get("/login.html").then().statusCode(200);
    }
}
