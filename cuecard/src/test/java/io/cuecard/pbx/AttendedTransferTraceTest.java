package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.Flag;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.CallView.TransferEntry;
import io.cuecard.call.ConsoleResult;
import io.cuecard.call.Stage;
import io.cuecard.call.TransferRequest;
import io.cuecard.call.TransferState;
import io.cuecard.pbx.trace.AmiPacket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 2 and 3, on real Asterisk 22.10.1 recordings made in the lab with the project's asterisk-config:
 * attended transfers agent1 → agent2 with the AMI Atxfer action (the consultation is a Local channel
 * {@code Local/202@agents-…}, Asterisk's AttendedTransfer event names no agent as target, agent1's channel runs in
 * extension {@code s}). The target must be agent2, not {@code s}; the consultation hold belongs to the transfer: no
 * {@code hold-without-consent} when the transfer had the customer's consent, the hold still counts, and the call shows
 * the transfer stage during the consultation, not HOLD.
 */
class AttendedTransferTraceTest {

    /** AMI Atxfer sent by someone else (not from Cuecard's console), agent1 hangs up to complete. */
    static final String ATXFER = "d-attended-transfer-atxfer-agent1-to-agent2.txt";
    /** The same from Cuecard's console (transfer consent, then "attended transfer to 202"), agent1 hangs up to complete. */
    static final String CONSOLE = "g-console-attended-transfer-agent1-to-202.txt";

    private static List<Stage> stages(CallView v) {
        return v.stages().stream().map(StageEntry::stage).toList();
    }

    @Test
    void atxferTargetIsTheAgentDialledNotTheTransferersExtension() {
        PbxHarness h = new PbxHarness().replay(ATXFER);
        CallView v = h.onlyCall();

        assertThat(v.agents()).containsExactly("agent1", "agent2");
        assertThat(v.transfers()).hasSize(1);
        assertThat(v.transfers().get(0).type()).isEqualTo("attended");
        assertThat(v.transfers().get(0).from()).isEqualTo("agent1");
        assertThat(v.transfers().get(0).to()).as("the target, not agent1's own extension s").isEqualTo("agent2");
        assertThat(v.transfers().get(0).answered()).isTrue();
        assertThat(v.flags()).extracting(Flag::detail).noneMatch(d -> d != null && d.contains("transfer to s"));
        assertThat(v.flags()).filteredOn(f -> f.rule().equals("transfer-without-consent")).extracting(Flag::detail)
                .as("no consent was given: the transfer is flagged, naming agent2")
                .singleElement().asString().contains("attended transfer to agent2");
    }

    @Test
    void theConsultationHoldOfAnAtxferWithoutConsoleRequestIsTheTransfersNotAHoldWithoutConsent() {
        PbxHarness h = new PbxHarness().replay(ATXFER);
        CallView v = h.onlyCall();

        assertThat(v.flags()).extracting(Flag::rule).as("the consultation hold's consent is the transfer consent")
                .doesNotContain("hold-without-consent").contains("transfer-without-consent");
        assertThat(v.holdCount()).as("the consultation hold still counts").isEqualTo(1);
        assertThat(v.holdSeconds()).isBetween(4L, 5L);
        // the Hold comes 150 ms before anything shows it is a consultation (Cuecard did not ask for this transfer):
        // HOLD until the agent's leg joins the consultation bridge, then TRANSFER until agent2 has the customer
        assertThat(v.stages()).extracting(StageEntry::stage, StageEntry::cause).containsExactly(
                tuple(Stage.RINGING, "offered"), tuple(Stage.GREETING, "answered"), tuple(Stage.HOLD, "held"),
                tuple(Stage.TRANSFER, "consultation"), tuple(Stage.TRANSFER, "transferred"),
                tuple(Stage.GREETING, "transfer-answered"), tuple(Stage.WRAP_UP, "left-after-transfer"),
                tuple(Stage.ENDED, "ended"), tuple(Stage.WRAP_UP, "wrap-up"));
        assertThat(v.stages().get(2).leftAt()).isEqualTo(Instant.parse("2026-12-03T19:11:52.267168Z"));
        assertThat(v.timeline()).extracting(CallView.TimelineEntry::type).contains("consultation", "flag-withdrawn");
        assertThat(v.transferEntries()).extracting(TransferEntry::state)
                .containsExactly(TransferState.CONSULTING, TransferState.RINGING_TARGET, TransferState.COMPLETED);
        assertThat(v.transferEntries().get(0).cause()).isEqualTo("consultation-started");
    }

    @Test
    void consoleAttendedTransferWithConsentHasNoFalseHoldFlagAndShowsTheTransferStage() {
        PbxHarness h = new PbxHarness();
        List<AmiPacket> packets = PbxHarness.trace(CONSOLE).scenarioPackets();
        // the console's consent and request came at 19:12:32.391 and .891 UTC, before Asterisk's Hold (19:12:33.153)
        double consoleAt = 1796325152.891;
        List<AmiPacket> before = packets.stream().filter(p -> timestamp(p) < consoleAt).toList();
        List<AmiPacket> after = packets.stream().filter(p -> timestamp(p) >= consoleAt).toList();
        h.feed(before);
        String callId = "1796325149.5";
        assertThat(h.tracker.recordTransferConsent(callId, "agent1", Instant.parse("2026-12-03T19:12:32.391Z")))
                .isEqualTo(ConsoleResult.OK);
        assertThat(h.tracker.requestTransfer(callId, "agent1", new TransferRequest(TransferRequest.Mode.ATTENDED, "202", "agents"),
                Instant.parse("2026-12-03T19:12:32.891Z"))).isEqualTo(ConsoleResult.OK);
        h.feed(after);
        CallView v = h.call(callId);

        assertThat(v.flags()).extracting(Flag::rule).doesNotContain("hold-without-consent", "transfer-without-consent");
        assertThat(v.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("attended");
            assertThat(t.to()).isEqualTo("agent2");
            assertThat(t.answered()).isTrue();
        });
        assertThat(v.holdCount()).isEqualTo(1);
        assertThat(v.stages()).extracting(StageEntry::stage, StageEntry::cause).containsExactly(
                tuple(Stage.RINGING, "offered"), tuple(Stage.GREETING, "answered"), tuple(Stage.TRANSFER, "consultation"),
                tuple(Stage.TRANSFER, "transferred"), tuple(Stage.GREETING, "transfer-answered"),
                tuple(Stage.WRAP_UP, "left-after-transfer"), tuple(Stage.ENDED, "ended"), tuple(Stage.WRAP_UP, "wrap-up"));
        assertThat(v.transferEntries()).extracting(TransferEntry::state)
                .containsExactly(TransferState.CONSULTING, TransferState.RINGING_TARGET, TransferState.COMPLETED);
        assertThat(v.transferEntries().get(0).cause()).isEqualTo("attended-requested");
        // the consultation (agent2 talking to agent1, the customer on hold) is visible on the live call
        CallView during = h.observer.views.stream().filter(c -> c.id().equals(callId))
                .filter(c -> !c.stages().isEmpty() && c.stages().get(c.stages().size() - 1).stage() == Stage.TRANSFER)
                .findFirst().orElseThrow();
        assertThat(during.endedAt()).isNull();
    }

    private static double timestamp(AmiPacket p) {
        String ts = p.get("Timestamp");
        return ts == null ? 0 : Double.parseDouble(ts);
    }
}
