package io.cuecard.pbx;

import static io.cuecard.pbx.Packets.agent;
import static io.cuecard.pbx.Packets.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.Direction;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.Stage;
import io.cuecard.pbx.Packets.Ch;
import io.cuecard.pbx.trace.AmiTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Scenarios not in the recorded traces, built from packets with the Asterisk 22 field lists. */
class SyntheticScenarioTest {

    static final String B1 = "bridge-1";
    static final String B2 = "bridge-2";

    final PbxHarness h = new PbxHarness();
    final Packets p = new Packets();
    final Ch cust = customer("1800000000.10");
    final Ch a1 = agent(1, "1800000000.11", cust.linkedId);

    private static List<Stage> stages(CallView v) {
        return v.stages().stream().map(StageEntry::stage).toList();
    }

    private static List<String> types(CallView v) {
        return v.timeline().stream().map(TimelineEntry::type).toList();
    }

    private CallView run() {
        h.feed(p.packets);
        p.packets.clear();
        return h.call(cust.linkedId);
    }

    private List<String> publishedIds() {
        return h.observer.views.stream().map(CallView::id).distinct().toList();
    }

    @Nested
    class AttendedTransfer {

        final Ch consult = agent(1, "1800000000.12", "1800000000.12");
        final Ch a2 = agent(2, "1800000000.13", "1800000000.12");
        final Ch localOne = new Ch("Local/202@agents-00000001;1", "1800000000.14", cust.linkedId, "201", "agents", "202");
        final Ch localTwo = new Ch("Local/202@agents-00000001;2", "1800000000.15", cust.linkedId, "201", "agents", "202");

        private void consultation() {
            p.inboundAnswered(cust, a1, B1);
            p.after(3).hold(a1);
            p.musicOnHold(cust, true);
            p.newchannel(consult, 4);
            consult.exten = "202";
            p.newchannel(a2, 0);
            p.dialBegin(consult, a2, "PJSIP/agent2");
            p.state(a2, 5);
            p.after(1.5).state(a2, 6);
            p.dialEnd(consult, a2, "ANSWER");
            p.bridgeEnter(consult, B2, 1, null);
            p.bridgeEnter(a2, B2, 2, null);
        }

        @Test
        void withLocalChannelsAndOptimization() {
            consultation();
            CallView during = run();
            assertThat(h.tracker.liveCalls()).as("the consultation is no call").hasSize(1);
            assertThat(types(during)).contains("consultation-dialing", "consultation-bridged");
            assertThat(during.stage()).as("the consultation hold is the transfer's (issue 10, item 3)").isEqualTo(Stage.TRANSFER);

            p.after(4).newchannel(localOne, 0);
            p.newchannel(localTwo, 0);
            p.bridgeEnter(localOne, B1, 2, a1);
            p.bridgeLeave(a1, B1, 2);
            p.bridgeEnter(localTwo, B2, 2, consult);
            p.bridgeLeave(consult, B2, 2);
            p.attendedTransfer("Success", a1, B1, consult, B2, "Link", localOne, localTwo, cust, a2);
            p.hangupRequest(a1);
            p.hangup(a1, 16, "Normal Clearing");
            p.hangupRequest(consult);
            p.hangup(consult, 16, "Normal Clearing");
            p.localOptimization(true, localOne, localTwo, a2);
            p.bridgeEnter(a2, B1, 3, localOne);
            p.bridgeLeave(a2, B2, 1);
            p.bridgeLeave(localOne, B1, 2);
            p.bridgeLeave(localTwo, B2, 0);
            p.localOptimization(false, localOne, localTwo, null);
            p.hangup(localOne, 16, "Normal Clearing");
            p.hangup(localTwo, 16, "Normal Clearing");
            p.musicOnHold(cust, false);
            p.after(5).hangupRequest(cust);
            p.bridgeLeave(cust, B1, 1);
            p.hangup(cust, 16, "Normal Clearing");
            p.bridgeLeave(a2, B1, 0);
            p.hangup(a2, 16, "Normal Clearing");
            CallView v = run();

            assertThat(publishedIds()).containsExactly(cust.linkedId);
            assertThat(v.agents()).containsExactly("agent1", "agent2");
            assertThat(v.transfers()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo("attended");
                assertThat(t.from()).isEqualTo("agent1");
                assertThat(t.to()).isEqualTo("agent2");
                assertThat(t.answered()).isTrue();
            });
            assertThat(v.hangupBy()).as("the transferer's hangups complete the transfer").isEqualTo("customer");
            assertThat(v.holdCount()).as("the consultation hold counts").isEqualTo(1);
            assertThat(v.holdSeconds()).as("held until agent1's leg hung up").isBetween(13L, 14L);
            assertThat(stages(v)).containsSubsequence(Stage.GREETING, Stage.HOLD, Stage.TRANSFER, Stage.GREETING,
                    Stage.ENDED, Stage.WRAP_UP);
            assertThat(v.stages()).filteredOn(s -> s.stage() == Stage.GREETING).extracting(StageEntry::agent)
                    .containsExactly("agent1", "agent2");
            assertThat(types(v)).contains("attended-transfer", "local-optimization-begin", "local-optimization-end");
            // issue 10, item 8: the transferring agent wraps up when their leg leaves, the target when the call ends
            assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"),
                    new Pause("PJSIP/agent2", true, "wrap-up"));
            assertThat(h.tracker.liveCalls()).isEmpty();
        }

        @Test
        void toAnOutsideNumber() {
            Ch specialist = new Ch("PJSIP/customer-00000019", "1800000000.19", consult.linkedId, "+4940555",
                    "from-customer", "s");
            p.inboundAnswered(cust, a1, B1);
            p.after(2).hold(a1);
            consult.exten = "+4940555";
            p.newchannel(consult, 4);
            p.newchannel(specialist, 0);
            p.dialBegin(consult, specialist, "PJSIP/+4940555@trunk");
            p.after(2).state(specialist, 6);
            p.dialEnd(consult, specialist, "ANSWER");
            p.bridgeEnter(consult, B2, 1, null);
            p.bridgeEnter(specialist, B2, 2, null);
            CallView during = run();
            assertThat(h.tracker.liveCalls()).as("the consultation is no call").hasSize(1);
            assertThat(types(during)).contains("consultation-dialing");

            p.after(3).bridgeEnter(cust, B2, 3, null);
            p.bridgeLeave(cust, B1, 1);
            p.bridgeLeave(consult, B2, 2);
            p.attendedTransfer("Success", a1, B1, consult, B2, "Bridge", null, null, cust, specialist);
            p.bridgeLeave(a1, B1, 0);
            p.hangup(a1, 16, "Normal Clearing");
            p.hangup(consult, 16, "Normal Clearing");
            p.after(4).hangupRequest(cust);
            p.bridgeLeave(cust, B2, 1);
            p.hangup(cust, 16, "Normal Clearing");
            CallView v = run();

            assertThat(publishedIds()).containsExactly(cust.linkedId);
            assertThat(v.transfers()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo("attended");
                assertThat(t.from()).isEqualTo("agent1");
                assertThat(t.to()).isEqualTo("+4940555");
                assertThat(t.answered()).isTrue();
            });
            assertThat(v.agents()).containsExactly("agent1");
            assertThat(v.hangupBy()).isEqualTo("customer");
            assertThat(v.stage()).isEqualTo(Stage.ENDED);
        }

        @Test
        void abortedIsInTheTimelineOnly() {
            consultation();
            p.after(3).hangupRequest(a2);
            p.bridgeLeave(a2, B2, 1);
            p.bridgeLeave(consult, B2, 0);
            p.hangup(a2, 16, "Normal Clearing");
            p.hangup(consult, 16, "Normal Clearing");
            p.attendedTransfer("Fail", a1, B1, consult, B2, "Fail", null, null, cust, a2);
            p.unhold(a1);
            p.musicOnHold(cust, false);
            p.after(2).customerHangsUp(cust, a1, B1);
            CallView v = run();

            assertThat(publishedIds()).containsExactly(cust.linkedId);
            assertThat(v.transfers()).isEmpty();
            assertThat(v.agents()).containsExactly("agent1");
            assertThat(types(v)).contains("consultation-dialing", "consultation-hung-up", "attended-transfer-failed");
            assertThat(v.holdCount()).isEqualTo(1);
            assertThat(v.hangupBy()).isEqualTo("customer");
            // issue 10, item 3: the consultation shows as the transfer stage; given up, the call is back in the conversation
            assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.GREETING, Stage.HOLD, Stage.TRANSFER,
                    Stage.CONVERSATION, Stage.ENDED, Stage.WRAP_UP);
            assertThat(v.transferEntries()).extracting(CallView.TransferEntry::state)
                    .containsExactly(io.cuecard.call.TransferState.CONSULTING, io.cuecard.call.TransferState.ABANDONED);
            assertThat(v.flags()).extracting(CallView.Flag::rule).as("no consent for the hold nor for a transfer")
                    .contains("hold-without-consent");
        }
    }

    @Test
    void queueMemberReachedThroughLocalChannelsIsTheCallsAgent() {
        Ch one = new Ch("Local/201@agents-00000002;1", "1800000000.16", cust.linkedId, "+4930123456", "agents", "201");
        Ch two = new Ch("Local/201@agents-00000002;2", "1800000000.17", cust.linkedId, "+4930123456", "agents", "201");
        Ch agentLeg = agent(1, "1800000000.18", cust.linkedId);
        p.newchannel(cust, 4);
        p.state(cust, 6);
        p.queueJoin(cust, "service");
        p.newchannel(one, 0);
        p.newchannel(two, 4);
        p.agentCalled(cust, one, "Local/201@agents");
        p.dialBegin(cust, one, "Local/201@agents");
        p.newchannel(agentLeg, 0);
        p.dialBegin(two, agentLeg, "PJSIP/agent1");
        p.after(1.5).state(agentLeg, 6);
        p.dialEnd(two, agentLeg, "ANSWER");
        p.bridgeEnter(two, B2, 1, null);
        p.bridgeEnter(agentLeg, B2, 2, null);
        p.state(one, 6);
        p.dialEnd(cust, one, "ANSWER");
        p.queueLeave(cust, "service");
        p.agentConnect(cust, one, "Local/201@agents");
        p.bridgeEnter(one, B1, 1, null);
        p.bridgeEnter(cust, B1, 2, null);
        CallView connected = run();
        assertThat(connected.agents()).containsExactly("agent1");
        assertThat(connected.stage()).isEqualTo(Stage.GREETING);
        assertThat(connected.stageAgent()).isEqualTo("agent1");

        p.localOptimization(true, one, two, agentLeg);
        p.bridgeEnter(agentLeg, B1, 3, one);
        p.bridgeLeave(agentLeg, B2, 1);
        p.bridgeLeave(one, B1, 2);
        p.bridgeLeave(two, B2, 0);
        p.localOptimization(false, one, two, null);
        p.hangup(one, 16, "Normal Clearing");
        p.hangup(two, 16, "Normal Clearing");
        p.after(3).customerHangsUp(cust, agentLeg, B1);
        CallView v = run();

        assertThat(publishedIds()).containsExactly(cust.linkedId);
        assertThat(v.agents()).containsExactly("agent1");
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.GREETING, Stage.ENDED, Stage.WRAP_UP);
        assertThat(v.talkSeconds()).as("from the first bridge to the customer leaving").isEqualTo(8);
        assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));
    }

    @Test
    void agentHangsUpFirst() {
        p.inboundAnswered(cust, a1, B1);
        p.after(3).hangupRequest(a1);
        p.agentComplete(cust, a1, "PJSIP/agent1", "agent");
        p.bridgeLeave(a1, B1, 1);
        p.hangup(a1, 16, "Normal Clearing");
        p.bridgeLeave(cust, B1, 0);
        p.softHangupRequest(cust);
        p.hangup(cust, 16, "Normal Clearing");
        CallView v = run();

        assertThat(v.hangupBy()).isEqualTo("agent");
        assertThat(v.outcome()).isEqualTo("answered");
        assertThat(v.flags()).extracting(CallView.Flag::rule)
                .containsExactly("closing-not-confirmed", "agent-hung-up-first");
        assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));
    }

    @Test
    void pbxEndingAConnectedCallIsSystemWithAFlag() {
        p.inboundAnswered(cust, a1, B1);
        p.after(3).softHangupRequest(cust);
        p.bridgeLeave(cust, B1, 1);
        p.hangup(cust, 16, "Normal Clearing");
        CallView v = run();

        assertThat(v.hangupBy()).isEqualTo("system");
        assertThat(v.flags()).extracting(CallView.Flag::rule).containsExactly("pbx-hangup", "closing-not-confirmed");
    }

    @Test
    void supervisorListeningIsNoCallButInTheTimeline() {
        Ch supervisor = new Ch("PJSIP/supervisor-00000020", "1800000000.20", "1800000000.20", "299", "supervisor",
                "555");
        p.inboundAnswered(cust, a1, B1);
        p.newchannel(supervisor, 4);
        p.state(supervisor, 6);
        p.chanSpy(true, supervisor, a1);
        p.after(2).chanSpy(false, supervisor, a1);
        p.hangupRequest(supervisor);
        p.hangup(supervisor, 16, "Normal Clearing");
        p.customerHangsUp(cust, a1, B1);
        CallView v = run();

        assertThat(publishedIds()).containsExactly(cust.linkedId);
        assertThat(h.tracker.call(supervisor.linkedId)).isEmpty();
        assertThat(v.timeline()).filteredOn(e -> e.type().startsWith("spy-"))
                .extracting(TimelineEntry::type, TimelineEntry::channel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spy-started", supervisor.channel),
                        org.assertj.core.groups.Tuple.tuple("spy-stopped", supervisor.channel));
        assertThat(v.hangupBy()).isEqualTo("customer");
    }

    @Test
    void unholdWithoutHoldIsIgnored() {
        p.inboundAnswered(cust, a1, B1);
        p.unhold(a1);
        CallView v = run();

        assertThat(v.holdCount()).isZero();
        assertThat(types(v)).doesNotContain("unhold");
        assertThat(v.stage()).isEqualTo(Stage.GREETING);
    }

    @Test
    void customerOnHoldByTheirOwnPhoneIsNoHold() {
        p.inboundAnswered(cust, a1, B1);
        p.hold(cust);
        p.after(2).unhold(cust);
        p.customerHangsUp(cust, a1, B1);
        CallView v = run();

        assertThat(v.holdCount()).isZero();
        assertThat(types(v)).contains("hold");
    }

    @Test
    void holdStillOpenAtHangupEndsAtHangup() {
        p.inboundAnswered(cust, a1, B1);
        p.after(2).hold(a1);
        Instant heldAt = p.now();
        p.musicOnHold(cust, true);
        p.after(4).hangupRequest(cust);
        p.bridgeLeave(cust, B1, 1);
        p.hangup(cust, 16, "Normal Clearing");
        Instant hungUpAt = p.now();
        CallView v = run();

        assertThat(v.holdCount()).isEqualTo(1);
        assertThat(v.holdSeconds()).isEqualTo(Math.round(Duration.between(heldAt, hungUpAt).toMillis() / 1000.0));
        assertThat(v.holdSeconds()).isEqualTo(6);
        assertThat(v.hangupBy()).isEqualTo("customer");
    }

    @Nested
    class Outbound {

        final Ch agentLeg = new Ch("PJSIP/agent1-00000030", "1800000000.30", "1800000000.30", "030123456", "agents", "s");
        final Ch callee = new Ch("PJSIP/customer-00000031", "1800000000.31", "1800000000.30", "+4930123456",
                "from-customer", "s");

        private void originate() {
            p.newchannel(agentLeg, 0);
            p.varSet(agentLeg, "CAMPAIGN", "followup-42");
            p.varSet(agentLeg, "AGENT", "agent1");
            p.dialBegin(null, agentLeg, "agent1");
            p.state(agentLeg, 5);
        }

        private void agentAnswersAndDialsCustomer() {
            originate();
            p.after(1.5).state(agentLeg, 6);
            p.dialEnd(null, agentLeg, "ANSWER");
            p.originateResponse("originate-7", "Success", agentLeg.channel, agentLeg.uniqueId, 4);
            agentLeg.context = "outbound-followup";
            p.newchannel(callee, 0);
            p.dialBegin(agentLeg, callee, "customer");
            p.state(callee, 5);
        }

        private CallView outboundCall() {
            h.feed(p.packets);
            return h.call(agentLeg.linkedId);
        }

        @Test
        void customerBusy() {
            agentAnswersAndDialsCustomer();
            p.dialEnd(agentLeg, callee, "BUSY");
            p.hangup(callee, 17, "User busy");
            p.hangupRequest(agentLeg);
            p.hangup(agentLeg, 16, "Normal Clearing");
            CallView v = outboundCall();

            assertThat(v.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(v.outcome()).isEqualTo("busy");
            assertThat(v.placedBy()).isEqualTo("agent1");
            assertThat(v.campaign()).isEqualTo("followup-42");
            assertThat(v.agents()).isEmpty();
            assertThat(v.answeredAt()).isNull();
            assertThat(v.hangupBy()).as("the customer rejected the call (issue 10)").isEqualTo("customer");
            assertThat(v.flags()).isEmpty();
            assertThat(h.pbx.pauses).isEmpty();
        }

        @Test
        void customerDoesNotAnswer() {
            agentAnswersAndDialsCustomer();
            p.after(20).dialEnd(agentLeg, callee, "NOANSWER");
            p.hangup(callee, 19, "No answer");
            p.hangup(agentLeg, 16, "Normal Clearing");
            CallView v = outboundCall();

            assertThat(v.outcome()).isEqualTo("no-answer");
            assertThat(v.abandoned()).isFalse();
            assertThat(v.customerNumber()).isEqualTo("+4930123456");
        }

        @Test
        void customerUnreachableIsFailed() {
            agentAnswersAndDialsCustomer();
            p.dialEnd(agentLeg, callee, "CHANUNAVAIL");
            p.hangup(callee, 20, "Subscriber absent");
            p.hangup(agentLeg, 16, "Normal Clearing");

            assertThat(outboundCall().outcome()).isEqualTo("failed");
        }

        @Test
        void agentDoesNotAnswerTheOriginate() {
            originate();
            p.after(15).dialEnd(null, agentLeg, "NOANSWER");
            p.hangup(agentLeg, 19, "No answer");
            p.originateResponse("originate-8", "Failure", "PJSIP/agent1", "<null>", 3);
            CallView v = outboundCall();

            assertThat(v.outcome()).isEqualTo("agent-no-answer");
            assertThat(v.placedBy()).isEqualTo("agent1");
            assertThat(v.stage()).isEqualTo(Stage.ENDED);
            assertThat(v.stages().get(0).agent()).isEqualTo("agent1");
            assertThat(v.hangupBy()).isEqualTo("system");
            assertThat(h.pbx.pauses).isEmpty();
        }
    }

    @Nested
    class LinkLostAndResync {

        private List<org.asteriskjava.manager.event.ManagerEvent> actionReply(String file) {
            AmiTrace trace = PbxHarness.trace(file);
            return h.amiEvents.toEvents(trace.packets(), PbxHarness.T0);
        }

        @Test
        void callsGoneDuringTheOutageAreClosedAndUnknownLiveCallsCreated() {
            p.inboundAnswered(cust, a1, B1);
            CallView before = run();
            assertThat(before.live()).isTrue();

            Instant lostAt = p.now().plusSeconds(2);
            h.apply(h.translator.linkLost(lostAt));
            Instant resyncAt = lostAt.plusSeconds(10);
            h.apply(h.translator.resync(actionReply("action-CoreShowChannels.txt"),
                    actionReply("action-QueueStatus.txt"), resyncAt));

            CallView closed = h.call(cust.linkedId);
            assertThat(closed.live()).isFalse();
            assertThat(closed.endedAt()).isEqualTo(lostAt);
            assertThat(closed.hangupBy()).isEqualTo("system");
            assertThat(closed.flags()).extracting(CallView.Flag::rule).contains("link-lost");
            assertThat(closed.outcome()).isEqualTo("answered");
            assertThat(types(closed)).contains("link-lost", "resynced");

            CallView found = h.call("1795367380.21");
            assertThat(found.live()).isTrue();
            assertThat(found.direction()).isEqualTo(Direction.INBOUND);
            assertThat(found.customerNumber()).isEqualTo("+4930123456");
            assertThat(found.queue()).isEqualTo("service");
            assertThat(found.agents()).containsExactly("agent1");
            assertThat(found.stage()).isEqualTo(Stage.CONVERSATION);
            assertThat(found.stageAgent()).isEqualTo("agent1");
            assertThat(found.startedAt()).isEqualTo(resyncAt.minusSeconds(2));
            assertThat(found.flags()).extracting(CallView.Flag::rule).containsExactly("started-unseen");
            assertThat(h.tracker.liveCalls()).extracting(CallView::id).containsExactly("1795367380.21");

            Ch foundCustomer = new Ch("PJSIP/customer-00000013", "1795367380.21", "1795367380.21", "+4930123456",
                    "from-customer", "100");
            Ch foundAgent = new Ch("PJSIP/agent1-00000014", "1795367380.22", "1795367380.21", "201", "agents", "100");
            p.customerHangsUp(foundCustomer, foundAgent, "ae89954c-04c9-4276-8a04-1c086c8f2797");
            h.feed(p.packets);

            CallView ended = h.call("1795367380.21");
            assertThat(ended.live()).isFalse();
            assertThat(ended.hangupBy()).isEqualTo("customer");
            assertThat(ended.outcome()).isEqualTo("answered");
        }

        @Test
        void callerWaitingInTheQueueAtTheResyncBecomesARingingCall() {
            Instant at = p.now();
            org.asteriskjava.manager.event.ManagerEvent shown = h.amiEvents.toEvent(
                    io.cuecard.pbx.trace.AmiPacket.of("Event", "CoreShowChannel", "Channel", cust.channel,
                            "ChannelState", "6", "ChannelStateDesc", "Up", "CallerIDNum", cust.callerNum,
                            "Uniqueid", cust.uniqueId, "Linkedid", cust.linkedId, "Application", "Queue",
                            "ApplicationData", "service,t,,,300,,sub-record", "Duration", "00:00:12"), PbxHarness.T0);
            org.asteriskjava.manager.event.ManagerEvent entry = h.amiEvents.toEvent(
                    io.cuecard.pbx.trace.AmiPacket.of("Event", "QueueEntry", "Queue", "service", "Position", "1",
                            "Channel", cust.channel, "Uniqueid", cust.uniqueId, "Wait", "12"), PbxHarness.T0);
            h.apply(h.translator.resync(List.of(shown), List.of(entry), at));

            CallView ringing = h.call(cust.linkedId);
            assertThat(ringing.stage()).isEqualTo(Stage.RINGING);
            assertThat(ringing.queue()).isEqualTo("service");
            assertThat(ringing.startedAt()).isEqualTo(at.minusSeconds(12));
            assertThat(ringing.answeredAt()).isNull();

            p.newchannel(a1, 0);
            p.agentCalled(cust, a1, "PJSIP/agent1");
            p.dialBegin(cust, a1, "PJSIP/agent1");
            p.after(1.5).state(a1, 6);
            p.dialEnd(cust, a1, "ANSWER");
            p.queueLeave(cust, "service");
            p.bridgeEnter(a1, B1, 1, null);
            p.bridgeEnter(cust, B1, 2, null);
            CallView answered = run();

            assertThat(answered.stage()).isEqualTo(Stage.GREETING);
            assertThat(answered.answeredAt()).isNotNull();
            assertThat(answered.waitSeconds()).isBetween(14L, 16L);
            assertThat(answered.agents()).containsExactly("agent1");
        }

        @Test
        void callsStillUpSurviveTheResync() {
            p.inboundAnswered(cust, a1, B1);
            run();
            h.apply(h.translator.linkLost(p.now()));
            org.asteriskjava.manager.event.ManagerEvent custShown = h.amiEvents.toEvent(
                    io.cuecard.pbx.trace.AmiPacket.of("Event", "CoreShowChannel", "Channel", cust.channel,
                            "ChannelState", "6", "ChannelStateDesc", "Up", "CallerIDNum", cust.callerNum,
                            "Uniqueid", cust.uniqueId, "Linkedid", cust.linkedId, "Application", "Queue",
                            "ApplicationData", "service,t", "Duration", "00:00:09", "BridgeId", B1), PbxHarness.T0);
            org.asteriskjava.manager.event.ManagerEvent agentShown = h.amiEvents.toEvent(
                    io.cuecard.pbx.trace.AmiPacket.of("Event", "CoreShowChannel", "Channel", a1.channel,
                            "ChannelState", "6", "ChannelStateDesc", "Up", "CallerIDNum", "201",
                            "Uniqueid", a1.uniqueId, "Linkedid", a1.linkedId, "Application", "AppQueue",
                            "Duration", "00:00:08", "BridgeId", B1), PbxHarness.T0);
            h.apply(h.translator.resync(List.of(custShown, agentShown), List.of(), p.now().plusSeconds(5)));

            CallView v = h.call(cust.linkedId);
            assertThat(v.live()).isTrue();
            assertThat(v.flags()).isEmpty();
            assertThat(v.stage()).isEqualTo(Stage.GREETING);

            p.after(3).customerHangsUp(cust, a1, B1);
            CallView ended = run();
            assertThat(ended.hangupBy()).isEqualTo("customer");
            assertThat(ended.agents()).containsExactly("agent1");
        }
    }
}
