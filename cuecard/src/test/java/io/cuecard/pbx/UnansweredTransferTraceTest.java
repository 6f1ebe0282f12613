package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.Stage;
import io.cuecard.call.TransferState;
import io.cuecard.console.AgentPresence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A console blind transfer whose target never answers, recorded on the lab's Asterisk 22.10.1 with the project's
 * asterisk-config of the time (agent1 → agent2, agent2 lets it ring; the old {@code [agents]} context hung the
 * customer up after Dial's 30 s): {@code lab-x2-blind-transfer-unanswered.txt}, replayed through AmiEvents →
 * AmiEventTranslator → CallTracker, the agents' states computed as the console hub computes them.
 */
class UnansweredTransferTraceTest {

    static final String X2 = "lab-x2-blind-transfer-unanswered.txt";
    static final String ID = "1796325168.10";

    private static AgentPresence.AgentState presence(String username, CallView version) {
        return AgentPresence.of(username, List.of(version), Duration.ofSeconds(120));
    }

    @Test
    void theTargetThatNeverAnsweredIsNoLongerOnTheCallOnceItsPhoneStoppedRinging() {
        PbxHarness h = new PbxHarness().replay(X2);
        CallView v = h.call(ID);

        assertThat(v.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("blind");
            assertThat(t.from()).isEqualTo("agent1");
            assertThat(t.to()).isEqualTo("agent2");
            assertThat(t.answered()).isFalse();
        });
        assertThat(v.agents()).as("agent2 never talked to the customer").containsExactly("agent1");
        assertThat(v.transferFailed()).isTrue();
        assertThat(v.transferEntries()).extracting(CallView.TransferEntry::state)
                .containsExactly(TransferState.RINGING_TARGET, TransferState.FAILED);
        // the target's stage ends with its phone's DialEnd NOANSWER, not with the customer's hangup 5 ms later
        // (item 8: agent1's wrap-up runs from when their leg left after the transfer, beside the call's own stages)
        assertThat(v.ownStages()).extracting(StageEntry::stage).containsExactly(Stage.RINGING, Stage.GREETING, Stage.TRANSFER,
                Stage.TRANSFER, Stage.ENDED);
        assertThat(v.wrappingUp("agent1")).isTrue();
        StageEntry ringingTarget = v.ownStages().get(2);
        StageEntry unanswered = v.ownStages().get(3);
        assertThat(ringingTarget.agent()).isEqualTo("agent2");
        assertThat(ringingTarget.leftAt()).hasToString("2026-12-03T19:13:21.622441Z");
        assertThat(unanswered.agent()).as("nobody owns the stage while the customer is brought back").isNull();
        assertThat(unanswered.cause()).isEqualTo("target-unanswered");
        assertThat(v.stageAgent()).as("the transferer wraps up (the callback task)").isEqualTo("agent1");
        assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));

        // agent2's state through every version the console hub was told about: ringing while the phone rang, then idle
        List<String> agent2 = new ArrayList<>();
        for (CallView version : h.observer.views) {
            String state = presence("agent2", version).state();
            if (agent2.isEmpty() || !agent2.get(agent2.size() - 1).equals(state)) {
                agent2.add(state);
            }
        }
        assertThat(agent2).containsExactly("idle", "ringing", "idle");
        CallView afterDialEnd = h.observer.views.stream()
                .filter(version -> version.timeline().stream().anyMatch(e -> e.type().equals("transfer-failed")))
                .findFirst().orElseThrow();
        assertThat(afterDialEnd.live()).as("the customer is still on the line").isTrue();
        assertThat(presence("agent2", afterDialEnd)).isEqualTo(AgentPresence.AgentState.IDLE);
    }
}
