package io.cuecard.pbx;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 6, against the simulator over TCP: the AMI link is cut while a call is up and the customer hangs up
 * during the cut. After the reconnect the call log (REST and the call_log table) says what is known: it ended between
 * the link loss ({@code endedAfter}) and the resync ({@code endedBefore}), talk counted to {@code endedAfter} (not to
 * the reconnect), hung up by {@code system}, flag {@code ended-while-disconnected}. A caller who waits in the queue
 * across a cut keeps the wait counted from joining the queue, not from the reconnect.
 */
@QuarkusTest
class EndedWhileDisconnectedSimulatorTest {

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    AgroalDataSource dataSource;

    PbxSimulator sim;

    @BeforeEach
    void linkUp() {
        sim = pbx.simulator(PbxSimulator.class);
        sim.setAccepting(true);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        FreeAgents.free("agent2");
    }

    /** The calls a test started: one it leaves up (after a failure) would keep agent2 busy for the next. */
    final List<SimulatedCall> calls = new ArrayList<>();

    @AfterEach
    void accepting() {
        sim.setAccepting(true);
        for (SimulatedCall call : calls) {
            if (call.phase() == SimulatedCall.Phase.QUEUED) {
                call.abandon();
            } else if (call.phase() != SimulatedCall.Phase.ENDED) {
                call.customerHangsUp();
            }
        }
    }

    private SimulatedCall inbound(String number) {
        SimulatedCall call = sim.inboundCall(number, "service");
        calls.add(call);
        return call;
    }

    private static JsonPath logged(SimulatedCall call) {
        return supervisor().get("/api/calls/{id}", call.linkedid()).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath ended(SimulatedCall call) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("endedAt", notNullValue()));
        return logged(call);
    }

    private static Instant instant(JsonPath json, String member) {
        String text = json.getString(member);
        return text == null ? null : Instant.parse(text);
    }

    private void cut() {
        sim.setAccepting(false);
        sim.dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.connected());
    }

    private void reconnect(long reconnectsBefore) {
        sim.setAccepting(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> link.connected() && link.status().reconnects() > reconnectsBefore);
    }

    @Test
    void aCallThatEndsDuringALinkCutIsLoggedWithTheWindowItEndedIn() throws Exception {
        SimulatedCall call = inbound("+4930100061").ringAgent("PJSIP/agent2").answer();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("agents", hasItem("agent2")));
        Thread.sleep(2_000);                               // two seconds of talk
        long reconnects = link.status().reconnects();
        Instant cutStarts = Instant.now();
        cut();
        Instant cutSeen = Instant.now();
        Thread.sleep(1_500);
        call.customerHangsUp();                            // while Cuecard cannot see the PBX
        Instant hungUp = Instant.now();
        Thread.sleep(3_000);
        reconnect(reconnects);
        Instant reconnected = Instant.now();

        JsonPath json = ended(call);
        Instant answeredAt = instant(json, "answeredAt");
        Instant endedAfter = instant(json, "endedAfter");
        Instant endedBefore = instant(json, "endedBefore");
        assertThat(endedAfter).as("endedAfter: the link loss").isBetween(cutStarts, cutSeen.plusMillis(500)).isBefore(hungUp);
        assertThat(endedBefore).as("endedBefore: the resync").isBetween(hungUp, reconnected.plusSeconds(1));
        assertThat(instant(json, "endedAt")).isEqualTo(endedAfter);
        long talk = json.getLong("talkSeconds");
        assertThat(talk).as("talk counted to endedAfter").isEqualTo(Math.round(Duration.between(answeredAt, endedAfter).toMillis() / 1000.0))
                .isLessThan(Duration.between(answeredAt, hungUp).toSeconds());
        assertThat(json.getString("hangupBy")).isEqualTo("system");
        assertThat(json.getList("flags.rule", String.class)).contains("ended-while-disconnected", "link-lost");

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select ended_after, ended_before from call_log where id = ?")) {
            ps.setString(1, call.linkedid());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                // timestamptz keeps microseconds
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isCloseTo(endedAfter, within(1, ChronoUnit.MILLIS));
                assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isCloseTo(endedBefore, within(1, ChronoUnit.MILLIS));
            }
        }
    }

    @Test
    void aCallEndedWithTheLinkUpHasNoWindow() {
        SimulatedCall call = inbound("+4930100062").ringAgent("PJSIP/agent2").answer();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("agents", hasItem("agent2")));
        call.customerHangsUp();
        JsonPath json = ended(call);
        assertThat(json.getString("endedAfter")).isNull();
        assertThat(json.getString("endedBefore")).isNull();
        assertThat(json.getList("flags.rule", String.class)).doesNotContain("ended-while-disconnected");
    }

    @Test
    void aCallerWaitingInTheQueueAcrossACutKeepsTheWaitFromJoining() throws Exception {
        SimulatedCall call = inbound("+4930100063");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200));
        Instant joined = instant(logged(call), "startedAt");
        long reconnects = link.status().reconnects();
        cut();
        Thread.sleep(2_000);
        reconnect(reconnects);
        Instant reconnected = Instant.now();
        Thread.sleep(1_000);
        call.ringAgent("PJSIP/agent2").answer();
        Instant answered = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("waitSeconds", notNullValue()));

        long wait = logged(call).getLong("waitSeconds");
        assertThat(wait).as("wait from joining the queue, across the cut")
                .isGreaterThanOrEqualTo(Duration.between(joined, reconnected).toSeconds())
                .isLessThanOrEqualTo(Duration.between(joined, answered).toSeconds() + 1);
        call.customerHangsUp();
        ended(call);
    }
}
