package io.cuecard.call;

import static io.cuecard.call.TransferState.ABANDONED;
import static io.cuecard.call.TransferState.BLIND_REQUESTED;
import static io.cuecard.call.TransferState.COMPLETED;
import static io.cuecard.call.TransferState.CONSULTING;
import static io.cuecard.call.TransferState.FAILED;
import static io.cuecard.call.TransferState.NONE;
import static io.cuecard.call.TransferState.RINGING_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.CallView.TransferEntry;
import io.cuecard.call.event.CallEvent;
import io.cuecard.call.event.CallEvent.Leg;
import io.cuecard.pbx.PbxHarness;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transfer's transition table ({@link TransferChange}), row by row: each change's cause, target and the states it
 * may start from; every state but NONE is reached, a transfer under way can always end; and the recorded traces and
 * the call stories take only the changes the table allows, each transfer entry naming its cause.
 */
class TransferChangeTest {

    /** The table as the contact centre reads it: change, cause, the state it leads to, the states it starts from. */
    static Stream<Arguments> table() {
        Set<TransferState> idle = EnumSet.of(NONE, BLIND_REQUESTED, CONSULTING, COMPLETED, FAILED, ABANDONED);
        return Stream.of(
                Arguments.of(TransferChange.BLIND_REQUESTED_BY_AGENT, "blind-requested", BLIND_REQUESTED, idle),
                Arguments.of(TransferChange.ATTENDED_REQUESTED_BY_AGENT, "attended-requested", CONSULTING, idle),
                Arguments.of(TransferChange.CONSULTATION_STARTED, "consultation-started", CONSULTING,
                        EnumSet.of(NONE, COMPLETED, FAILED, ABANDONED)),
                Arguments.of(TransferChange.BLIND_TRANSFERRED, "blind-transfer", RINGING_TARGET,
                        EnumSet.of(NONE, BLIND_REQUESTED, RINGING_TARGET, COMPLETED, FAILED, ABANDONED)),
                Arguments.of(TransferChange.ATTENDED_TRANSFERRED, "attended-transfer", RINGING_TARGET,
                        EnumSet.of(NONE, CONSULTING, RINGING_TARGET, COMPLETED, FAILED, ABANDONED)),
                Arguments.of(TransferChange.TARGET_ANSWERED, "target-answered", COMPLETED, EnumSet.of(RINGING_TARGET, FAILED)),
                Arguments.of(TransferChange.TARGET_UNANSWERED, "target-unanswered", FAILED, EnumSet.of(RINGING_TARGET)),
                Arguments.of(TransferChange.CONSULTATION_UNANSWERED, "consultation-unanswered", FAILED, idle),
                Arguments.of(TransferChange.ENDED_UNANSWERED, "ended-unanswered", FAILED, EnumSet.of(RINGING_TARGET)),
                Arguments.of(TransferChange.ABORTED, "aborted", ABANDONED, EnumSet.of(BLIND_REQUESTED, CONSULTING)),
                Arguments.of(TransferChange.CALL_ENDED, "call-ended", ABANDONED,
                        EnumSet.of(BLIND_REQUESTED, CONSULTING, RINGING_TARGET)));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("table")
    void eachChangeHasItsCauseTargetAndOrigins(TransferChange change, String cause, TransferState to, Set<TransferState> from) {
        assertThat(change.cause()).isEqualTo(cause);
        assertThat(change.to()).isEqualTo(to);
        for (TransferState state : TransferState.values()) {
            assertThat(change.allowedFrom(state)).as("%s from %s", change, state).isEqualTo(from.contains(state));
        }
    }

    @Test
    void theTableIsCompleteEveryStateButNoneIsReachedAndATransferUnderWayCanEnd() {
        assertThat(table().map(a -> a.get()[0])).as("every change has its row").containsExactlyInAnyOrder((Object[]) TransferChange.values());
        Set<TransferState> reached = EnumSet.noneOf(TransferState.class);
        for (TransferChange change : TransferChange.values()) {
            reached.add(change.to());
        }
        assertThat(reached).as("NONE is only where a call starts").containsExactlyInAnyOrder(BLIND_REQUESTED, CONSULTING,
                RINGING_TARGET, COMPLETED, FAILED, ABANDONED);
        for (TransferState state : TransferState.values()) {
            assertThat(TransferChange.CALL_ENDED.allowedFrom(state)).as("the end of the call abandons %s", state)
                    .isEqualTo(state.inProgress());
        }
        assertThat(NONE.json()).isEqualTo("none");
        assertThat(RINGING_TARGET.json()).isEqualTo("ringing-target");
    }

    @Test
    void theTransferEntriesTravelThroughTheCallLogsJsonAndBack() throws IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        for (TransferState state : TransferState.values()) {
            assertThat(json.readValue(json.writeValueAsString(state), TransferState.class)).isEqualTo(state);
        }
        List<CallView> views = blindTransferRequestedAndAborted();
        CallView call = views.get(views.size() - 1);
        String written = json.writeValueAsString(call);
        assertThat(written).contains("\"transferEntries\":[{\"state\":\"blind-requested\"", "\"cause\":\"aborted\"");
        assertThat(json.readValue(written, CallView.class)).isEqualTo(call);
        // a call logged before the entries were kept
        String old = written.replaceAll(",\"transferEntries\":\\[[^\\]]*\\]", "");
        assertThat(old).doesNotContain("transferEntries");
        assertThat(json.readValue(old, CallView.class).transferEntries()).isEmpty();
    }

    @Test
    void aChangeTheTableDoesNotAllowIsLoggedAndStillTaken() {
        CallRecord call = new CallRecord("1800000302.1", CallStory.T0);
        List<String> unexpected = new ArrayList<>();
        Handler capture = capture(unexpected);
        Logger tracker = Logger.getLogger("io.cuecard.call.CallTracker");
        tracker.addHandler(capture);
        try {
            call.changeTransfer(TransferChange.TARGET_ANSWERED, "agent2", CallStory.T0);
        } finally {
            tracker.removeHandler(capture);
        }
        assertThat(unexpected).singleElement().asString().contains("TARGET_ANSWERED").contains("1800000302.1");
        assertThat(call.transferState()).as("the PBX said it happened").isEqualTo(COMPLETED);
    }

    /** Collects the "Unexpected transfer change" lines logged under the tracker's category. */
    private static Handler capture(List<String> unexpected) {
        return UnexpectedChanges.capture("Unexpected transfer change", unexpected);
    }

    @Test
    void theRecordedTracesAndTheStoriesTakeOnlyTheTablesChangesEachWithItsCause() throws IOException {
        List<String> unexpected = new ArrayList<>();
        Handler capture = capture(unexpected);
        Logger tracker = Logger.getLogger("io.cuecard.call.CallTracker");
        tracker.addHandler(capture);
        List<CallView> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(AmiTrace.sharedTraceDir())) {
            for (Path trace : files.filter(f -> f.getFileName().toString().matches("[a-z]-.*\\.txt")).sorted().toList()) {
                PbxHarness h = new PbxHarness().replay(trace.getFileName().toString());
                calls.addAll(h.observer.views);
            }
            calls.addAll(blindTransferRequestedAndAborted());
            calls.addAll(attendedTransferRequestedAndTheCallEnds());
        } finally {
            tracker.removeHandler(capture);
        }
        assertThat(unexpected).as("transfer changes the table does not allow").isEmpty();
        List<CallView> transferred = calls.stream().filter(c -> !c.transfers().isEmpty()).toList();
        assertThat(transferred).as("the traces hold transfers").isNotEmpty();
        for (CallView call : transferred) {
            assertThat(call.transferEntries()).as("the transfer entries of %s", call.id()).isNotEmpty();
        }
        for (CallView call : calls) {
            for (TransferEntry entry : call.transferEntries()) {
                assertThat(entry.cause()).as("the cause of %s on %s", entry.state(), call.id()).isNotNull();
                assertThat(entry.at()).isNotNull();
            }
        }
        assertThat(calls.stream().flatMap(c -> c.transferEntries().stream()).map(TransferEntry::cause).distinct())
                .contains("blind-transfer", "target-answered", "blind-requested", "aborted", "attended-requested",
                        "call-ended");
    }

    /** The PBX refuses a blind transfer agent1 asked for: abandoned, and nothing failed. */
    private static List<CallView> blindTransferRequestedAndAborted() {
        CallStory story = new CallStory("1800000300.1");
        Leg customer = story.opens("PJSIP/trunk", "+4930123", true);
        story.joinsQueue(customer, "service");
        Leg agent = story.opens("PJSIP/agent1", null, true);
        story.bridged("b", customer, agent);
        story.tracker.recordTransferConsent(story.callId, "agent1", story.now());
        story.tracker.requestTransfer(story.callId, "agent1", new TransferRequest(TransferRequest.Mode.BLIND, "299", "agents"),
                story.now());
        story.tell(new CallEvent.BlindTransfer(story.now().plusSeconds(1), story.callId, agent, customer, "Fail", "299", "agents"));
        CallView call = story.call();
        assertThat(call.transferEntries()).extracting(TransferEntry::state).containsExactly(BLIND_REQUESTED, ABANDONED);
        assertThat(call.transferFailed()).isFalse();
        assertThat(call.transfers()).isEmpty();
        return story.observer.views;
    }

    /** agent1 consults agent2 and the customer hangs up meanwhile: the transfer under way is abandoned. */
    private static List<CallView> attendedTransferRequestedAndTheCallEnds() {
        CallStory story = new CallStory("1800000301.1");
        Leg customer = story.opens("PJSIP/trunk", "+4930123", true);
        story.joinsQueue(customer, "service");
        Leg agent = story.opens("PJSIP/agent1", null, true);
        story.bridged("b", customer, agent);
        story.tracker.recordTransferConsent(story.callId, "agent1", story.now());
        story.tracker.requestTransfer(story.callId, "agent1",
                new TransferRequest(TransferRequest.Mode.ATTENDED, "202", "agents"), story.now());
        story.hangsUp(customer, "b");
        CallView call = story.call();
        assertThat(call.transferEntries()).extracting(TransferEntry::state, TransferEntry::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CONSULTING, "attended-requested"),
                org.assertj.core.groups.Tuple.tuple(ABANDONED, "call-ended"));
        return story.observer.views;
    }
}
