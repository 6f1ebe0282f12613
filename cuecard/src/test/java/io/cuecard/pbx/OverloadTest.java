package io.cuecard.pbx;

import static io.cuecard.testsupport.Metrics.metric;
import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.call.service.CallService;
import io.cuecard.console.ConsoleClient;
import io.cuecard.ops.OverloadMonitor;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.internal.AsyncEventPump;
import org.asteriskjava.util.Log;
import org.asteriskjava.util.LogFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: above the rate Cuecard holds, overload is detected and counted, never silent. Tiny limits (50 ms lag,
 * 200 queued, 1 s calm) let a burst over the real AMI link overload Cuecard; asterisk-java's own log line for a
 * dropped event is counted.
 */
@QuarkusTest
@TestProfile(OverloadTest.TinyLimits.class)
class OverloadTest {

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cuecard.call.overload-lag", "50ms",
                    "cuecard.call.overload-queue", "200",
                    "cuecard.call.overload-calm", "1s");
        }
    }

    /** Abandoned queue calls per burst; six events each. */
    private static final int CALLS = 2_000;
    private static final int EVENTS_PER_CALL = 6;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    CallService calls;

    @Inject
    OverloadMonitor overload;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Test
    void aBurstOverTheAmiLinkOverloadsCuecardVisiblyAndLosesNothing() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        awaitNoEpisode();
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "supervisor", "supervisor")) {
            String snapshot = console.await("snapshot", "");
            assertThat(snapshot).contains("\"overload\":{\"active\":false");
            double episodesBefore = metric("cuecard_overload_episodes_total");
            double droppedBefore = metric("cuecard_ami_events_dropped_total");
            long receivedBefore = link.eventsReceived();

            Packets burst = new Packets();
            for (int i = 0; i < CALLS; i++) {
                Packets.Ch caller = Packets.customer("4100000000." + i);
                burst.newchannel(caller, 4).state(caller, 6).queueJoin(caller, "service").musicOnHold(caller, true)
                        .queueLeave(caller, "service").hangup(caller, 16, "Normal Clearing");
            }
            assertThat(burst.packets).hasSize(CALLS * EVENTS_PER_CALL);
            ByteArrayOutputStream out = new ByteArrayOutputStream(burst.packets.size() * 600);
            burst.packets.forEach(p -> out.writeBytes(p.toWireBytes()));
            long started = System.nanoTime();
            pbx.simulator(PbxSimulator.class).sendRaw(out.toByteArray());

            String begun = console.await("overload", "\"active\":true");
            double overloadedDuring = metric("cuecard_overloaded");
            String ended = console.await("overload", "\"active\":false");
            double seconds = (System.nanoTime() - started) / 1e9;
            await().atMost(Duration.ofSeconds(30)).until(() -> link.eventsReceived() - receivedBefore >= CALLS * EVENTS_PER_CALL);
            System.out.printf("overload: %d events in %.2f s; start frame %s; end frame %s%n",
                    CALLS * EVENTS_PER_CALL, seconds, begun, ended);

            assertThat(begun).matches(".*\"since\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\",\"lagMs\":\\d+,\"dropped\":0.*");
            assertThat(overloadedDuring).as("cuecard_overloaded during the episode").isEqualTo(1);
            assertThat(metric("cuecard_calls_lag_seconds")).as("the lag once the burst is processed").isLessThan(0.05);
            assertThat(metric("cuecard_overloaded")).as("after it").isEqualTo(0);
            assertThat(metric("cuecard_overload_episodes_total")).isGreaterThanOrEqualTo(episodesBefore + 1);
            assertThat(metric("cuecard_ami_events_dropped_total")).as("asterisk-java dropped nothing").isEqualTo(droppedBefore);
            assertThat(link.eventsReceived() - receivedBefore).as("every event sent reached Cuecard")
                    .isEqualTo(CALLS * EVENTS_PER_CALL);
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.liveCalls().stream().noneMatch(c -> c.id().startsWith("41000")));
        }
    }

    /**
     * An event that arrives seconds after its AMI Timestamp (a backlog before Cuecard: in the socket, or in
     * asterisk-java's reader) counts as lag too, measured against the usual offset between the two clocks.
     */
    @Test
    void anEventArrivingLongAfterItsTimestampStartsAnEpisode() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        awaitNoEpisode();
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "supervisor", "supervisor")) {
            console.await("snapshot", "");
            double episodesBefore = metric("cuecard_overload_episodes_total");
            java.time.Instant stale = java.time.Instant.now().minusSeconds(3);
            String timestamp = stale.getEpochSecond() + "." + String.format("%06d", stale.getNano() / 1000);
            pbx.simulator(PbxSimulator.class).sendRaw(("Event: VarSet\r\nPrivilege: dialplan,all\r\nTimestamp: " + timestamp
                    + "\r\nChannel: PJSIP/late-00000001\r\nUniqueid: 4200000000.1\r\nLinkedid: 4200000000.1\r\n"
                    + "Variable: LATE\r\nValue: yes\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String begun = console.await("overload", "\"active\":true");
            assertThat(begun).contains("\"lagMs\":");
            console.await("overload", "\"active\":false");
            assertThat(metric("cuecard_overload_episodes_total")).isGreaterThanOrEqualTo(episodesBefore + 1);
        }
    }

    /**
     * A Timestamp far from the usual offset (a replayed trace's, a garbled one) is no backlog: counted as implausible,
     * no lateness (see TimestampLatenessTest), and it does not make the events after it look late.
     */
    @Test
    void eventsStampedHoursAgoOrYearsAheadAreCountedNotTakenForLag() {
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        double implausible = metric("cuecard_ami_timestamps_implausible_total");
        java.time.Instant now = java.time.Instant.now();
        StringBuilder raw = new StringBuilder();
        for (java.time.Instant stamp : List.of(now, now.minusSeconds(6 * 3600), now.plusSeconds(40L * 365 * 86_400), now)) {
            raw.append("Event: VarSet\r\nPrivilege: dialplan,all\r\nTimestamp: ").append(stamp.getEpochSecond()).append('.')
                    .append(String.format("%06d", stamp.getNano() / 1000))
                    .append("\r\nChannel: PJSIP/stamp-00000001\r\nUniqueid: 4200000001.1\r\nLinkedid: 4200000001.1\r\n")
                    .append("Variable: STAMP\r\nValue: yes\r\n\r\n");
        }
        pbx.simulator(PbxSimulator.class).sendRaw(raw.toString());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric("cuecard_ami_timestamps_implausible_total")).isEqualTo(implausible + 2));
    }

    /** asterisk-java's own log line for a dropped event, through its own Log API, is counted and starts an episode. */
    @Test
    void asteriskJavasQueueFullLogLineIsCountedAndStartsAnEpisode() throws Exception {
        awaitNoEpisode();
        ScheduledExecutorService dropper = Executors.newSingleThreadScheduledExecutor();
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "supervisor", "supervisor")) {
            console.await("snapshot", "");
            double dropped = metric("cuecard_ami_events_dropped_total");
            double late = metric("cuecard_ami_events_late_total");
            double episodes = metric("cuecard_overload_episodes_total");

            Log pumpLog = LogFactory.getLog(AsyncEventPump.class);
            for (int i = 0; i < 3; i++) {
                pumpLog.error(queueFull(i));
            }
            pumpLog.warn("The following message will only appear once per second!\nEvent dispatched 742 MS after arriving,"
                    + " your ManagerEvent handlers are too slow!\nYou should also check for Garbage Collection issues.");
            assertThat(metric("cuecard_ami_events_dropped_total")).isEqualTo(dropped + 3);
            assertThat(metric("cuecard_ami_events_late_total")).isEqualTo(late + 1);

            // events keep being dropped (one every 300 ms) until the episode has been looked at
            AtomicInteger more = new AtomicInteger(3);
            dropper.scheduleWithFixedDelay(() -> pumpLog.error(queueFull(more.getAndIncrement())), 300, 300, TimeUnit.MILLISECONDS);
            String begun = console.await("overload", "\"active\":true");
            assertThat(begun).matches(".*\"since\":\"[^\"]+Z\",\"lagMs\":\\d+,\"dropped\":[1-9]\\d*}");
            assertThat(metric("cuecard_overloaded")).isEqualTo(1);
            assertThat(metric("cuecard_overload_episodes_total")).isEqualTo(episodes + 1);
            supervisor().get("/q/health/group/pbx").then().statusCode(200)
                    .body("checks[0].data.overload", equalTo("ACTIVE"))
                    .body("checks[0].data.amiEventsDropped", greaterThanOrEqualTo(3));
            // a console opened during the episode shows it from its snapshot
            try (ConsoleClient agent = new ConsoleClient(consoleSocket, "agent1", "agent1")) {
                assertThat(agent.await("snapshot", "")).contains("\"overload\":{\"active\":true");
            }

            dropper.shutdownNow();
            dropper.awaitTermination(5, TimeUnit.SECONDS);
            String ended = console.await("overload", "\"active\":false");
            long total = (long) (metric("cuecard_ami_events_dropped_total") - dropped);
            assertThat(ended).as("the episode's drops: all of them").contains("\"dropped\":" + total);
            assertThat(metric("cuecard_overloaded")).isEqualTo(0);
            supervisor().get("/q/health/group/pbx").then().body("checks[0].data.overload", equalTo("NONE"));
        } finally {
            dropper.shutdownNow();
        }
    }

    /**
     * A Hangup that asterisk-java dropped would leave its call live, and its agent on it, until the next periodic sweep
     * (switched off in tests): when the episode of the drop is over, the live channels are swept at once and the call
     * ends, flagged {@code hangup-missed}.
     */
    @Test
    void aCallWhoseHangupWasDroppedEndsWhenTheEpisodeIsOver() {
        awaitNoEpisode();
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        FreeAgents.free("agent1");
        SimulatedCall call = sim.inboundCall("+4930600001", "service").ringAgent("PJSIP/agent1").answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(id).map(c -> c.agents().contains("agent1")).orElse(false));
        long sweeps = link.dropSweeps();

        sim.losingEvents(call::customerHangsUp);
        LogFactory.getLog(AsyncEventPump.class).error(queueFull(0));

        await().atMost(Duration.ofSeconds(10)).until(() -> link.dropSweeps() > sweeps);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id).then()
                .statusCode(200).body("endedAt", notNullValue()).body("hangupBy", equalTo("system"))
                .body("flags.rule", hasItem("hangup-missed")));
        assertThat(sim.liveChannels()).isEmpty();
    }

    private static String queueFull(int i) {
        return "localhost:AsyncEventPump Event queue is full, not processing ManagerEvent "
                + "org.asteriskjava.manager.event.NewStateEvent[channel='PJSIP/customer-" + i + "']";
    }

    private void awaitNoEpisode() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !overload.current().active());
    }
}
