package io.cuecard.call.log;

import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.DatabaseProxyResource;
import io.cuecard.testsupport.JournalSeedResource;
import io.cuecard.testsupport.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database becomes unreachable (a TCP proxy in front of PostgreSQL is cut) while calls start and end: the call
 * log keeps at most 5 calls in memory, spills the rest to its journal, the {@code pbx} health group shows the database
 * down, and once the proxy is restored every call is in the log and the journal is gone. A journal left from an
 * earlier run is written at start-up.
 */
@QuarkusTest
@TestProfile(CallLogOutageTest.Outage.class)
class CallLogOutageTest {

    static final String JOURNAL = "target/call-log-journal-outage";

    /** Cuecard behind the proxy, with a small in-memory bound and quick retries. */
    public static class Outage implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cuecard.call-log.max-pending", "5",
                    "cuecard.call-log.journal-dir", JOURNAL,
                    "%test.cuecard.call-log.journal-dir", JOURNAL,
                    "cuecard.call-log.probe-interval", "1s",
                    "cuecard.call-log.max-backoff", "1s",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxyResource.class),
                    new TestResourceEntry(JournalSeedResource.class, Map.of("dir", JOURNAL)));
        }
    }

    TcpProxy proxy;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    CallLogWriter writer;

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @Test
    void aJournalLeftFromTheLastRunIsWrittenAtStartUp() {
        supervisor().get("/api/calls/{id}", JournalSeedResource.CALL_ID).then().statusCode(200)
                .body("customerNumber", equalTo("+49303")) // version 3, the newest in the journal
                .body("endedAt", notNullValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> segments().isEmpty());
    }

    @Test
    void callsDuringADatabaseOutageAreJournalledAndLoggedWhenItReturns() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        SimulatedCall before = answered(sim, "+4930300000", "PJSIP/agent1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", before.linkedid())
                .then().statusCode(200));
        long spilledBefore = writer.spilledTotal();

        proxy.cut();
        long cutAt = System.nanoTime();
        List<SimulatedCall> calls = new ArrayList<>(List.of(before));
        for (int i = 1; i <= 7; i++) {
            SimulatedCall call = answered(sim, "+493030000" + i, "PJSIP/agent2");
            call.customerHangsUp();
            calls.add(call);
        }
        before.customerHangsUp();
        SimulatedCall across = answered(sim, "+4930300009", "PJSIP/agent1");
        calls.add(across);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/database").then().statusCode(503)
                .body("checks[0].data.database", equalTo("DOWN")));
        // the PBX link is not the database: its group stays UP
        given().get("/q/health/group/pbx").then().statusCode(200).body("checks[0].data.ami", equalTo("CONNECTED"))
                .body("checks[0].data", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("database")));
        // metrics need no login, which would need the database: the operator sees the backlog during the outage
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("cuecard_calllog_backlog "));
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.spilledTotal() > spilledBefore && !segments().isEmpty());
        assertThat(writer.backlog()).isGreaterThanOrEqualTo(calls.size());
        long outageMs = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();
        Thread.sleep(Math.max(0, 3_000 - outageMs));

        proxy.restore();
        across.customerHangsUp();
        for (SimulatedCall call : calls) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                    .then().statusCode(200)
                    .body("customerNumber", equalTo(call.customerNumber()))
                    .body("endedAt", notNullValue()));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/database").then().statusCode(200)
                .body("checks[0].data.database", equalTo("UP")));
        assertThat(writer.awaitDrained(10_000)).isTrue();
        assertThat(writer.backlog()).isZero();
        assertThat(segments()).isEmpty();
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

    private static List<Path> segments() throws IOException {
        Path dir = Path.of(JOURNAL);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
