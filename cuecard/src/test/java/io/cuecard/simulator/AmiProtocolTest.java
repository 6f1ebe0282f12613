package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI wire protocol of the simulator, checked byte by byte with a plain socket client. */
class AmiProtocolTest {

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults());
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void bannerChallengeLoginAndFullyBooted() throws IOException {
        try (RawAmiClient client = new RawAmiClient(pbx.port())) {
            assertThat(client.banner).isEqualTo("Asterisk Call Manager/11.0.0");
            client.send("Action", "Ping", "ActionID", "p-0");
            assertThat(client.awaitResponse("p-0").toWire()).isEqualTo("Response: Error\r\nActionID: p-0\r\nMessage: Permission denied\r\n\r\n");

            client.send("Action", "Challenge", "ActionID", "12345_0#", "AuthType", "MD5");
            AmiPacket challenge = client.awaitResponse("12345_0#");
            assertThat(challenge.get("Challenge")).matches("\\d+");
            client.send("Action", "Login", "ActionID", "12345_1#", "AuthType", "MD5", "Username", "cuecard",
                    "Key", AmiSession.md5Hex(challenge.get("Challenge") + "cuecard"), "Events", "call,agent,user,cdr,dialplan,system");
            assertThat(client.awaitResponse("12345_1#").toWire())
                    .isEqualTo("Response: Success\r\nActionID: 12345_1#\r\nMessage: Authentication accepted\r\n\r\n");
            AmiPacket booted = client.await(p -> "FullyBooted".equals(p.event()), Duration.ofSeconds(2));
            assertThat(booted.get("Status")).isEqualTo("Fully Booted");
            assertThat(booted.get("Privilege")).isEqualTo("system,all");
        }
    }

    @Test
    void wrongKeyIsRefusedAndTheConnectionClosed() throws IOException {
        try (RawAmiClient client = new RawAmiClient(pbx.port())) {
            client.send("Action", "Challenge", "ActionID", "c", "AuthType", "MD5");
            client.awaitResponse("c");
            client.send("Action", "Login", "ActionID", "l", "AuthType", "MD5", "Username", "cuecard", "Key", "0123456789abcdef0123456789abcdef");
            assertThat(client.awaitResponse("l").toWire()).isEqualTo("Response: Error\r\nActionID: l\r\nMessage: Authentication failed\r\n\r\n");
            client.awaitEof(Duration.ofSeconds(3));
        }
    }

    @Test
    void protocolActionsAnswerLikeAsterisk() throws IOException {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "Ping", "ActionID", "-1234_7#odd id: ü ");
            AmiPacket pong = client.awaitResponse("-1234_7#odd id: ü ");
            assertThat(pong.get("Ping")).isEqualTo("Pong");
            assertThat(pong.get("Timestamp")).matches("\\d{10}\\.\\d{6}");

            client.send("Action", "CoreSettings", "ActionID", "cs");
            AmiPacket settings = client.awaitResponse("cs");
            assertThat(settings.get("AsteriskVersion")).startsWith("22.");
            assertThat(settings.get("AMIversion")).isEqualTo("11.0.0");
            assertThat(settings.headers().stream().map(AmiPacket.Header::key)).contains("SystemName", "CoreMaxCalls", "CoreMaxLoadAvg",
                    "CoreRunUser", "CoreRunGroup", "CoreMaxFilehandles", "CoreRealTimeEnabled", "CoreCDRenabled", "CoreHTTPenabled",
                    "SoundsSearchCustomDir");

            client.send("Action", "Command", "ActionID", "cmd", "Command", "core show version");
            AmiPacket output = client.awaitResponse("cmd");
            assertThat(output.get("Message")).isEqualTo("Command output follows");
            assertThat(output.getAll("Output")).singleElement().asString().startsWith("Asterisk 22.");

            client.send("Action", "FrobnicateAll", "ActionID", "x");
            assertThat(client.awaitResponse("x").get("Message"))
                    .isEqualTo("Invalid/unknown command: FrobnicateAll. Use Action: ListCommands to show available commands.");

            client.sendRaw("ActionID: none\r\n\r\n");
            assertThat(client.awaitResponse("none").get("Message")).isEqualTo("Missing action in request");

            client.send("Action", "Events", "ActionID", "ev", "EventMask", "off");
            assertThat(client.awaitResponse("ev").get("Events")).isEqualTo("Off");
            int before = client.events().size();
            pbx.inboundCall("+4930111").abandon();
            client.send("Action", "Ping", "ActionID", "after");
            client.awaitResponse("after");
            assertThat(client.events()).hasSize(before);

            client.send("Action", "Logoff", "ActionID", "bye");
            assertThat(client.awaitResponse("bye").toWire())
                    .isEqualTo("Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n");
            client.awaitEof(Duration.ofSeconds(3));
        }
    }

    @Test
    void loginWithEventsOffGetsNoEvents() throws IOException {
        try (RawAmiClient quiet = RawAmiClient.loggedIn(pbx.port(), "off"); RawAmiClient loud = RawAmiClient.loggedIn(pbx.port(), "on")) {
            pbx.inboundCall("+4930222").abandon();
            loud.await(p -> "Hangup".equals(p.event()), Duration.ofSeconds(2));
            quiet.send("Action", "Ping", "ActionID", "p");
            quiet.awaitResponse("p");
            assertThat(quiet.events()).isEmpty();
        }
    }

    @Test
    void eventsCarryPrivilegeAndASendTimestamp() throws IOException {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            double before = System.currentTimeMillis() / 1000.0;
            pbx.inboundCall("+4930333").abandon();
            client.await(p -> "Hangup".equals(p.event()), Duration.ofSeconds(2));
            List<AmiPacket> callEvents = client.events().stream().filter(e -> !"FullyBooted".equals(e.event())).toList();
            assertThat(callEvents).isNotEmpty().allSatisfy(e -> {
                assertThat(e.headers().get(1).key()).isEqualTo("Privilege");
                assertThat(e.headers().get(2).key()).isEqualTo("Timestamp");
                assertThat(e.get("Timestamp")).matches("\\d{10}\\.\\d{6}");
                assertThat(Double.parseDouble(e.get("Timestamp"))).isGreaterThanOrEqualTo(before - 0.001);
            });
        }
    }

    @Test
    void listRepliesHaveTheRecordedFieldSets() throws IOException {
        SimulatedCall waiting = pbx.inboundCall("+4930123456");
        SimulatedCall talking = pbx.inboundCall("+4930654321").ringAgent("PJSIP/agent1").answer();
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "off")) {
            assertSameShape(client, "CoreShowChannels", "action-CoreShowChannels.txt", 3);
            assertSameShape(client, "Status", "action-Status.txt", 3);
            assertSameShape(client, "QueueStatus", "action-QueueStatus-caller-waiting.txt", 4);
        }
        waiting.abandon();
        talking.customerHangsUp();
    }

    /** Same reply, item and completion header names (in order) as the recorded reply, with the client's ActionID. */
    private static void assertSameShape(RawAmiClient client, String action, String traceFile, int expectedItems) throws IOException {
        AmiTrace trace = AmiTrace.read(AmiTrace.sharedTraceDir().resolve(traceFile));
        String recordedId = trace.packets().get(0).get("ActionID");
        String id = "my-" + action;
        client.send("Action", action, "ActionID", id);
        AmiPacket complete = client.await(p -> p.isEvent() && p.event().endsWith("Complete") && id.equals(p.get("ActionID")),
                Duration.ofSeconds(3));
        List<AmiPacket> reply = client.received.stream().filter(p -> id.equals(p.get("ActionID"))).toList();
        assertThat(reply.get(0).toWire()).isEqualTo(trace.packets().get(0).with("ActionID", id).toWire());
        assertThat(reply).hasSize(expectedItems + 2);
        assertThat(complete.get("ListItems")).isEqualTo(String.valueOf(expectedItems));
        for (AmiPacket packet : reply.subList(1, reply.size())) {
            AmiPacket recorded = trace.packets().stream().filter(p -> packet.event().equals(p.event())).findFirst().orElseThrow();
            assertThat(keys(packet)).as(packet.event()).containsExactlyElementsOf(keys(recorded));
        }
        assertThat(recordedId).isNotNull();
    }

    private static Set<String> keys(AmiPacket packet) {
        Set<String> keys = new LinkedHashSet<>();
        packet.headers().forEach(h -> keys.add(h.key()));
        return keys;
    }

    @Test
    void garbageAndHugeLinesDoNotHurtOtherSessions() throws IOException {
        try (RawAmiClient victim = RawAmiClient.loggedIn(pbx.port(), "on"); RawAmiClient vandal = RawAmiClient.loggedIn(pbx.port(), "on")) {
            vandal.sendRaw("this is not AMI\r\n:::\r\n\u0000\u0001\u0002\r\n\r\n");
            vandal.sendRaw("Action: Ping\r\nX-Long: " + "x".repeat(100_000) + "\r\nActionID: long\r\n\r\n");
            assertThat(vandal.awaitResponse("long").get("Ping")).isEqualTo("Pong");
            vandal.sendRaw("Action: Ping\r\nActionID: cut-off");
            vandal.close();
            pbx.inboundCall("+4930444").abandon();
            victim.await(p -> "Hangup".equals(p.event()), Duration.ofSeconds(2));
            victim.send("Action", "Ping", "ActionID", "still-here");
            assertThat(victim.awaitResponse("still-here").get("Ping")).isEqualTo("Pong");
        }
    }
}
