package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.Consultation;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.CallView.TransferEntry;
import io.cuecard.call.ConsoleResult;
import io.cuecard.call.PbxAnswer;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.RecordingPbx.Transfer;
import io.cuecard.call.Stage;
import io.cuecard.call.TransferAction;
import io.cuecard.call.TransferRefused;
import io.cuecard.call.TransferRequest;
import io.cuecard.call.TransferState;
import io.cuecard.console.AgentPresence;
import io.cuecard.pbx.trace.AmiPacket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 8, on the lab's real Asterisk 22.10.1 recordings: the attended transfer asked for from the console
 * (trace g: transfer consent, "attended transfer to 202", Asterisk's Atxfer consultation through
 * {@code Local/202@agents}, agent2 answers, agent1 hangs up to complete) shows its consultation on the call (the colleague
 * ringing, then talking with the agent), can be completed or cancelled from the console (only by the consulting agent,
 * only while consulting), a transfer action the PBX refuses or leaves unanswered is recorded and told to the agent, and
 * the transferring agent gets a wrap-up when their leg leaves the call, for blind (trace c) and attended transfers
 * (traces d and g).
 */
class ConsoleTransferActionsTest {

    static final String CONSOLE = AttendedTransferTraceTest.CONSOLE;
    static final String ATXFER = AttendedTransferTraceTest.ATXFER;
    static final String BLIND = "c-blind-transfer-agent1-to-agent2.txt";
    static final String CALL = "1796325149.5";
    static final String AGENT1_CHANNEL = "PJSIP/agent1-00000004";
    static final TransferRequest TO_202 = new TransferRequest(TransferRequest.Mode.ATTENDED, "202", "agents");

    /** The console's consent and request came at 19:12:32.391 and .891 UTC, before Asterisk's Hold (19:12:33.153). */
    static final Instant CONSENT_AT = Instant.parse("2026-12-03T19:12:32.391Z");
    static final Instant REQUEST_AT = Instant.parse("2026-12-03T19:12:32.891Z");

    private final PbxHarness h = new PbxHarness();
    private final List<AmiPacket> packets = PbxHarness.trace(CONSOLE).scenarioPackets();

    /** Feeds the trace's packets stamped in [{@code from}, {@code to}) (epoch seconds). */
    private void feed(double from, double to) {
        h.feed(packets.stream().filter(p -> timestamp(p) >= from && timestamp(p) < to).toList());
    }

    private static double timestamp(AmiPacket p) {
        String ts = p.get("Timestamp");
        return ts == null ? 0 : Double.parseDouble(ts);
    }

    /** Trace g up to the console's request, the consent and the request (answered as {@code pbx.answerWith} says). */
    private void consoleRequestsTheAttendedTransfer() {
        feed(0, 1796325152.891);
        assertThat(h.tracker.recordTransferConsent(CALL, "agent1", CONSENT_AT)).isEqualTo(ConsoleResult.OK);
        assertThat(h.tracker.requestTransfer(CALL, "agent1", TO_202, REQUEST_AT)).isEqualTo(ConsoleResult.OK);
    }

    private CallView call() {
        return h.call(CALL);
    }

    @Test
    void theConsultationShowsTheColleagueRingingThenTalkingAndTheConsoleCompletesIt() {
        consoleRequestsTheAttendedTransfer();
        assertThat(call().transferState()).isEqualTo(TransferState.CONSULTING);
        assertThat(call().consultation()).as("nobody dialled yet").isNull();

        feed(1796325152.891, 1796325153.31); // Hold, the Local channel pair, agent2's phone rings (DialBegin)
        assertThat(call().consultation()).satisfies(c -> {
            assertThat(c.colleague()).isEqualTo("agent2");
            assertThat(c.state()).isEqualTo(Consultation.RINGING);
        });
        assertThat(h.tracker.completeTransfer(CALL, "agent2", Instant.parse("2026-12-03T19:12:34Z")))
                .as("only the consulting agent completes").isIn(ConsoleResult.NOT_YOUR_CALL, ConsoleResult.WRONG_STAGE);

        feed(1796325153.31, 1796325155); // agent2 answers: talks with agent1 while the customer waits
        assertThat(call().consultation()).satisfies(c -> {
            assertThat(c.colleague()).isEqualTo("agent2");
            assertThat(c.state()).isEqualTo(Consultation.TALKING);
            assertThat(c.since()).isEqualTo(Instant.parse("2026-12-03T19:12:34.807996Z"));
        });
        assertThat(call().transferState()).isEqualTo(TransferState.CONSULTING);
        assertThat(call().live()).isTrue();

        Instant completeAt = Instant.parse("2026-12-03T19:12:37.500Z");
        assertThat(h.tracker.completeTransfer(CALL, "agent1", completeAt)).isEqualTo(ConsoleResult.OK);
        assertThat(h.pbx.transfers).last().isEqualTo(new Transfer("complete", AGENT1_CHANNEL, null, null));
        assertThat(call().timeline()).filteredOn(e -> e.type().equals("transfer-complete-requested")).singleElement()
                .satisfies(e -> {
                    assertThat(e.agent()).isEqualTo("agent1");
                    assertThat(e.channel()).isEqualTo(AGENT1_CHANNEL);
                    assertThat(e.detail()).isEqualTo("consulting agent2 (talking)");
                });

        feed(1796325155, 1796325160); // agent1's leg leaves: BridgeMerge, AttendedTransfer, agent1 hangs up
        CallView handedOver = call();
        assertThat(handedOver.live()).isTrue();
        assertThat(handedOver.transferState()).isEqualTo(TransferState.COMPLETED);
        assertThat(handedOver.consultation()).as("the consultation is over").isNull();
        assertThat(handedOver.stageAgent()).isEqualTo("agent2");
        assertThat(handedOver.stage()).isNotEqualTo(Stage.WRAP_UP);
        assertThat(handedOver.wrappingUp("agent1")).as("agent1's leg left the call: their wrap-up").isTrue();
        assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));
    }

    @Test
    void onlyTheConsultingAgentCompletesOrCancelsAndOnlyWhileConsulting() {
        feed(0, 1796325152.891);
        Instant at = Instant.parse("2026-12-03T19:12:32.900Z");
        assertThat(h.tracker.completeTransfer(CALL, "agent1", at)).as("no transfer under way").isEqualTo(ConsoleResult.WRONG_STAGE);
        assertThat(h.tracker.cancelTransfer(CALL, "agent1", at)).isEqualTo(ConsoleResult.WRONG_STAGE);
        assertThat(h.tracker.cancelTransfer("no-such-call", "agent1", at)).isEqualTo(ConsoleResult.NO_SUCH_CALL);
        assertThat(h.tracker.recordTransferConsent(CALL, "agent1", CONSENT_AT)).isEqualTo(ConsoleResult.OK);
        assertThat(h.tracker.requestTransfer(CALL, "agent1", new TransferRequest(TransferRequest.Mode.BLIND, "202", "agents"),
                REQUEST_AT)).isEqualTo(ConsoleResult.OK);
        assertThat(h.tracker.cancelTransfer(CALL, "agent1", at)).as("a blind transfer has no consultation")
                .isEqualTo(ConsoleResult.WRONG_STAGE);
        assertThat(h.pbx.transfers).extracting(Transfer::mode).containsExactly("blind");
    }

    @Test
    void theConsultingAgentCancelsBackToTheCustomerWithCancelAtxfer() {
        consoleRequestsTheAttendedTransfer();
        feed(1796325152.891, 1796325155);

        assertThat(h.tracker.cancelTransfer(CALL, "agent1", Instant.parse("2026-12-03T19:12:36Z"))).isEqualTo(ConsoleResult.OK);
        assertThat(h.pbx.transfers).extracting(Transfer::mode).containsExactly("attended", "cancel");
        assertThat(h.pbx.transfers).last().isEqualTo(new Transfer("cancel", AGENT1_CHANNEL, null, null));
        assertThat(call().timeline()).extracting(TimelineEntry::type).contains("transfer-cancel-requested");
        assertThat(h.observer.refusals).isEmpty();
    }

    @Test
    void anAtxferThePbxRefusesAbandonsTheTransferAndReachesTheAgent() {
        h.pbx.answerWith = PbxAnswer.refused("No attended transfer feature code found");
        consoleRequestsTheAttendedTransfer();

        CallView v = call();
        assertThat(v.transferEntries()).extracting(TransferEntry::state, TransferEntry::cause).containsExactly(
                tuple(TransferState.CONSULTING, "attended-requested"),
                tuple(TransferState.ABANDONED, "aborted"));
        assertThat(v.timeline()).filteredOn(e -> e.type().equals("transfer-action-refused")).singleElement().satisfies(e -> {
            assertThat(e.agent()).isEqualTo("agent1");
            assertThat(e.detail()).isEqualTo("Atxfer refused: No attended transfer feature code found");
        });
        assertThat(h.observer.refusals).singleElement().satisfies(r -> {
            assertThat(r.callId()).isEqualTo(CALL);
            assertThat(r.agent()).isEqualTo("agent1");
            assertThat(r.action()).isEqualTo(TransferAction.ATTENDED_TRANSFER);
            assertThat(r.answer().outcome()).isEqualTo(PbxAnswer.Outcome.REFUSED);
            assertThat(r.answer().message()).isEqualTo("No attended transfer feature code found");
        });
        assertThat(h.observer.last(CALL).orElseThrow().transferState()).as("the call's change is published")
                .isEqualTo(TransferState.ABANDONED);
    }

    @Test
    void anActionWithoutAnswerInTheActionTimeoutCountsAsRefused() {
        h.pbx.answerWith = null; // the PBX does not answer
        consoleRequestsTheAttendedTransfer();
        assertThat(h.observer.refusals).isEmpty();
        assertThat(call().transferState()).isEqualTo(TransferState.CONSULTING);

        h.pbx.answers.get(0).complete(PbxAnswer.noAnswer(Duration.ofSeconds(5)));
        assertThat(h.observer.refusals).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(TransferAction.ATTENDED_TRANSFER);
            assertThat(r.answer().outcome()).isEqualTo(PbxAnswer.Outcome.NO_ANSWER);
        });
        assertThat(call().transferState()).isEqualTo(TransferState.ABANDONED);
    }

    @Test
    void aRefusedCancelOrCompleteLeavesTheConsultationAndReachesTheAgent() {
        consoleRequestsTheAttendedTransfer();
        feed(1796325152.891, 1796325155);
        h.pbx.answerWith = PbxAnswer.refused("No such channel");

        assertThat(h.tracker.cancelTransfer(CALL, "agent1", Instant.parse("2026-12-03T19:12:36Z"))).isEqualTo(ConsoleResult.OK);
        assertThat(h.tracker.completeTransfer(CALL, "agent1", Instant.parse("2026-12-03T19:12:37Z"))).isEqualTo(ConsoleResult.OK);

        assertThat(h.observer.refusals).extracting(TransferRefused::action)
                .containsExactly(TransferAction.CANCEL_TRANSFER, TransferAction.COMPLETE_TRANSFER);
        assertThat(call().transferState()).as("still consulting").isEqualTo(TransferState.CONSULTING);
        assertThat(call().timeline()).filteredOn(e -> e.type().equals("transfer-action-refused")).extracting(TimelineEntry::detail)
                .containsExactly("CancelAtxfer refused: No such channel", "Hangup refused: No such channel");
    }

    @Test
    void aRefusedBlindTransferIsAbandonedAndReachesTheAgent() {
        feed(0, 1796325152.891);
        h.pbx.answerWith = PbxAnswer.notSent("the PBX link is down");
        assertThat(h.tracker.recordTransferConsent(CALL, "agent1", CONSENT_AT)).isEqualTo(ConsoleResult.OK);
        assertThat(h.tracker.requestTransfer(CALL, "agent1", new TransferRequest(TransferRequest.Mode.BLIND, "202", "agents"),
                REQUEST_AT)).isEqualTo(ConsoleResult.OK);

        assertThat(call().transferEntries()).extracting(TransferEntry::state)
                .containsExactly(TransferState.BLIND_REQUESTED, TransferState.ABANDONED);
        assertThat(h.observer.refusals).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(TransferAction.BLIND_TRANSFER);
            assertThat(r.answer().outcome()).isEqualTo(PbxAnswer.Outcome.NOT_SENT);
        });
    }

    // ------------------------------------------------------------------------------------------------ (d) wrap-up

    @Test
    void theAgentWhoTransferredBlindWrapsUpWhenTheirLegLeavesWhileTheCallGoesOn() {
        PbxHarness blind = new PbxHarness();
        List<AmiPacket> trace = PbxHarness.trace(BLIND).scenarioPackets();
        // up to agent1's hangup after the BlindTransfer (1795367308.654017), agent2 not answered yet
        blind.feed(trace.stream().filter(p -> timestamp(p) < 1795367309).toList());
        CallView afterHangup = blind.onlyCall();

        assertThat(afterHangup.live()).isTrue();
        assertThat(afterHangup.wrappingUp("agent1")).as("agent1 transferred the customer and left").isTrue();
        assertThat(afterHangup.stage()).as("the call's own stage goes on").isEqualTo(Stage.TRANSFER);
        assertThat(afterHangup.stages()).filteredOn(s -> s.stage() == Stage.WRAP_UP).singleElement().satisfies(s -> {
            assertThat(s.agent()).isEqualTo("agent1");
            assertThat(s.cause()).isEqualTo(CallView.WRAP_UP_AFTER_TRANSFER);
            assertThat(s.enteredAt()).isEqualTo(Instant.parse("2026-11-22T17:08:28.654017Z"));
        });
        assertThat(blind.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));
        assertThat(AgentPresence.of("agent1", List.of(afterHangup), Duration.ofSeconds(120)).state()).isEqualTo("wrap-up");
        assertThat(AgentPresence.currentCall("agent1", List.of(afterHangup))).isEqualTo(afterHangup);

        // agent1 is Ready while agent2 talks to the customer
        blind.feed(trace.stream().filter(p -> timestamp(p) >= 1795367309 && timestamp(p) < 1795367311).toList());
        assertThat(blind.tracker.ready("agent1", Instant.parse("2026-11-22T17:08:31Z"))).isEqualTo(ConsoleResult.OK);
        CallView ready = blind.onlyCall();
        assertThat(ready.live()).isTrue();
        assertThat(ready.wrappingUp("agent1")).isFalse();
        assertThat(ready.stageAgent()).isEqualTo("agent2");
        assertThat(AgentPresence.of("agent1", List.of(ready), Duration.ofSeconds(120)).state()).isEqualTo("idle");
        assertThat(AgentPresence.of("agent2", List.of(ready), Duration.ofSeconds(120)).state()).isEqualTo("on-call");

        blind.feed(trace.stream().filter(p -> timestamp(p) >= 1795367311).toList());
        CallView ended = blind.onlyCall();
        assertThat(ended.wrappingUp("agent2")).isTrue();
        assertThat(ended.wrappingUp("agent1")).isFalse();
        assertThat(blind.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"),
                new Pause("PJSIP/agent1", false, "wrap-up"), new Pause("PJSIP/agent2", true, "wrap-up"));
    }

    @Test
    void theAgentWhoTransferredAttendedWrapsUpToo() {
        for (String file : List.of(ATXFER, CONSOLE)) {
            PbxHarness attended = new PbxHarness().replay(file);
            CallView v = attended.onlyCall();
            assertThat(v.wrappingUp("agent1")).as(file).isTrue();
            assertThat(v.wrappingUp("agent2")).as(file).isTrue();
            assertThat(v.finished()).as(file).isFalse();
            assertThat(v.stages()).as(file).filteredOn(s -> s.stage() == Stage.WRAP_UP).extracting(StageEntry::agent)
                    .containsExactly("agent1", "agent2");
            assertThat(attended.pbx.pauses).as(file).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"),
                    new Pause("PJSIP/agent2", true, "wrap-up"));
        }
    }
}
