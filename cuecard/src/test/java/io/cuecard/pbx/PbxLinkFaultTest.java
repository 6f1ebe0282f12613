package io.cuecard.pbx;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI link is cut under live calls: Cuecard reconnects, resyncs from CoreShowChannels and logs every call right. */
@QuarkusTest
class PbxLinkFaultTest {

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    PbxSimulator sim;

    @BeforeEach
    void linkUp() {
        sim = pbx.simulator(PbxSimulator.class);
        sim.setAccepting(true);
        FreeAgents.free("agent2");
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
    }

    @AfterEach
    void accepting() {
        sim.setAccepting(true);
    }

    private SimulatedCall answeredCall(String number) {
        SimulatedCall call = sim.inboundCall(number, "service").ringAgent("PJSIP/agent2").answer();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("agents", hasItem("agent2")));
        return call;
    }

    private JsonPath ended(SimulatedCall call) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("endedAt", notNullValue()));
        return supervisor().get("/api/calls/{id}", call.linkedid()).then().extract().jsonPath();
    }

    private void cutAndAwaitReconnect(Runnable whileDown) {
        long before = link.status().reconnects();
        sim.setAccepting(false);
        sim.dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.connected());
        whileDown.run();
        sim.setAccepting(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> link.connected() && link.status().reconnects() > before);
    }

    @Test
    void linkCutMidCallReconnectsAndTheCallIsLoggedWhenItEnds() {
        SimulatedCall call = answeredCall("+4930100001");
        cutAndAwaitReconnect(() -> { });
        supervisor().get("/q/health/group/pbx").then().statusCode(200);
        call.customerHangsUp();
        JsonPath logged = ended(call);
        assertThat(logged.getString("hangupBy")).isEqualTo("customer");
        assertThat(logged.getList("agents")).containsExactly("agent2");
        assertThat(logged.getString("outcome")).isEqualTo("answered");
        assertThat(logged.getList("flags.rule")).doesNotContain("link-lost");
    }

    @Test
    void aCallThatEndsDuringTheOutageIsClosedBySystemWithAFlag() {
        SimulatedCall call = answeredCall("+4930100002");
        cutAndAwaitReconnect(call::customerHangsUp);
        JsonPath logged = ended(call);
        assertThat(logged.getString("hangupBy")).isEqualTo("system");
        assertThat(logged.getList("flags.rule")).contains("link-lost");
    }

    @Test
    void aCallThatStartsDuringTheOutageAppearsAfterTheResync() {
        SimulatedCall[] call = new SimulatedCall[1];
        cutAndAwaitReconnect(() -> call[0] = sim.inboundCall("+4930100003", "service").ringAgent("PJSIP/agent2").answer());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call[0].linkedid())
                .then().statusCode(200));
        call[0].customerHangsUp();
        JsonPath logged = ended(call[0]);
        assertThat(logged.getString("customerNumber")).isEqualTo("+4930100003");
    }

    @Test
    void theHealthGroupShowsTheLinkDown() {
        sim.setAccepting(false);
        sim.dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.connected());
        supervisor().get("/q/health/group/pbx").then().statusCode(503);
        supervisor().get("/q/health/ready").then().statusCode(200);
        sim.setAccepting(true);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
    }
}
