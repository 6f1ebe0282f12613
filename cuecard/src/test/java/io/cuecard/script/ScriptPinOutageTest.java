package io.cuecard.script;

import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.script.service.ScriptLibrary;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.DatabaseProxyResource;
import io.cuecard.testsupport.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call that starts while the database cannot be reached (the TCP proxy in front of PostgreSQL is cut) keeps the
 * script version that was active when it started: the pin is decided in memory and written once the database is back
 * (issue 10: 11 calls of a demo run were logged with {@code "script": null} after an outage).
 */
@QuarkusTest
@TestProfile(ScriptPinOutageTest.Outage.class)
class ScriptPinOutageTest {

    /** Cuecard behind the database proxy, with quick call-log retries and a short wait for a pooled connection. */
    public static class Outage implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cuecard.call-log.journal-dir", "target/call-log-journal-pin-outage",
                    "%test.cuecard.call-log.journal-dir", "target/call-log-journal-pin-outage",
                    "cuecard.call-log.probe-interval", "1s",
                    "cuecard.call-log.max-backoff", "1s",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxyResource.class));
        }
    }

    TcpProxy proxy;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    ScriptLibrary library;

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @Test
    void aCallThatStartsDuringADatabaseOutageKeepsTheScriptItRanWith() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);

        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/database").then().statusCode(503)
                .body("checks[0].data.database", equalTo("DOWN")));
        SimulatedCall call = answered(sim, "+4930400001", "PJSIP/agent1");
        // the pin writer tries while the database is away (each try fails within the 2 s acquisition timeout)
        Thread.sleep(5_000);
        call.customerHangsUp();

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200)
                .body("endedAt", notNullValue())
                .body("script", notNullValue()));
        JsonPath logged = supervisor().get("/api/calls/{id}", call.linkedid()).then().extract().jsonPath();
        String scriptId = logged.getString("script.id");
        assertThat(library.latest(scriptId)).as("the script the call ran with").isPresent();
        assertThat(logged.getInt("script.version")).as("the version active when the call started")
                .isEqualTo(library.latest(scriptId).orElseThrow().version());
    }

    /** Rings the agent for a new queue call and answers; the agent may still be paused for the wrap-up of the last one. */
    private static SimulatedCall answered(PbxSimulator sim, String number, String agent) {
        SimulatedCall call = sim.inboundCall(number, "service");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            sim.pauseAgent(agent, false, "test: next call");
            try {
                call.ringAgent(agent);
                return true;
            } catch (IllegalStateException e) {
                return false;
            }
        });
        return call.answer();
    }
}
