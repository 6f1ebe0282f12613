package io.cuecard.pbx;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.call.CallView;
import io.cuecard.call.service.CallService;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's fuzzer: 100,000 randomised and malformed AMI packets, interleaved with real calls, reach Cuecard over the
 * real asterisk-java link. No crash, no reconnect, no stuck call, and the real calls are logged right.
 *
 * <p>What is lost is counted, not guessed: a reference connection (made as Cuecard makes its own, {@link
 * AmiLink#connection}, logged in with the same event mask) reads the same byte stream from the simulator. The real
 * calls' events are the simulator's own (stamped with a {@code Timestamp} of now; the fuzz never carries one near now):
 * the reference must receive exactly as many as the simulator sent, and Cuecard exactly as many events as the
 * reference, so none of either is lost. A translator on the reference stream tells which events cannot be translated:
 * none of the real calls' events may be among them; the fuzz events among them are garbage, not lost data, and Cuecard
 * must count exactly those in {@code cuecard_ami_events_untranslatable_total}.
 *
 * <p>The packet mix is what an Asterisk peer could plausibly put on the wire, warts included: events whose headers
 * are missing, duplicated, of the wrong type (a non-numeric {@code Cause}/{@code ChannelState}), huge, empty or in
 * any bytes (caller names and variable values pass through Asterisk untouched); unknown event types; real event names
 * with random fields; events for channels never seen, with random {@code Uniqueid}/{@code Linkedid}; whole plausible
 * call sequences for fuzz channels that never hang up; garbage lines, bare LF line ends and packets cut short (the
 * next packet then runs into them). Left out on purpose: responses to actions Cuecard never sent and
 * {@code Response:} packets in general (Asterisk sends them only in reply to an action, and asterisk-java ties them to
 * its own pending actions), the {@code Asterisk Call Manager/} banner mid-stream (asterisk-java treats it as a new
 * session) and {@code Shutdown} (the peer going away is the link-fault tests' business).
 */
@QuarkusTest
class AmiFuzzTest {

    private static final int PACKETS = 100_000;
    private static final int BATCH = 500;
    private static final int REAL_CALLS = 20;
    private static final long SEED = 4_2026L;

    private static final String[] EVENTS = {"Newchannel", "Newstate", "Hangup", "HangupRequest", "SoftHangupRequest",
        "DialBegin", "DialEnd", "BridgeEnter", "BridgeLeave", "Hold", "Unhold", "MusicOnHoldStart", "MusicOnHoldStop",
        "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "AgentCalled", "AgentConnect", "AgentComplete",
        "AgentRingNoAnswer", "BlindTransfer", "AttendedTransfer", "LocalOptimizationBegin", "LocalOptimizationEnd",
        "OriginateResponse", "MixMonitorStart", "VarSet", "ChanSpyStart", "ChanSpyStop", "CoreShowChannel",
        "QueueEntry", "Cel", "Newexten", "RTCPSent", "RTCPReceived", "DeviceStateChange", "QueueMemberStatus",
        "QueueMemberPause", "Newcallerid", "NewConnectedLine", "DTMFBegin", "DTMFEnd", "PeerStatus", "Registry",
        "FullyBooted", "Reload", "BridgeCreate", "BridgeDestroy", "VarSet", "Newchannel", "Hangup", "BridgeEnter"};
    private static final String[] FIELDS = {"Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum",
        "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
        "Priority", "Uniqueid", "Linkedid", "Cause", "Cause-txt", "DestChannel", "DestUniqueid", "DestLinkedid",
        "DestChannelState", "DialStatus", "DialString", "BridgeType", "BridgeNumChannels", "Queue",
        "Position", "Count", "HoldTime", "TalkTime", "Reason", "Interface", "MemberName", "Variable", "Value",
        "Response", "Duration", "BridgeId", "Application", "ApplicationData", "Result", "Extension", "Timestamp",
        "SequenceNumber", "Privilege", "ActionID", "Paused", "Status", "LocalOneUniqueid", "LocalTwoUniqueid",
        "SpyeeUniqueid", "SpyerUniqueid", "TransfererUniqueid", "TransfereeUniqueid", "OrigTransfererUniqueid",
        "SwapUniqueid", "Wait", "Event"};

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    CallService calls;

    @Inject
    AmiEndpoint endpoint;

    @Inject
    AmiConfig amiConfig;

    @Inject
    UntranslatableEvents untranslatable;

    /** Reads the simulator's stream beside Cuecard and counts what it holds. */
    private static final class Reference implements AutoCloseable {
        final AtomicLong events = new AtomicLong();
        final AtomicLong realEvents = new AtomicLong();
        final AtomicLong fuzzUntranslatable = new AtomicLong();
        final List<String> realUntranslatable = new CopyOnWriteArrayList<>();
        private final ReaderHardenedConnection connection;
        private final org.asteriskjava.manager.PingThread ping;

        Reference(AmiEndpoint.Target target, AmiConfig config) throws Exception {
            AmiEventTranslator translator = new AmiEventTranslator((event, reason) -> {
                if (real(event)) {
                    realUntranslatable.add(UntranslatableEvents.typeOf(event) + ": " + reason);
                } else {
                    fuzzUntranslatable.incrementAndGet();
                }
            });
            connection = AmiLink.connection(target, config.pingInterval());
            connection.addEventListener(event -> {
                if (!AmiLink.fromPbx(event)) {
                    return;
                }
                events.incrementAndGet();
                if (real(event)) {
                    realEvents.incrementAndGet();
                }
                translator.translate(event, Instant.now());
            });
            connection.login(config.events());
            ping = AmiLink.startPing(connection, config.pingInterval());
        }

        /** The simulator stamps every event it sends with the time of writing; no fuzz value is within a day of now. */
        static boolean real(ManagerEvent event) {
            Double ts = event.getTimestamp();
            return ts != null && Math.abs(ts - System.currentTimeMillis() / 1000.0) < 86_400;
        }

        @Override
        public void close() {
            ping.die();
            connection.logoff();
        }
    }

    /** Waits until {@code count} has not changed for 500 ms. */
    private static long stable(java.util.function.LongSupplier count) throws InterruptedException {
        long last = count.getAsLong();
        for (int same = 0; same < 5; ) {
            Thread.sleep(100);
            long now = count.getAsLong();
            same = now == last ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    @Test
    void hundredThousandFuzzedPacketsBreakNothing() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        FreeAgents.free("agent1", "agent2");
        try (Reference reference = new Reference(endpoint.target(), amiConfig)) {
            fuzz(sim, reference);
        }
    }

    private void fuzz(PbxSimulator sim, Reference reference) throws Exception {
        long reconnects = link.status().reconnects();
        // both sessions quiet: nothing of the set-up still on its way
        stable(() -> link.eventsReceived() + reference.events.get() + sim.eventsSent());
        long receivedBefore = link.eventsReceived();
        long referenceBefore = reference.events.get();
        long realBefore = reference.realEvents.get();
        long sentBefore = sim.eventsSent();
        long untranslatableBefore = untranslatable.total();
        Random random = new Random(SEED);
        Fuzzer fuzzer = new Fuzzer(random);
        Map<String, String> realCalls = new LinkedHashMap<>();
        int every = PACKETS / BATCH / REAL_CALLS;
        long started = System.nanoTime();
        SimulatedCall open = null;
        Map<String, String> lastCallOf = new java.util.HashMap<>();
        for (int batch = 0; batch < PACKETS / BATCH; batch++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(BATCH * 300);
            for (int i = 0; i < BATCH; i++) {
                out.writeBytes(fuzzer.packet());
            }
            // a blank line ends whatever fuzz packet is still open, so the real calls' events are not glued onto it
            out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            sim.sendRaw(out.toByteArray());
            if (batch % every == 0) {
                // a real call: starts in one batch, ends in the next one, fuzz packets before, between and after
                if (open != null) {
                    open.customerHangsUp();
                    open = null;
                }
                String agent = realCalls.size() % 2 == 0 ? "agent1" : "agent2";
                SimulatedCall call = sim.inboundCall("+49302000" + String.format("%04d", realCalls.size()), "service");
                readyForNextCall(agent, lastCallOf.get(agent));
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                        .until(() -> call.ringAgent("PJSIP/" + agent) != null);
                open = call.answer();
                lastCallOf.put(agent, open.linkedid());
                if (random.nextBoolean()) {
                    open.hold().unhold();
                }
                realCalls.put(open.linkedid(), agent);
            } else if (open != null && batch % every == every / 2) {
                open.customerHangsUp();
                open = null;
            }
        }
        if (open != null) {
            open.customerHangsUp();
        }
        // everything sent has been read and handed to the tracker once the last real call is logged as ended
        String last = List.copyOf(realCalls.keySet()).get(realCalls.size() - 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                supervisor().get("/api/calls/{id}", last).then().statusCode(200).body("endedAt", notNullValue()));
        double seconds = (System.nanoTime() - started) / 1e9;
        // both sessions and Cuecard's call thread quiet: all read, all translated
        await().atMost(Duration.ofSeconds(30)).until(() -> link.eventsReceived() - receivedBefore == reference.events.get() - referenceBefore
                && calls.queued() == 0);
        stable(() -> link.eventsReceived() + reference.events.get() + sim.eventsSent() + untranslatable.total());
        long received = link.eventsReceived() - receivedBefore;
        long referenceReceived = reference.events.get() - referenceBefore;
        long sent = sim.eventsSent() - sentBefore; // the real calls' events, once per session (sendRaw is not counted)
        long real = reference.realEvents.get() - realBefore;
        long fuzzEvents = referenceReceived - real;
        long skipped = untranslatable.total() - untranslatableBefore;
        System.out.printf("ami-fuzz: packets=%d batches=%d real_calls=%d seconds=%.2f packets_per_s=%.0f bytes=%d%n"
                        + "ami-fuzz: real events sent=%d received=%d lost=%d untranslatable=%d; fuzz packets parsed into events=%d,"
                        + " of which untranslatable (garbage, counted in cuecard_ami_events_untranslatable_total)=%d;"
                        + " Cuecard received %d of the %d events on the wire%n",
                PACKETS, PACKETS / BATCH, realCalls.size(), seconds, PACKETS / seconds, fuzzer.bytes,
                sent / 2, real, sent / 2 - real, reference.realUntranslatable.size(), fuzzEvents, reference.fuzzUntranslatable.get(),
                received, referenceReceived);

        assertThat(sent % 2).as("two sessions took every real event").isZero();
        assertThat(real).as("every real event the simulator sent was read off the wire, none more").isEqualTo(sent / 2);
        assertThat(received).as("Cuecard received every event on the wire: none lost").isEqualTo(referenceReceived);
        assertThat(reference.realUntranslatable).as("no real call's event is untranslatable").isEmpty();
        assertThat(skipped).as("Cuecard counted every untranslatable (fuzz) event, and only those")
                .isEqualTo(reference.fuzzUntranslatable.get()).isPositive();

        assertThat(link.connected()).isTrue();
        assertThat(link.status().reconnects()).as("the AMI link never dropped").isEqualTo(reconnects);
        for (Map.Entry<String, String> call : realCalls.entrySet()) {
            JsonPath logged = supervisor().get("/api/calls/{id}", call.getKey()).then().statusCode(200).extract().jsonPath();
            assertThat(logged.getString("endedAt")).as("call %s ended", call.getKey()).isNotNull();
            assertThat(logged.getList("agents")).as("agents of %s", call.getKey()).containsExactly(call.getValue());
        }

        // fuzz calls whose channels never hang up are gone at the next sweep of the PBX's live channels
        Set<String> realIds = realCalls.keySet();
        int invented = fuzzCalls(realIds).size();
        link.sweep();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fuzzCalls(realIds)).isEmpty());
        System.out.printf("ami-fuzz: calls invented by the fuzz and live before the sweep=%d, after=0%n", invented);
    }

    @Test
    void bridgeEventsWithoutIdsDoNotDropTheLink() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        long reconnects = link.status().reconnects();
        long received = link.eventsReceived();
        // each of these threw in asterisk-java's bridge back-compatibility layer and ended its reader thread
        sim.sendRaw("Event: BridgeCreate\r\nPrivilege: call,all\r\nBridgeType: basic\r\n\r\n");
        sim.sendRaw("Event: BridgeEnter\r\nPrivilege: call,all\r\nUniqueid: 4000000001.1\r\n\r\n");
        sim.sendRaw("Event: BridgeCreate\r\nPrivilege: call,all\r\nBridgeUniqueid: b-1\r\n\r\n");
        sim.sendRaw("Event: BridgeEnter\r\nPrivilege: call,all\r\nBridgeUniqueid: b-1\r\nUniqueid: 4000000001.2\r\n\r\n");
        sim.sendRaw("Event: BridgeEnter\r\nPrivilege: call,all\r\nBridgeUniqueid: b-1\r\nUniqueid: 4000000001.3\r\n\r\n");
        sim.sendRaw("Event: BridgeLeave\r\nPrivilege: call,all\r\nUniqueid: 4000000001.3\r\n\r\n");
        sim.sendRaw("Event: BridgeDestroy\r\nPrivilege: call,all\r\n\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> link.eventsReceived() >= received + 7);
        Thread.sleep(200);
        assertThat(link.connected()).isTrue();
        assertThat(link.status().reconnects()).isEqualTo(reconnects);
    }

    /**
     * The agent's previous call has ended in Cuecard and its wrap-up is finished, so the queue offers calls again.
     * Ready succeeds only once Cuecard has seen the end and paused the agent for wrap-up: under load Cuecard may not
     * have read the previous call's events yet, and a Ready sent before its wrap-up starts would leave the agent paused.
     */
    private void readyForNextCall(String agent, String previousCall) {
        if (previousCall == null) {
            return;
        }
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> calls.ready(agent).ok());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(agent + " not in wrap-up for call " + previousCall + ": " + calls.liveCall(previousCall), e);
        }
    }

    private List<String> fuzzCalls(Set<String> real) {
        return calls.liveCalls().stream().map(CallView::id).filter(id -> !real.contains(id)).collect(Collectors.toList());
    }

    /** Seeded generator of plausible-but-wrong AMI packets. */
    private static final class Fuzzer {
        private final Random random;
        private final List<String> uniqueIds = new ArrayList<>();
        private final List<String> channels = new ArrayList<>();
        long bytes;

        Fuzzer(Random random) {
            this.random = random;
            // Uniqueids in a range the simulator never uses (its are "now" in epoch seconds), so fuzz never touches a real call
            for (int i = 0; i < 300; i++) {
                uniqueIds.add((4_000_000_000L + random.nextInt(1000)) + "." + i);
                String peer = switch (random.nextInt(5)) {
                    case 0 -> "Local/" + (200 + random.nextInt(5)) + "@agents-" + String.format("%08x", i) + (random.nextBoolean() ? ";1" : ";2");
                    case 1 -> "PJSIP/agent9-" + String.format("%08x", i);
                    default -> "PJSIP/trunk-" + String.format("%08x", i);
                };
                channels.add(peer);
            }
        }

        byte[] packet() {
            int kind = random.nextInt(100);
            byte[] packet;
            if (kind < 45) {
                packet = realEventRandomFields(false);
            } else if (kind < 60) {
                packet = plausibleEvent();
            } else if (kind < 68) {
                packet = realEventRandomFields(true);
            } else if (kind < 74) {
                packet = text("Event: " + word(1 + random.nextInt(30)) + "\r\nPrivilege: call,all\r\nUniqueid: " + uid()
                        + "\r\n" + fields(3) + "\r\n");
            } else if (kind < 80) {
                packet = garbageLines();
            } else if (kind < 85) {
                packet = realEventRandomFields(false);
                packet = new String(packet, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
            } else if (kind < 90) {
                byte[] whole;
                do {
                    whole = realEventRandomFields(false); // the rest of the packet is cut off: not a Bridge event's BridgeUniqueid
                } while (whole[7] == 'B' && whole[8] == 'r');
                int cut = 1 + random.nextInt(Math.max(1, whole.length - 3));
                packet = java.util.Arrays.copyOf(whole, cut);
                packet = concat(packet, "\r\n\r\n".substring(0, random.nextInt(3) * 2).getBytes(StandardCharsets.ISO_8859_1));
            } else if (kind < 95) {
                packet = binaryValues();
            } else if (kind < 98) {
                packet = text("Event: VarSet\r\nPrivilege: dialplan,all\r\nChannel: " + channel() + "\r\nUniqueid: " + uid()
                        + "\r\nVariable: " + (random.nextBoolean() ? "CAMPAIGN" : "AGENT") + "\r\nValue: "
                        + "v".repeat(random.nextInt(64 * 1024)) + "\r\n\r\n");
            } else {
                packet = text("Event: Newchannel\r\nPrivilege: call,all\r\n" + "Channel: " + channel() + "\r\n".repeat(1)
                        + "Uniqueid: " + uid() + "\r\nUniqueid: " + uid() + "\r\nLinkedid: " + uid() + "\r\nLinkedid: \r\n"
                        + "ChannelState: " + (random.nextBoolean() ? "Up" : "99999999999999999999") + "\r\n\r\n");
            }
            bytes += packet.length;
            return packet;
        }

        /** A known event with fields picked at random, some with the wrong type. */
        private byte[] realEventRandomFields(boolean duplicated) {
            String event = pick(EVENTS);
            StringBuilder b = new StringBuilder("Event: ").append(event).append("\r\nPrivilege: call,all\r\n");
            b.append(bridgeId(event)).append(fields(random.nextInt(12)));
            if (duplicated) {
                event = pick(EVENTS);
                b.append(fields(2)).append("Event: ").append(event).append("\r\n").append(bridgeId(event)).append(fields(2));
            }
            return text(b.append("\r\n").toString());
        }

        /** A well-formed event in a plausible order for fuzz channels: together they form calls that never end. */
        private byte[] plausibleEvent() {
            int i = random.nextInt(uniqueIds.size());
            int j = random.nextInt(uniqueIds.size());
            String uid = uniqueIds.get(i);
            String linked = uniqueIds.get(random.nextInt(4) == 0 ? j : i);
            String ch = channels.get(i);
            String other = "Channel: " + channels.get(j) + "\r\nUniqueid: " + uniqueIds.get(j) + "\r\n";
            String base = "Channel: " + ch + "\r\nUniqueid: " + uid + "\r\nLinkedid: " + linked + "\r\n";
            String body = switch (random.nextInt(9)) {
                case 0, 1 -> "Event: Newchannel\r\n" + base + "ChannelState: " + (random.nextBoolean() ? "4" : "6")
                        + "\r\nCallerIDNum: +4930" + random.nextInt(1_000_000) + "\r\nExten: 100\r\nContext: from-trunk\r\n";
                case 2 -> "Event: QueueCallerJoin\r\n" + base + "Queue: service\r\nPosition: 1\r\nCount: 1\r\n";
                case 3 -> "Event: BridgeEnter\r\n" + base + "BridgeUniqueid: fuzz-bridge-" + random.nextInt(20) + "\r\n";
                case 4 -> "Event: DialBegin\r\n" + base + other.replace("Channel:", "DestChannel:").replace("Uniqueid:", "DestUniqueid:")
                        + "DialString: agent9\r\n";
                case 5 -> "Event: AgentConnect\r\n" + base + "Queue: service\r\nInterface: PJSIP/agent9\r\n"
                        + other.replace("Channel:", "DestChannel:").replace("Uniqueid:", "DestUniqueid:");
                case 6 -> "Event: Hold\r\n" + base;
                case 7 -> "Event: Newstate\r\n" + base + "ChannelState: " + (5 + random.nextInt(3)) + "\r\n";
                default -> "Event: VarSet\r\n" + base + "Variable: CAMPAIGN\r\nValue: fuzz-" + random.nextInt(9) + "\r\n";
            };
            return text(body.replaceFirst("\r\n", "\r\nPrivilege: call,all\r\n") + "\r\n");
        }

        /**
         * Asterisk always sends BridgeUniqueid with the Bridge* events (their absence, which used to end asterisk-java's
         * reader thread, is {@link #bridgeEventsWithoutIdsDoNotDropTheLink()}'s business).
         */
        private String bridgeId(String event) {
            return event.startsWith("Bridge") ? "BridgeUniqueid: fuzz-bridge-" + random.nextInt(50) + "\r\n" : "";
        }

        private String fields(int n) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < n; k++) {
                b.append(pick(FIELDS)).append(": ").append(value()).append("\r\n");
            }
            return b.toString();
        }

        private String value() {
            return switch (random.nextInt(14)) {
                case 0 -> "";
                case 1 -> String.valueOf(random.nextLong());
                case 2 -> "99999999999999999999999";
                case 3 -> "-1";
                case 4 -> "NaN";
                case 5 -> word(1 + random.nextInt(12));
                case 6 -> "x".repeat(1000 + random.nextInt(8000));
                case 7 -> "<unknown>";
                case 8 -> "1.5e308";
                case 9 -> "客户 Müller ☎";
                case 10 -> channel();
                default -> uid();
            };
        }

        private byte[] garbageLines() {
            StringBuilder b = new StringBuilder();
            for (int k = 0, n = 1 + random.nextInt(5); k < n; k++) {
                b.append(switch (random.nextInt(6)) {
                    case 0 -> "this is not AMI";
                    case 1 -> ": no key";
                    case 2 -> "Key without value";
                    case 3 -> "::::";
                    case 4 -> "Event:";
                    default -> word(random.nextInt(200));
                }).append("\r\n");
            }
            return text(b.append("\r\n").toString());
        }

        /** Header values in arbitrary bytes (no CR/LF, which would end the line). */
        private byte[] binaryValues() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            String event = pick(EVENTS);
            b.writeBytes(text("Event: " + event + "\r\nPrivilege: call,all\r\n" + bridgeId(event) + "Channel: " + channel()
                    + "\r\nUniqueid: " + uid() + "\r\nCallerIDName: "));
            for (int k = 0, n = random.nextInt(300); k < n; k++) {
                int v = random.nextInt(256);
                b.write(v == '\r' || v == '\n' ? ' ' : v);
            }
            b.writeBytes(text("\r\nCause: " + (char) ('A' + random.nextInt(26)) + "\r\n\r\n"));
            return b.toByteArray();
        }

        private String uid() {
            return random.nextInt(10) == 0 ? (random.nextBoolean() ? word(8) : "") : pick(uniqueIds);
        }

        private String channel() {
            return pick(channels);
        }

        private String word(int length) {
            StringBuilder b = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                b.append((char) ('!' + random.nextInt(94)));
            }
            return b.toString();
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        private String pick(String[] array) {
            return array[random.nextInt(array.length)];
        }

        private static byte[] text(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}
