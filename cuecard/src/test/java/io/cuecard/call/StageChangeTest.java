package io.cuecard.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView.StageEntry;
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

/**
 * The stage machine's transition table ({@link StageChange}): every stage is reached by some change, and the recorded
 * traces and the call stories take only the changes the table allows, each stage entry naming its cause.
 */
class StageChangeTest {

    @Test
    void everyStageIsReachedAndOnlyTheCallsFirstStageStartsFromNothing() {
        Set<Stage> reached = EnumSet.noneOf(Stage.class);
        for (StageChange change : StageChange.values()) {
            reached.add(change.to());
            assertThat(change.allowedFrom(null)).as(change + " from nothing").isEqualTo(change == StageChange.OFFERED);
        }
        assertThat(reached).containsExactlyInAnyOrder(Stage.values());
        assertThat(StageChange.WRAP_UP_STARTED.allowedFrom(Stage.ENDED)).isTrue();
        assertThat(StageChange.HELD.allowedFrom(Stage.RINGING)).as("no hold before anyone answered").isFalse();
        assertThat(StageChange.CALL_ENDED.allowedFrom(Stage.WRAP_UP)).isFalse();
    }

    @Test
    void theRecordedTracesTakeOnlyTheTablesChangesEachWithItsCause() throws IOException {
        List<String> unexpected = new ArrayList<>();
        Handler capture = UnexpectedChanges.capture("Unexpected stage change", unexpected);
        Logger tracker = Logger.getLogger("io.cuecard.call.CallTracker");
        tracker.addHandler(capture);
        List<CallView> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(AmiTrace.sharedTraceDir())) {
            for (Path trace : files.filter(f -> f.getFileName().toString().matches("[a-z]-.*\\.txt")).sorted().toList()) {
                PbxHarness h = new PbxHarness().replay(trace.getFileName().toString());
                calls.addAll(h.observer.views);
            }
            // and a story with a hold, a closing and a transfer
            CallStory story = new CallStory("1800000200.1");
            Leg customer = story.opens("PJSIP/trunk", "+4930123", true);
            story.joinsQueue(customer, "service");
            Leg agent = story.opens("PJSIP/agent1", null, true);
            story.bridged("b", customer, agent).holds(agent).resumes(agent);
            story.tracker.moveToClosing(story.callId, "agent1", story.now());
            story.holds(agent).resumes(agent).blindTransfer(agent, customer, "202").hangsUp(customer, "b");
            calls.addAll(story.observer.views);
        } finally {
            tracker.removeHandler(capture);
        }
        assertThat(unexpected).as("stage changes the table does not allow").isEmpty();
        assertThat(calls).isNotEmpty();
        for (CallView call : calls) {
            for (StageEntry entry : call.stages()) {
                assertThat(entry.cause()).as("the cause of %s on %s", entry.stage(), call.id()).isNotNull();
            }
        }
        assertThat(calls.stream().flatMap(c -> c.stages().stream()).map(StageEntry::cause).distinct())
                .contains("offered", "answered", "held", "resumed", "closing", "transferred", "ended", "wrap-up");
    }
}
