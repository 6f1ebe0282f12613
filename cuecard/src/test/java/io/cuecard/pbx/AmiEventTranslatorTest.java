package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cuecard.call.event.CallEvent;
import io.cuecard.call.event.CallEvent.ChannelOpened;
import io.cuecard.call.event.CallEvent.ChannelsGone;
import io.cuecard.call.event.CallEvent.Dialing;
import io.cuecard.call.event.CallEvent.LiveChannel;
import io.cuecard.call.event.CallEvent.OriginateResult;
import io.cuecard.call.event.CallEvent.RecordingStarted;
import io.cuecard.call.event.CallEvent.Resynced;
import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

class AmiEventTranslatorTest {

    final AmiEvents amiEvents = new AmiEvents();
    final AmiEventTranslator translator = new AmiEventTranslator();
    final Instant received = Instant.parse("2026-11-22T17:00:00Z");

    private List<CallEvent> translate(AmiPacket p) {
        return translator.translate(amiEvents.toEvent(p, received), received);
    }

    private List<ManagerEvent> actionReply(String file) throws Exception {
        return amiEvents.toEvents(AmiTrace.read(AmiTrace.sharedTraceDir().resolve(file)).packets(), received);
    }

    @Test
    void recordedInboundCallTranslatesToCuecardEvents() throws Exception {
        List<CallEvent> out = new ArrayList<>();
        for (AmiPacket p : AmiTrace.read(AmiTrace.sharedTraceDir().resolve(TraceScenarioTest.A)).scenarioPackets()) {
            out.addAll(translate(p));
        }

        assertThat(out).extracting(e -> e.getClass().getSimpleName()).containsExactly("ChannelOpened",
                "ChannelStateChanged", "QueueJoined", "MusicOnHold", "ChannelOpened", "AgentRinging", "Dialing",
                "ChannelStateChanged", "ChannelStateChanged", "DialEnded", "MusicOnHold", "QueueLeft",
                "RecordingStarted", "AgentConnected", "Bridged", "Bridged", "HangupRequested", "AgentCompleted",
                "Unbridged", "HangupRequested", "ChannelHungUp", "Unbridged", "ChannelHungUp");
        assertThat(out).allSatisfy(e -> assertThat(((CallEvent.LegEvent) e).callId()).isEqualTo("1795367282.0"));
        assertThat(out.get(0)).isInstanceOfSatisfying(ChannelOpened.class, o -> {
            assertThat(o.endpoint()).isEqualTo("PJSIP/customer");
            assertThat(o.callerNumber()).isEqualTo("+4930123456");
            assertThat(o.context()).isEqualTo("from-customer");
            assertThat(o.exten()).isEqualTo("100");
            assertThat(o.up()).isFalse();
            assertThat(o.at()).isEqualTo(Instant.parse("2026-11-22T17:08:02.227850Z"));
        });
        assertThat(out.get(16)).isInstanceOfSatisfying(CallEvent.HangupRequested.class,
                r -> assertThat(r.byPbx()).isFalse());
        assertThat(out.get(19)).isInstanceOfSatisfying(CallEvent.HangupRequested.class,
                r -> assertThat(r.byPbx()).isTrue());
    }

    @Test
    void endpointIsTheChannelWithoutItsSequenceNumber() {
        assertThat(AmiEventTranslator.endpointOf("PJSIP/agent1-00000005")).isEqualTo("PJSIP/agent1");
        assertThat(AmiEventTranslator.endpointOf("PJSIP/trunk-provider-0000000a")).isEqualTo("PJSIP/trunk-provider");
        assertThat(AmiEventTranslator.endpointOf("Local/201@agents-00000001;2")).isEqualTo("Local/201@agents");
        assertThat(AmiEventTranslator.endpointOf("PJSIP/agent1")).isEqualTo("PJSIP/agent1");
        assertThat(AmiEventTranslator.endpointOf(null)).isNull();
        assertThat(AmiEventTranslator.durationSeconds("01:02:03")).isEqualTo(3723L);
        assertThat(AmiEventTranslator.durationSeconds("x")).isNull();
    }

    @Test
    void noiseIsDropped() {
        for (String name : List.of("Cel", "Newexten", "RTCPSent", "RTCPReceived", "DeviceStateChange",
                "SuccessfulAuth", "ChallengeSent", "Cdr", "NewConnectedLine", "QueueMemberStatus", "DialState")) {
            assertThat(translate(AmiPacket.of("Event", name, "Channel", "PJSIP/agent1-00000001", "Uniqueid", "1.1",
                    "Linkedid", "1.0", "EventName", "CHAN_START", "Timestamp", "1795367282.1"))).as(name).isEmpty();
        }
        assertThat(translate(AmiPacket.of("Event", "VarSet", "Channel", "PJSIP/a-1", "Uniqueid", "1.1",
                "Variable", "BRIDGEPEER", "Value", "PJSIP/b-2"))).isEmpty();
    }

    @Test
    void legacyEventsAsteriskJavaSynthesizesAreIgnored() {
        org.asteriskjava.manager.event.DialEvent dial = new org.asteriskjava.manager.event.DialEvent(this);
        dial.setUniqueId("1.0");
        dial.setChannel("PJSIP/customer-1");
        org.asteriskjava.manager.event.BridgeEvent bridge = new org.asteriskjava.manager.event.BridgeEvent(this);
        bridge.setUniqueId1("1.0");
        bridge.setUniqueId2("1.1");
        assertThat(translator.translate(dial, received)).isEmpty();
        assertThat(translator.translate(bridge, received)).isEmpty();
    }

    @Test
    void usesTheTimestampHeaderElseTheReceiptTime() {
        List<CallEvent> stamped = translate(AmiPacket.of("Event", "Hangup", "Timestamp", "1795367286.743308",
                "Channel", "PJSIP/a-1", "Uniqueid", "1.1", "Linkedid", "1.0", "Cause", "16"));
        List<CallEvent> unstamped = translate(AmiPacket.of("Event", "Hangup", "Channel", "PJSIP/a-1", "Uniqueid",
                "1.1", "Linkedid", "1.0"));
        assertThat(stamped).singleElement().extracting(CallEvent::at)
                .isEqualTo(Instant.parse("2026-11-22T17:08:06.743308Z"));
        assertThat(unstamped).singleElement().extracting(CallEvent::at).isEqualTo(received);
    }

    @Test
    void aHangupWithoutChannelNameStillEndsTheLeg() {
        translate(AmiPacket.of("Event", "Newchannel", "Channel", "PJSIP/a-1", "Uniqueid", "3.1", "Linkedid", "3.0"));
        List<CallEvent> out = translate(AmiPacket.of("Event", "Hangup", "Uniqueid", "3.1", "Cause", "16"));
        assertThat(out).singleElement().isInstanceOfSatisfying(CallEvent.ChannelHungUp.class, h -> {
            assertThat(h.callId()).as("remembered from Newchannel").isEqualTo("3.0");
            assertThat(h.cause()).isEqualTo(16);
        });
        assertThat(translate(AmiPacket.of("Event", "Newchannel", "Uniqueid", "3.2"))).isEmpty();
    }

    /**
     * A call event without what the translator needs, and one whose reading throws, are skipped and reported (reason
     * given); noise, variables Cuecard does not read and well-formed events are not.
     */
    @Test
    void eventsThatCannotBeTranslatedAreReportedWithTheirReason() {
        List<String> reported = new ArrayList<>();
        AmiEventTranslator reporting = new AmiEventTranslator((event, reason) ->
                reported.add(UntranslatableEvents.typeOf(event) + ": " + reason));
        java.util.function.Function<AmiPacket, List<CallEvent>> feed = p -> reporting.translate(amiEvents.toEvent(p, received), received);

        assertThat(feed.apply(AmiPacket.of("Event", "Newchannel", "Channel", "PJSIP/a-1", "Uniqueid", "5.1", "Linkedid", "5.0")))
                .hasSize(1);
        assertThat(feed.apply(AmiPacket.of("Event", "Hold", "Channel", "PJSIP/a-1", "Uniqueid", "5.1"))).hasSize(1);
        assertThat(feed.apply(AmiPacket.of("Event", "Cel", "Channel", "PJSIP/a-1"))).isEmpty();
        assertThat(feed.apply(AmiPacket.of("Event", "VarSet", "Channel", "PJSIP/a-1", "Variable", "BRIDGEPEER", "Value", "x"))).isEmpty();
        assertThat(feed.apply(AmiPacket.of("Event", "Newstate", "Channel", "PJSIP/a-1", "ChannelState", "4"))).as("a state Cuecard ignores")
                .isEmpty();
        assertThat(reported).isEmpty();

        assertThat(feed.apply(AmiPacket.of("Event", "Hangup", "Channel", "PJSIP/a-1", "Cause", "16"))).isEmpty();
        assertThat(feed.apply(AmiPacket.of("Event", "BridgeEnter", "BridgeUniqueid", "b-1", "Channel", "PJSIP/a-1",
                "Uniqueid", "9".repeat(65)))).isEmpty();
        assertThat(feed.apply(AmiPacket.of("Event", "Newchannel", "Uniqueid", "5.2"))).isEmpty();
        assertThat(feed.apply(AmiPacket.of("Event", "DialBegin", "Channel", "PJSIP/a-1", "Uniqueid", "5.1"))).isEmpty();
        assertThat(feed.apply(AmiPacket.of("Event", "VarSet", "Channel", "PJSIP/a-1", "Uniqueid", "<null>", "Variable", "AGENT",
                "Value", "agent1"))).isEmpty();
        org.asteriskjava.manager.event.HangupEvent broken = new org.asteriskjava.manager.event.HangupEvent(this) {
            @Override
            public Integer getCause() {
                throw new IllegalStateException("a getter that throws");
            }
        };
        broken.setUniqueId("5.9");
        assertThat(reporting.translate(broken, received)).isEmpty();

        assertThat(reported).containsExactly("Hangup: no Uniqueid", "BridgeEnter: unusable Uniqueid (65 characters)",
                "NewChannel: no Channel", "DialBegin: no DestUniqueid", "VarSet: no Uniqueid",
                "Hangup: java.lang.IllegalStateException: a getter that throws");
    }

    @Test
    void pairsLocalChannelHalves() {
        translate(AmiPacket.of("Event", "Newchannel", "Channel", "Local/202@agents-00000001;1", "Uniqueid", "9.1",
                "Linkedid", "9.0"));
        List<CallEvent> second = translate(AmiPacket.of("Event", "Newchannel", "Channel",
                "Local/202@agents-00000001;2", "Uniqueid", "9.2", "Linkedid", "9.0"));
        assertThat(second).singleElement().isInstanceOfSatisfying(ChannelOpened.class, o -> {
            assertThat(o.local()).isTrue();
            assertThat(o.localPartner()).isEqualTo("9.1");
            assertThat(o.endpoint()).isEqualTo("Local/202@agents");
        });
    }

    @Test
    void originateDialHasNoCallerAndAFailedOriginateIsMatchedToItsLeg() {
        translate(AmiPacket.of("Event", "Newchannel", "Channel", "PJSIP/agent1-00000030", "Uniqueid", "5.30",
                "Linkedid", "5.30"));
        List<CallEvent> dial = translate(AmiPacket.of("Event", "DialBegin", "DestChannel", "PJSIP/agent1-00000030",
                "DestUniqueid", "5.30", "DestLinkedid", "5.30", "DialString", "agent1"));
        assertThat(dial).singleElement().isInstanceOfSatisfying(Dialing.class, d -> {
            assertThat(d.caller()).isNull();
            assertThat(d.callId()).isEqualTo("5.30");
        });
        translate(AmiPacket.of("Event", "Hangup", "Channel", "PJSIP/agent1-00000030", "Uniqueid", "5.30",
                "Linkedid", "5.30", "Cause", "19"));

        List<CallEvent> result = translate(AmiPacket.of("Event", "OriginateResponse", "ActionID", "1_1#o-9",
                "Response", "Failure", "Channel", "PJSIP/agent1", "Reason", "3", "Uniqueid", "<null>"));

        assertThat(result).singleElement().isInstanceOfSatisfying(OriginateResult.class, o -> {
            assertThat(o.success()).isFalse();
            assertThat(o.reason()).isEqualTo(3);
            assertThat(o.callId()).isEqualTo("5.30");
            assertThat(o.leg().uniqueId()).isEqualTo("5.30");
            assertThat(o.actionId()).isEqualTo("o-9");
        });
    }

    @Test
    void recordingFileComesFromVarSetBeforeOrAfterMixMonitorStart() {
        translate(AmiPacket.of("Event", "VarSet", "Channel", "PJSIP/a-1", "Uniqueid", "1.1", "Linkedid", "1.0",
                "Variable", "MIXMONITOR_FILENAME", "Value", "/rec/1.wav"));
        assertThat(translate(AmiPacket.of("Event", "MixMonitorStart", "Channel", "PJSIP/a-1", "Uniqueid", "1.1",
                "Linkedid", "1.0"))).singleElement().isInstanceOfSatisfying(RecordingStarted.class,
                        r -> assertThat(r.file()).isEqualTo("/rec/1.wav"));

        assertThat(translate(AmiPacket.of("Event", "MixMonitorStart", "Channel", "PJSIP/b-2", "Uniqueid", "2.1",
                "Linkedid", "2.0"))).singleElement().isInstanceOfSatisfying(RecordingStarted.class,
                        r -> assertThat(r.file()).isNull());
        assertThat(translate(AmiPacket.of("Event", "VarSet", "Channel", "PJSIP/b-2", "Uniqueid", "2.1",
                "Linkedid", "2.0", "Variable", "MIXMONITOR_FILENAME", "Value", "/rec/2.wav")))
                .singleElement().isInstanceOfSatisfying(RecordingStarted.class,
                        r -> assertThat(r.file()).isEqualTo("/rec/2.wav"));
    }

    @Test
    void resyncFromCoreShowChannelsAndQueueStatus() throws Exception {
        List<CallEvent> out = translator.resync(actionReply("action-CoreShowChannels.txt"),
                actionReply("action-QueueStatus-caller-waiting.txt"), received);

        assertThat(out).singleElement().isInstanceOfSatisfying(Resynced.class, r -> {
            assertThat(r.at()).isEqualTo(received);
            assertThat(r.channels()).extracting(LiveChannel::callId).containsOnly("1795367380.21");
            LiveChannel customer = r.channels().get(0);
            assertThat(customer.leg().channel()).isEqualTo("PJSIP/customer-00000013");
            assertThat(customer.application()).isEqualTo("Queue");
            assertThat(customer.applicationData()).startsWith("service,");
            assertThat(customer.bridgeId()).isEqualTo("ae89954c-04c9-4276-8a04-1c086c8f2797");
            assertThat(customer.up()).isTrue();
            assertThat(customer.ageSeconds()).isEqualTo(2L);
            assertThat(customer.callerNumber()).isEqualTo("+4930123456");
            assertThat(r.channels().get(1).endpoint()).isEqualTo("PJSIP/agent1");
            assertThat(r.queuedCallers()).singleElement().satisfies(q -> {
                assertThat(q.queue()).isEqualTo("service");
                assertThat(q.leg().uniqueId()).isEqualTo("1795367337.12");
                assertThat(q.waitSeconds()).isEqualTo(1L);
            });
        });
        assertThat(translator.resync(null, null, received)).singleElement()
                .isInstanceOfSatisfying(Resynced.class, r -> assertThat(r.channels()).isEmpty());
    }

    /** Every event class the translator looks at, built with no fields at all: nothing may throw. */
    @Test
    void emptyEventsOfEveryClassNeverThrow() throws Exception {
        List<String> names = List.of("NewChannelEvent", "NewStateEvent", "DialBeginEvent", "DialEndEvent",
                "BridgeEnterEvent", "BridgeLeaveEvent", "HoldEvent", "UnholdEvent", "MusicOnHoldStartEvent",
                "MusicOnHoldStopEvent", "HangupRequestEvent", "SoftHangupRequestEvent", "HangupEvent",
                "QueueCallerJoinEvent", "QueueCallerLeaveEvent", "QueueCallerAbandonEvent", "AgentCalledEvent",
                "AgentConnectEvent", "AgentCompleteEvent", "AgentRingNoAnswerEvent", "BlindTransferEvent",
                "AttendedTransferEvent", "LocalOptimizationBeginEvent", "LocalOptimizationEndEvent",
                "OriginateResponseEvent", "MixMonitorStartEvent", "VarSetEvent", "ChanSpyStartEvent",
                "ChanSpyStopEvent", "CoreShowChannelEvent", "QueueEntryEvent", "CelEvent");
        for (String name : names) {
            Class<?> type = Class.forName("org.asteriskjava.manager.event." + name);
            assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
            ManagerEvent event = (ManagerEvent) type.getConstructor(Object.class).newInstance(this);
            assertThatCode(() -> translator.translate(event, received)).as(name).doesNotThrowAnyException();
            assertThatCode(() -> translator.translate(event, null)).as(name).doesNotThrowAnyException();
        }
        assertThat(translator.translate(null, received)).isEmpty();
        assertThatCode(() -> translator.resync(List.of(new org.asteriskjava.manager.event.CoreShowChannelEvent(this)),
                List.of(new org.asteriskjava.manager.event.QueueEntryEvent(this)), received)).doesNotThrowAnyException();
    }

    /** Recorded and synthetic packets of every kind the translator handles. */
    private static List<AmiPacket> fuzzSource() throws Exception {
        List<AmiPacket> source = new ArrayList<>();
        for (String f : List.of(TraceScenarioTest.A, TraceScenarioTest.C, TraceScenarioTest.E, TraceScenarioTest.F)) {
            for (AmiPacket packet : AmiTrace.read(AmiTrace.sharedTraceDir().resolve(f)).scenarioPackets()) {
                if (!String.valueOf(packet.event()).startsWith("RTCP")) {
                    source.add(packet);
                }
            }
        }
        Packets.Ch cust = Packets.customer("1800000000.60");
        Packets.Ch a1 = Packets.agent(1, "1800000000.61", cust.linkedId);
        Packets.Ch a2 = Packets.agent(2, "1800000000.62", "1800000000.63");
        Packets.Ch consult = Packets.agent(1, "1800000000.63", "1800000000.63");
        Packets.Ch one = new Packets.Ch("Local/202@agents-00000009;1", "1800000000.64", cust.linkedId, "1", "a", "2");
        Packets.Ch two = new Packets.Ch("Local/202@agents-00000009;2", "1800000000.65", cust.linkedId, "1", "a", "2");
        Packets extra = new Packets().inboundAnswered(cust, a1, "b1").hold(a1).unhold(a1).chanSpy(true, a2, a1)
                .chanSpy(false, a2, a1).mixMonitorStart(a1).varSet(a1, "CAMPAIGN", "c-1").varSet(a1, "AGENT", "agent1")
                .newchannel(consult, 4).newchannel(a2, 0).dialBegin(consult, a2, "x").dialEnd(consult, a2, "ANSWER")
                .bridgeEnter(consult, "b2", 1, null).bridgeEnter(a2, "b2", 2, null).newchannel(one, 0)
                .newchannel(two, 0).bridgeEnter(one, "b1", 2, a1).bridgeEnter(two, "b2", 2, consult)
                .attendedTransfer("Success", a1, "b1", consult, "b2", "Link", one, two, cust, a2)
                .localOptimization(true, one, two, a2).localOptimization(false, one, two, null)
                .originateResponse("o-1", "Failure", "PJSIP/agent1", "<null>", 3).customerHangsUp(cust, a1, "b1");
        source.addAll(extra.packets);
        return source;
    }

    /** Runs {@code work} and returns what the tracker logged as events it could not apply. */
    private static List<java.util.logging.LogRecord> trackerErrorsDuring(Runnable work) {
        List<java.util.logging.LogRecord> errors = new ArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger trackerLog = java.util.logging.Logger.getLogger("io.cuecard.call.CallTracker");
        trackerLog.addHandler(capture);
        try {
            work.run();
        } finally {
            trackerLog.removeHandler(capture);
        }
        return errors;
    }

    /**
     * Packets mangled at random (headers dropped, values replaced) into translator and tracker. (RTCP packets are
     * left out: asterisk-java resolves their addresses through DNS.)
     */
    @Test
    void mangledPacketsNeverThrow() throws Exception {
        Random random = new Random(42);
        List<AmiPacket> source = fuzzSource();
        List<String> oddValues = List.of("", " ", "<null>", "<unknown>", "-1", "99999999999999999999", "NaN",
                "1795367282.0", "PJSIP/agent1-00000001", "Local/x@y-1;2", "ünïcödé", "a: b", "Success", "Fail");
        PbxHarness harness = new PbxHarness();
        List<java.util.logging.LogRecord> errors = trackerErrorsDuring(() -> {
            for (int round = 0; round < 3_000; round++) {
                AmiPacket original = source.get(random.nextInt(source.size()));
                List<AmiPacket.Header> headers = new ArrayList<>();
                for (AmiPacket.Header h : original.headers()) {
                    int dice = random.nextInt(10);
                    if (h.key().equals("Event") || dice > 2) {
                        headers.add(h);
                    } else if (dice == 1) {
                        headers.add(new AmiPacket.Header(h.key(), oddValues.get(random.nextInt(oddValues.size()))));
                    }
                }
                AmiPacket mangled = new AmiPacket(headers);
                assertThatCode(() -> harness.feed(mangled)).as(mangled.toString()).doesNotThrowAnyException();
            }
            assertThatCode(() -> harness.tracker.tick(received.plusSeconds(86_400))).doesNotThrowAnyException();
        });
        assertThat(errors).as("the tracker met no event it could not apply").isEmpty();
    }

    /** Intact packets in random order: events out of order must not break the tracker either. */
    @Test
    void shuffledPacketsNeverBreakTheTracker() throws Exception {
        List<AmiPacket> source = new ArrayList<>(fuzzSource());
        for (long seed = 1; seed <= 20; seed++) {
            java.util.Collections.shuffle(source, new Random(seed));
            PbxHarness harness = new PbxHarness();
            List<java.util.logging.LogRecord> errors = trackerErrorsDuring(() -> {
                harness.feed(source);
                harness.tracker.tick(received.plusSeconds(86_400));
                harness.tracker.liveCalls();
            });
            assertThat(errors).as("seed %d", seed).isEmpty();
        }
    }

    private static AmiPacket newChannel(String uid, String channel) {
        return AmiPacket.of("Event", "Newchannel", "Privilege", "call,all", "Channel", channel, "Uniqueid", uid,
                "Linkedid", uid, "ChannelState", "4", "CallerIDNum", "+4930111");
    }

    @Test
    void aSweepReportsChannelsKnownAtTheMarkThatThePbxNoLongerLists() {
        translate(newChannel("4000000000.1", "PJSIP/trunk-00000001"));
        translate(newChannel("4000000000.2", "PJSIP/trunk-00000002"));
        translate(newChannel("4000000000.3", "PJSIP/trunk-00000003"));
        translator.markSweep();
        translate(newChannel("4000000000.4", "PJSIP/trunk-00000004")); // opened after the request: never swept by its reply
        translate(AmiPacket.of("Event", "Hangup", "Privilege", "call,all", "Channel", "PJSIP/trunk-00000002",
                "Uniqueid", "4000000000.2", "Linkedid", "4000000000.2", "Cause", "16"));
        List<ManagerEvent> listed = List.of(amiEvents.toEvent(AmiPacket.of("Event", "CoreShowChannel", "Channel",
                "PJSIP/trunk-00000003", "Uniqueid", "4000000000.3", "Linkedid", "4000000000.3"), received));

        List<CallEvent> out = translator.sweep(listed, received);

        assertThat(out).singleElement().isInstanceOfSatisfying(ChannelsGone.class, g -> assertThat(g.legs())
                .containsExactly(new CallEvent.Leg("4000000000.1", "PJSIP/trunk-00000001")));
        assertThat(translator.knownChannels()).isEqualTo(2);
        assertThat(translator.sweep(List.of(), received)).as("no mark, no sweep").isEmpty();
    }

    @Test
    void overlongUniqueidsAreGarbledAndSkipped() {
        assertThat(translate(newChannel("9".repeat(65), "PJSIP/trunk-00000001"))).isEmpty();
        AmiPacket longLinkedid = AmiPacket.of("Event", "Newchannel", "Privilege", "call,all", "Channel", "PJSIP/trunk-00000002",
                "Uniqueid", "4000000000.7", "Linkedid", "x".repeat(10_000));
        assertThat(translate(longLinkedid)).singleElement().isInstanceOfSatisfying(ChannelOpened.class,
                o -> assertThat(o.callId()).isEqualTo("4000000000.7"));
    }
}
