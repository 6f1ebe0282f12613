package io.cuecard.call;

import static io.cuecard.pbx.Packets.agent;
import static io.cuecard.pbx.Packets.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView.Flag;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.RecordingPbx.Transfer;
import io.cuecard.pbx.Packets;
import io.cuecard.pbx.Packets.Ch;
import io.cuecard.pbx.PbxHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The consent and conduct rules of source-001 (rows 3–5, 7–9, 24) on call events and console actions. */
class ConductRulesTest {

    static final String B1 = "b-50";
    static final String B2 = "b-51";
    static final TransferRequest BLIND_TO_AGENT2 = new TransferRequest(TransferRequest.Mode.BLIND, "202", "agents");

    final PbxHarness h = new PbxHarness(TrackerSettings.ofSeconds(5, 120));
    final Packets p = new Packets();
    final Ch cust = customer("1800000000.50");
    final Ch a1 = agent(1, "1800000000.51", cust.linkedId);
    final Ch a2 = agent(2, "1800000000.52", cust.linkedId);
    final String id = cust.linkedId;

    private CallView run() {
        h.feed(p.packets);
        p.packets.clear();
        return h.call(id);
    }

    private CallView answered() {
        p.inboundAnswered(cust, a1, B1);
        return run();
    }

    private static List<String> rules(CallView v) {
        return v.flags().stream().map(Flag::rule).toList();
    }

    private static List<String> types(CallView v) {
        return v.timeline().stream().map(TimelineEntry::type).toList();
    }

    private static List<String> flagEntries(CallView v) {
        return v.timeline().stream().filter(t -> t.type().equals("flag")).map(TimelineEntry::detail).toList();
    }

    /** agent1 blind-transfers the customer to extension 202 (as trace c / the simulator), agent2's phone rings. */
    private void blindTransferToAgent2() {
        List<String> fields = new ArrayList<>(List.of("Result", "Success"));
        fields.addAll(Packets.chan("Transferer", a1));
        fields.addAll(Packets.chan("Transferee", cust));
        fields.addAll(List.of("BridgeUniqueid", B1, "IsExternal", "Yes", "Context", "agents", "Extension", "202"));
        p.after(2).event("BlindTransfer", fields);
        p.agentComplete(cust, a1, "PJSIP/agent1", "transfer");
        p.bridgeLeave(cust, B1, 1);
        p.bridgeLeave(a1, B1, 0);
        p.hangup(a1, 16, "Normal Clearing");
        p.newchannel(a2, 0);
        p.dialBegin(cust, a2, "PJSIP/agent2");
        p.state(a2, 5);
    }

    @Nested
    class Hold {

        @Test
        void holdFromThePhoneWithoutConsentIsFlagged() {
            answered();
            p.after(3).hold(a1);
            p.musicOnHold(cust, true);
            CallView v = run();

            assertThat(v.stage()).isEqualTo(Stage.HOLD);
            assertThat(v.flags()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("hold-without-consent");
                assertThat(f.at()).isEqualTo(p.now().minusMillis(500));
            });
            assertThat(flagEntries(v)).singleElement().asString().startsWith("hold-without-consent: ");
        }

        @Test
        void holdWithinAMinuteOfTheConsentIsNotFlagged() {
            CallView v = answered();
            Instant consent = p.now().plusSeconds(1);
            assertThat(h.tracker.recordHoldConsent(id, "agent1", consent)).isEqualTo(ConsoleResult.OK);
            assertThat(h.call(id).consent()).isEqualTo(new CallView.Consent(consent, null));
            assertThat(h.call(id).version()).isEqualTo(v.version() + 1);

            p.after(30).hold(a1);
            CallView held = run();

            assertThat(held.stage()).isEqualTo(Stage.HOLD);
            assertThat(held.flags()).isEmpty();
            assertThat(types(held)).contains("hold-consent");
        }

        @Test
        void consentOlderThanTheWindowDoesNotCount() {
            answered();
            h.tracker.recordHoldConsent(id, "agent1", p.now());
            p.after(62).hold(a1);
            assertThat(rules(run())).containsExactly("hold-without-consent");
        }

        @Test
        void consentIsRefusedForAnotherAgentAndUnknownCalls() {
            answered();
            assertThat(h.tracker.recordHoldConsent(id, "agent2", p.now())).isEqualTo(ConsoleResult.NOT_YOUR_CALL);
            assertThat(h.tracker.recordTransferConsent("nope", "agent1", p.now())).isEqualTo(ConsoleResult.NO_SUCH_CALL);
            assertThat(h.call(id).consent()).isEqualTo(CallView.Consent.NONE);
        }

        @Test
        void aLongHoldPromptsTheInHoldPhraseAndTheResumeNeedsTheApology() {
            answered();
            h.tracker.recordHoldConsent(id, "agent1", p.now());
            p.after(2).hold(a1);
            CallView held = run();
            Instant heldAt = held.stages().get(held.stages().size() - 1).enteredAt();

            h.tracker.tick(heldAt.plusSeconds(44));
            assertThat(h.call(id).longHold()).isFalse();
            h.tracker.tick(heldAt.plusSeconds(46));
            CallView longHold = h.call(id);
            assertThat(longHold.longHold()).isTrue();
            assertThat(longHold.version()).isEqualTo(held.version() + 1);
            assertThat(longHold.timeline()).filteredOn(t -> t.type().equals("long-hold")).singleElement()
                    .satisfies(t -> assertThat(t.at()).isEqualTo(heldAt.plusSeconds(45)));
            h.tracker.tick(heldAt.plusSeconds(50));
            assertThat(h.call(id).version()).as("no new view once marked").isEqualTo(longHold.version());

            p.after(50).unhold(a1);
            CallView resumed = run();
            assertThat(resumed.stage()).isEqualTo(Stage.CONVERSATION);
            assertThat(resumed.longHold()).isFalse();
            assertThat(resumed.apologyRequired()).isTrue();
            assertThat(types(resumed)).containsSubsequence("long-hold", "unhold", "resume-after-long-hold");

            assertThat(h.tracker.confirmPhrase(id, "agent1", p.now())).isEqualTo(ConsoleResult.OK);
            assertThat(h.call(id).apologyRequired()).as("the apology was said").isFalse();
        }

        @Test
        void aShortHoldNeedsNoApology() {
            answered();
            p.after(2).hold(a1);
            p.after(10).unhold(a1);
            CallView v = run();
            h.tracker.tick(p.now().plusSeconds(100));

            assertThat(h.call(id).longHold()).isFalse();
            assertThat(v.apologyRequired()).isFalse();
            assertThat(types(h.call(id))).doesNotContain("long-hold", "resume-after-long-hold");
        }

        @Test
        void theLongHoldLimitIsConfigurable() {
            PbxHarness quick = new PbxHarness(TrackerSettings.ofSeconds(5, 120).withLongHold(Duration.ofSeconds(2)));
            p.inboundAnswered(cust, a1, B1);
            p.after(2).hold(a1);
            quick.feed(p.packets);
            quick.tracker.tick(p.now().plusSeconds(3));
            assertThat(quick.call(id).longHold()).isTrue();
        }
    }

    @Nested
    class Transfer_ {

        @Test
        void consoleTransferIsRefusedWithoutConsentAndSentWithIt() {
            answered();
            Instant at = p.now().plusSeconds(5);
            assertThat(h.tracker.requestTransfer(id, "agent1", BLIND_TO_AGENT2, at)).isEqualTo(ConsoleResult.CONSENT_MISSING);
            assertThat(h.pbx.transfers).isEmpty();

            h.tracker.recordTransferConsent(id, "agent1", at);
            assertThat(h.tracker.requestTransfer(id, "agent2", BLIND_TO_AGENT2, at)).isEqualTo(ConsoleResult.NOT_YOUR_CALL);
            assertThat(h.tracker.requestTransfer(id, "agent1", BLIND_TO_AGENT2, at.plusSeconds(61)))
                    .as("the consent is too old").isEqualTo(ConsoleResult.CONSENT_MISSING);
            assertThat(h.tracker.requestTransfer(id, "agent1", BLIND_TO_AGENT2, at.plusSeconds(10))).isEqualTo(ConsoleResult.OK);
            assertThat(h.tracker.requestTransfer(id, "agent1",
                    new TransferRequest(TransferRequest.Mode.ATTENDED, "202", "agents"), at.plusSeconds(11)))
                    .isEqualTo(ConsoleResult.OK);

            assertThat(h.pbx.transfers).containsExactly(new Transfer("blind", a1.channel, "202", "agents"),
                    new Transfer("attended", a1.channel, "202", "agents"));
            assertThat(h.call(id).timeline()).filteredOn(t -> t.type().equals("transfer-requested"))
                    .extracting(TimelineEntry::detail).containsExactly("blind to 202@agents", "attended to 202@agents");
        }

        @Test
        void blindTransferWithoutConsentIsFlaggedAndWithConsentIsNot() {
            answered();
            blindTransferToAgent2();
            p.after(2).state(a2, 6);
            p.dialEnd(cust, a2, "ANSWER");
            p.bridgeEnter(a2, B2, 1, null);
            p.bridgeEnter(cust, B2, 2, null);
            CallView v = run();

            assertThat(v.transfers()).singleElement().satisfies(t -> assertThat(t.answered()).isTrue());
            assertThat(v.flags()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("transfer-without-consent");
                assertThat(f.detail()).startsWith("blind transfer to agent2");
            });
            assertThat(v.transferFailed()).isFalse();
        }

        @Test
        void blindTransferAfterConsentIsNotFlagged() {
            answered();
            h.tracker.recordTransferConsent(id, "agent1", p.now());
            blindTransferToAgent2();
            CallView v = run();
            assertThat(v.stage()).isEqualTo(Stage.TRANSFER);
            assertThat(v.flags()).isEmpty();
        }

        @Test
        void targetNotAnsweringFailsTheTransferAndTheTransfererCreatesACallback() {
            answered();
            h.tracker.recordTransferConsent(id, "agent1", p.now());
            blindTransferToAgent2();
            p.after(30).dialEnd(cust, a2, "NOANSWER");
            CallView failed = run();
            assertThat(failed.transferFailed()).isTrue();
            assertThat(failed.timeline()).filteredOn(t -> t.type().equals("transfer-failed")).singleElement()
                    .satisfies(t -> assertThat(t.detail()).isEqualTo("agent2 noanswer"));

            p.hangup(a2, 19, "User alerting, no answer");
            p.softHangupRequest(cust);
            p.hangup(cust, 16, "Normal Clearing");
            CallView ended = run();
            assertThat(ended.live()).isFalse();
            assertThat(ended.transfers()).singleElement().satisfies(t -> assertThat(t.answered()).isFalse());
            assertThat(types(ended)).filteredOn("transfer-failed"::equals).hasSize(1);
            assertThat(rules(ended)).as("nobody was connected at the end").doesNotContain("closing-not-confirmed");
            // since issue 10, item 8 the transferer's wrap-up began when their leg left (beside the call's stages)
            assertThat(ended.wrappingUp("agent1")).as("the transferer wraps up").isTrue();
            assertThat(ended.stageAgent()).as("the transferer wraps up").isEqualTo("agent1");
            assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));
        }

        @Test
        void callbackIsAFlagWithTheNoteAndClearsTheFailedTransfer() {
            answered();
            h.tracker.recordTransferConsent(id, "agent1", p.now());
            blindTransferToAgent2();
            p.after(30).dialEnd(cust, a2, "NOANSWER");
            p.hangup(a2, 19, "User alerting, no answer");
            p.hangup(cust, 16, "Normal Clearing");
            run();

            assertThat(h.tracker.recordCallback(id, "agent2", "call back", p.now())).isEqualTo(ConsoleResult.NOT_YOUR_CALL);
            assertThat(h.tracker.recordCallback(id, "agent1", "Call back after 3 pm about the invoice", p.now()))
                    .isEqualTo(ConsoleResult.OK);
            CallView v = h.call(id);
            assertThat(v.flags()).filteredOn(f -> f.rule().equals("callback-task")).singleElement()
                    .satisfies(f -> assertThat(f.detail()).isEqualTo("Call back after 3 pm about the invoice"));
            assertThat(flagEntries(v)).contains("callback-task: Call back after 3 pm about the invoice");
            assertThat(v.transferFailed()).isFalse();
            assertThat(h.tracker.recordCallback("nope", "agent1", null, p.now())).isEqualTo(ConsoleResult.NO_SUCH_CALL);
        }

        @Test
        void customerHangingUpWhileTheTargetRingsFailsTheTransfer() {
            answered();
            blindTransferToAgent2();
            p.after(5).hangupRequest(cust);
            p.dialEnd(cust, a2, "CANCEL");
            p.hangup(cust, 16, "Normal Clearing");
            p.hangup(a2, 0, "Unknown");
            CallView v = run();

            assertThat(v.live()).isFalse();
            assertThat(v.transferFailed()).isTrue();
            assertThat(types(v)).contains("transfer-failed");
        }

        @Test
        void consultedColleagueNotAnsweringShowsTheFailedTransfer() {
            answered();
            Ch localOne = new Ch("Local/202@agents-00000001;1", "1800000000.53", cust.linkedId, "201", "agents", "202");
            Ch localTwo = new Ch("Local/202@agents-00000001;2", "1800000000.54", cust.linkedId, "201", "agents", "202");
            p.after(2).newchannel(localOne, 0);
            p.newchannel(localTwo, 0);
            p.newchannel(a2, 0);
            p.dialBegin(localTwo, a2, "PJSIP/agent2");
            p.state(a2, 5);
            p.after(30).dialEnd(localTwo, a2, "NOANSWER");
            p.hangup(a2, 19, "User alerting, no answer");
            CallView v = run();

            assertThat(v.live()).isTrue();
            assertThat(v.transferFailed()).isTrue();
            assertThat(v.transfers()).isEmpty();
        }

        @Test
        void blindTransferToTheQueueIsAnsweredByTheAgentTheQueueConnects() {
            answered();
            h.tracker.recordTransferConsent(id, "agent1", p.now());
            List<String> fields = new ArrayList<>(List.of("Result", "Success"));
            fields.addAll(Packets.chan("Transferer", a1));
            fields.addAll(Packets.chan("Transferee", cust));
            fields.addAll(List.of("BridgeUniqueid", B1, "IsExternal", "Yes", "Context", "agents", "Extension", "100"));
            p.after(2).event("BlindTransfer", fields);
            p.agentComplete(cust, a1, "PJSIP/agent1", "transfer");
            p.bridgeLeave(cust, B1, 1);
            p.bridgeLeave(a1, B1, 0);
            p.hangup(a1, 16, "Normal Clearing");
            p.queueJoin(cust, "service");
            p.newchannel(a2, 0);
            p.agentCalled(cust, a2, "PJSIP/agent2");
            p.dialBegin(cust, a2, "PJSIP/agent2");
            p.after(3).state(a2, 6);
            p.dialEnd(cust, a2, "ANSWER");
            p.agentConnect(cust, a2, "PJSIP/agent2");
            p.bridgeEnter(a2, B2, 1, null);
            p.bridgeEnter(cust, B2, 2, null);
            CallView v = run();

            assertThat(v.transfers()).singleElement().satisfies(t -> {
                assertThat(t.to()).as("the queue extension 100 names the queue (issue 10)").isEqualTo("service");
                assertThat(t.answered()).isTrue();
            });
            assertThat(v.stage()).isEqualTo(Stage.GREETING);
            assertThat(v.stageAgent()).isEqualTo("agent2");
            assertThat(v.flags()).isEmpty();
            assertThat(v.transferFailed()).isFalse();
        }

        @Test
        void aTransferToTheQueueNamesTheQueueNotItsExtension() {
            answered();
            List<String> fields = new ArrayList<>(List.of("Result", "Success"));
            fields.addAll(Packets.chan("Transferer", a1));
            fields.addAll(Packets.chan("Transferee", cust));
            fields.addAll(List.of("BridgeUniqueid", B1, "IsExternal", "Yes", "Context", "agents", "Extension", "100"));
            p.after(2).event("BlindTransfer", fields);
            p.agentComplete(cust, a1, "PJSIP/agent1", "transfer");
            p.bridgeLeave(cust, B1, 1);
            p.bridgeLeave(a1, B1, 0);
            p.hangup(a1, 16, "Normal Clearing");
            p.queueJoin(cust, "service");
            CallView waiting = run();

            assertThat(waiting.transfers()).singleElement().extracting(CallView.Transfer::to).isEqualTo("service");
            assertThat(waiting.flags()).extracting(Flag::rule).containsExactly("transfer-without-consent");
            assertThat(waiting.flags().get(0).detail()).startsWith("blind transfer to service without");
            assertThat(waiting.timeline()).filteredOn(e -> e.type().equals("flag")).singleElement()
                    .extracting(CallView.TimelineEntry::detail).asString().startsWith("transfer-without-consent: blind transfer to service ");
            assertThat(waiting.timeline()).filteredOn(e -> e.type().equals("transfer-to-queue")).singleElement()
                    .extracting(CallView.TimelineEntry::detail).isEqualTo("service (extension 100)");
            assertThat(waiting.queue()).isEqualTo("service");
        }

        @Test
        void aQueueMemberNotAnsweringIsNoFailedTransfer() {
            p.newchannel(cust, 4);
            p.queueJoin(cust, "service");
            p.newchannel(a2, 0);
            p.dialBegin(cust, a2, "PJSIP/agent2");
            p.after(15).dialEnd(cust, a2, "NOANSWER");
            p.hangup(a2, 19, "User alerting, no answer");
            CallView v = run();
            assertThat(v.transferFailed()).isFalse();
            assertThat(types(v)).doesNotContain("transfer-failed");
        }
    }

    @Nested
    class Closing {

        private void customerHangsUp() {
            p.after(3).customerHangsUp(cust, a1, B1);
        }

        @Test
        void callEndingWithoutTheClosingConfirmedIsFlagged() {
            answered();
            customerHangsUp();
            CallView v = run();
            assertThat(rules(v)).containsExactly("closing-not-confirmed");
            assertThat(v.timeline()).filteredOn(t -> t.type().equals("flag")).singleElement()
                    .satisfies(t -> assertThat(t.agent()).isEqualTo("agent1"));
        }

        @Test
        void confirmedClosingIsNotFlagged() {
            answered();
            assertThat(h.tracker.moveToClosing(id, "agent1", p.now())).isEqualTo(ConsoleResult.OK);
            assertThat(h.tracker.confirmPhrase(id, "agent1", p.now())).isEqualTo(ConsoleResult.OK);
            customerHangsUp();
            assertThat(run().flags()).isEmpty();
        }

        @Test
        void closingWithoutSayingItIsStillFlagged() {
            answered();
            h.tracker.moveToClosing(id, "agent1", p.now());
            customerHangsUp();
            assertThat(rules(run())).containsExactly("closing-not-confirmed");
        }

        @Test
        void agentHangingUpFirstIsFlagged() {
            answered();
            h.tracker.moveToClosing(id, "agent1", p.now());
            h.tracker.confirmPhrase(id, "agent1", p.now());
            p.after(3).hangupRequest(a1);
            p.agentComplete(cust, a1, "PJSIP/agent1", "agent");
            p.bridgeLeave(a1, B1, 1);
            p.hangup(a1, 16, "Normal Clearing");
            p.bridgeLeave(cust, B1, 0);
            p.softHangupRequest(cust);
            p.hangup(cust, 16, "Normal Clearing");
            CallView v = run();

            assertThat(v.hangupBy()).isEqualTo("agent");
            assertThat(rules(v)).containsExactly("agent-hung-up-first");
        }

        @Test
        void abandonedCallsHaveNoClosingFlag() {
            p.newchannel(cust, 4);
            p.queueJoin(cust, "service");
            p.after(10).hangupRequest(cust);
            p.hangup(cust, 16, "Normal Clearing");
            assertThat(run().flags()).isEmpty();
        }
    }

    @Test
    void restoredCallKeepsItsConsentAndHoldState() {
        answered();
        Instant consent = p.now();
        h.tracker.recordTransferConsent(id, "agent1", consent);
        CallView live = h.call(id);
        PbxHarness restarted = new PbxHarness();
        restarted.tracker.restore(live);
        assertThat(restarted.call(id)).isEqualTo(live);
        assertThat(restarted.call(id).consent().transfer()).isEqualTo(consent);
    }
}
