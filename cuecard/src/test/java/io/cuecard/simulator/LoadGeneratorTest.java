package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cuecard.bench.LoadGenerator;
import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator's load mode: calls set up, a paced stream in the traces' mix, every event stamped, every call ended. */
class LoadGeneratorTest {

    @Test
    void theMixComesFromTheRecordedTraces() throws Exception {
        LoadGenerator.Mix mix = LoadGenerator.Mix.fromTraces(AmiTrace.sharedTraceDir());
        assertThat(mix.callShare()).as("share of call activity in the traces").isBetween(0.1, 0.5);
        Set<String> types = new HashSet<>();
        mix.noise().forEach(p -> types.add(p.event()));
        assertThat(types).contains("VarSet", "Newexten", "CEL", "RTCPSent");
        assertThat(mix.noise()).noneMatch(p -> "VarSet".equals(p.event()) && "AGENT".equals(p.get("Variable")));
    }

    @Test
    void aPacedStreamReachesTheClientWithTimestampsAndHoldToggles() throws Exception {
        SimulatorSettings base = SimulatorSettings.defaults();
        SimulatorSettings settings = new SimulatorSettings(base.host(), 0, base.username(), base.secret(),
                List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/agent3"), base.queue(), 0, 3, 12, 0, 7L);
        try (PbxSimulator sim = PbxSimulator.start(settings); RawAmiClient client = RawAmiClient.loggedIn(sim.port(), "on")) {
            LoadGenerator load = new LoadGenerator(sim, LoadGenerator.Mix.fromTraces(AmiTrace.sharedTraceDir()), 7L);
            load.setUp(3, 2, 1000);
            assertThat(load.callIds()).hasSize(5);
            long before = load.emitted();
            load.pace(2000);
            Thread.sleep(1000);
            load.pace(0);
            long sent = load.emitted() - before;
            assertThat(sent).as("events in one second at 2,000/s").isBetween(1800L, 2200L);
            int toggles = load.toggles(0) + load.toggles(1) + load.toggles(2);
            assertThat(toggles).isPositive();
            long total = load.emitted();
            // FullyBooted is the login's own event, not the switchboard's
            await().atMost(Duration.ofSeconds(10)).until(() -> client.events().size() - 1 >= total);
            List<AmiPacket> events = client.events().stream().filter(e -> !"FullyBooted".equals(e.event())).toList();
            assertThat(events).hasSize((int) total);
            assertThat(events).allMatch(e -> e.get("Timestamp") != null && e.get("Timestamp").matches("\\d{10}\\.\\d{6}"));
            assertThat(events.stream().filter(e -> "Hold".equals(e.event()) || "Unhold".equals(e.event())).count()).isEqualTo(toggles);

            // the journal of changes on the agents' calls: put through first, then holds and resumes as toggled
            List<LoadGenerator.Change> changes = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<LoadGenerator.Change> agent = load.takeChanges(i);
                assertThat(agent.get(0).kind()).isEqualTo(LoadGenerator.ChangeKind.CONNECTED);
                assertThat(agent.get(0).holdCount()).isZero();
                assertThat(agent).allMatch(c -> c.callId() != null && c.customerNumber().startsWith("+"));
                changes.addAll(agent);
            }
            assertThat(changes.stream().filter(c -> c.kind() == LoadGenerator.ChangeKind.HOLD || c.kind() == LoadGenerator.ChangeKind.RESUMED))
                    .hasSize(toggles);
            assertThat(changes).filteredOn(c -> c.kind() == LoadGenerator.ChangeKind.HOLD).allMatch(c -> c.holdCount() >= 1 && c.holdCount() <= 2);
            assertThat(load.takeChanges(0)).as("taken").isEmpty();

            boolean[] onCall = {load.hasCall(0), load.hasCall(1), load.hasCall(2)};
            load.hangUpAll();
            assertThat(sim.liveChannels()).isEmpty();
            assertThat(load.hasCall(0)).isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat(load.takeChanges(i)).as("agent %d", i).extracting(LoadGenerator.Change::kind)
                        .isEqualTo(onCall[i] ? List.of(LoadGenerator.ChangeKind.ENDED) : List.of());
            }
        }
    }
}
