package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replay streams each recorded trace's scenario to the logged-in clients, byte for byte, with its original Timestamps. */
class TraceReplayTest {

    static final List<String> SCENARIOS = List.of("a-inbound-queue-answered-customer-hangup.txt", "b-inbound-hold-unhold.txt",
            "c-blind-transfer-agent1-to-agent2.txt", "e-caller-abandons-in-queue.txt", "f-outbound-originate-agent1-to-customer.txt");

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults());
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    private static List<Path> files() {
        return SCENARIOS.stream().map(f -> AmiTrace.sharedTraceDir().resolve(f)).toList();
    }

    @Test
    void deliversExactlyTheRecordedPackets() throws Exception {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            int sent = pbx.replay(files(), 0).get(10, TimeUnit.SECONDS);
            client.send("Action", "Ping", "ActionID", "after-replay");
            client.awaitResponse("after-replay");
            List<AmiPacket> expected = new ArrayList<>();
            for (Path file : files()) {
                expected.addAll(AmiTrace.read(file).scenarioPackets());
            }
            assertThat(sent).isEqualTo(expected.size());
            List<AmiPacket> received = client.received;
            // challenge reply, login reply, the live FullyBooted, then the replay, then the Ping reply
            List<String> replayed = received.subList(3, received.size() - 1).stream().map(AmiPacket::toWire).toList();
            assertThat(replayed).containsExactlyElementsOf(expected.stream().map(AmiPacket::toWire).toList());
        }
    }

    @Test
    void speedOneKeepsTheRecordedPacing() throws Exception {
        Path file = AmiTrace.sharedTraceDir().resolve("e-caller-abandons-in-queue.txt");
        List<AmiPacket> packets = AmiTrace.read(file).scenarioPackets();
        BigDecimal first = null;
        BigDecimal last = null;
        for (AmiPacket p : packets) {
            if (p.get("Timestamp") != null) {
                last = new BigDecimal(p.get("Timestamp"));
                first = first == null ? last : first;
            }
        }
        double recordedSeconds = last.subtract(first).doubleValue();
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            long started = System.nanoTime();
            pbx.replay(List.of(file), 4).get(30, TimeUnit.SECONDS);
            double tookSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(tookSeconds).isBetween(recordedSeconds / 4 * 0.9, recordedSeconds / 4 + 2);
        }
    }

    @Test
    void waitsForAClientAndRejectsUnreadableFiles() throws Exception {
        var replay = pbx.replay(List.of(AmiTrace.sharedTraceDir().resolve("e-caller-abandons-in-queue.txt")), 0);
        Thread.sleep(200);
        assertThat(replay).isNotDone();
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            assertThat(replay.get(10, TimeUnit.SECONDS)).isPositive();
            client.await(p -> "Hangup".equals(p.event()), Duration.ofSeconds(2));
        }
        assertThatThrownBy(() -> pbx.replay(List.of(Path.of("/no/such/trace.txt")), 0)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void asteriskJavaReceivesEveryKnownEventOfEachTraceInOrder() throws Exception {
        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", pbx.port(), "cuecard", "cuecard").createManagerConnection();
        List<ManagerEvent> events = new CopyOnWriteArrayList<>();
        connection.login();
        connection.addEventListener(events::add);
        try {
            pbx.replay(files(), 0).get(10, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (Path file : files()) {
                for (AmiPacket p : AmiTrace.read(file).scenarioPackets()) {
                    ManagerEvent built = p.isEvent() ? buildLikeAsteriskJava(p) : null;
                    if (built != null) {
                        expected.add(built.getClass().getSimpleName());
                    }
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> typesOf(events).size() >= expected.size());
            assertThat(typesOf(events)).containsExactlyElementsOf(expected);
        } finally {
            connection.logoff();
        }
    }

    /** The delivered event types, without the legacy DialEvent/BridgeEvent asterisk-java synthesizes itself. */
    private static List<String> typesOf(List<ManagerEvent> events) {
        return events.stream().filter(e -> e.getClass() != DialEvent.class && e.getClass() != BridgeEvent.class)
                .map(e -> e.getClass().getSimpleName()).toList();
    }

    /** asterisk-java's own event builder (package-private), to know which recorded events it maps to a class. */
    private static ManagerEvent buildLikeAsteriskJava(AmiPacket packet) throws Exception {
        Class<?> type = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object builder = constructor.newInstance();
        Method build = type.getMethod("buildEvent", Object.class, Map.class);
        build.setAccessible(true);
        return (ManagerEvent) build.invoke(builder, new Object(), packet.toLowerCaseMap());
    }
}
