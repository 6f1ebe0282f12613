package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.Direction;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recorded Asterisk 22 traces, replayed through AmiEvents → AmiEventTranslator → CallTracker. */
class TraceScenarioTest {

    static final String A = "a-inbound-queue-answered-customer-hangup.txt";
    static final String B = "b-inbound-hold-unhold.txt";
    static final String C = "c-blind-transfer-agent1-to-agent2.txt";
    static final String E = "e-caller-abandons-in-queue.txt";
    static final String F = "f-outbound-originate-agent1-to-customer.txt";

    /** The call's own stages (a transferer's wrap-up beside them left out, see c). */
    private static List<Stage> stages(CallView v) {
        return v.ownStages().stream().map(StageEntry::stage).toList();
    }

    @Test
    void a_inboundAnsweredCustomerHangsUp() {
        PbxHarness h = new PbxHarness().replay(A);
        CallView v = h.onlyCall();

        assertThat(v.id()).isEqualTo("1795367282.0");
        assertThat(v.direction()).isEqualTo(Direction.INBOUND);
        assertThat(v.customerNumber()).isEqualTo("+4930123456");
        assertThat(v.queue()).isEqualTo("service");
        assertThat(v.agents()).containsExactly("agent1");
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(v.outcome()).isEqualTo("answered");
        assertThat(v.abandoned()).isFalse();
        assertThat(v.flags()).extracting(CallView.Flag::rule).as("the agent did not confirm the closing")
                .containsExactly("closing-not-confirmed");
        assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.GREETING, Stage.ENDED, Stage.WRAP_UP);
        assertThat(v.stages().get(1).agent()).isEqualTo("agent1");
        assertThat(v.startedAt()).hasToString("2026-11-22T17:08:02.227850Z");
        assertThat(v.answeredAt()).isNotNull().isBefore(v.endedAt());
        assertThat(v.endedAt()).hasToString("2026-11-22T17:08:06.743308Z");
        assertThat(v.talkSeconds()).isEqualTo(3);
        assertThat(v.waitSeconds()).isBetween(1L, 2L);
        assertThat(v.holdCount()).isZero();
        assertThat(v.recording()).isEqualTo("/var/spool/asterisk/monitor/20261122-170803-1795367282.0.wav");
        assertThat(v.timeline()).extracting(CallView.TimelineEntry::type)
                .contains("queue-joined", "agent-ringing", "agent-connected", "bridged", "hangup-requested", "hung-up");
        assertThat(h.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));
        assertThat(h.tracker.liveCalls()).isEmpty();
    }

    @Test
    void b_oneHoldOfAboutThreeSeconds() {
        CallView v = new PbxHarness().replay(B).onlyCall();

        assertThat(v.holdCount()).isEqualTo(1);
        assertThat(v.holdSeconds()).isEqualTo(3);
        assertThat(v.talkSeconds()).isEqualTo(7);
        assertThat(v.agents()).containsExactly("agent1");
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.GREETING, Stage.HOLD, Stage.CONVERSATION,
                Stage.ENDED, Stage.WRAP_UP);
        assertThat(v.stages().get(2).agent()).isEqualTo("agent1");
        assertThat(v.flags()).extracting(CallView.Flag::rule).as("the hold was placed without a recorded consent")
                .containsExactly("hold-without-consent", "closing-not-confirmed");
        assertThat(v.longHold()).isFalse();
        assertThat(v.apologyRequired()).isFalse();
    }

    @Test
    void c_blindTransferAgent1ToAgent2() {
        PbxHarness h = new PbxHarness().replay(C);
        CallView v = h.onlyCall();

        assertThat(v.agents()).containsExactly("agent1", "agent2");
        assertThat(v.transfers()).hasSize(1);
        CallView.Transfer t = v.transfers().get(0);
        assertThat(t.type()).isEqualTo("blind");
        assertThat(t.from()).isEqualTo("agent1");
        assertThat(t.to()).isEqualTo("agent2");
        assertThat(t.answered()).isTrue();
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(v.outcome()).isEqualTo("answered");
        assertThat(v.holdCount()).as("the Unhold before the REFER had no Hold").isZero();
        assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.GREETING, Stage.TRANSFER, Stage.GREETING,
                Stage.ENDED, Stage.WRAP_UP);
        assertThat(v.ownStages().get(3).agent()).isEqualTo("agent2");
        assertThat(v.talkSeconds()).isEqualTo(5);
        assertThat(v.flags()).extracting(CallView.Flag::rule).as("transferred from the phone without consent")
                .containsExactly("transfer-without-consent", "closing-not-confirmed");
        assertThat(v.transferFailed()).isFalse();
        // issue 10, item 8: the transferring agent wraps up too, from when their leg left the call (it went on)
        assertThat(v.stages()).filteredOn(s -> s.stage() == Stage.WRAP_UP).extracting(StageEntry::agent, StageEntry::cause)
                .containsExactly(tuple("agent1", CallView.WRAP_UP_AFTER_TRANSFER), tuple("agent2", "wrap-up"));
        assertThat(h.pbx.pauses).as("the transferer when their leg leaves, the agent connected at the end when the call ends")
                .containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"), new Pause("PJSIP/agent2", true, "wrap-up"));
    }

    @Test
    void e_callerAbandonsInQueue() {
        PbxHarness h = new PbxHarness().replay(E);
        CallView v = h.onlyCall();

        assertThat(v.direction()).isEqualTo(Direction.INBOUND);
        assertThat(v.agents()).isEmpty();
        assertThat(v.outcome()).isEqualTo("abandoned");
        assertThat(v.abandoned()).isTrue();
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(v.answeredAt()).isNull();
        assertThat(v.waitSeconds()).isEqualTo(5);
        assertThat(v.talkSeconds()).isZero();
        assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.ENDED);
        assertThat(h.pbx.pauses).isEmpty();
    }

    @Test
    void f_outboundOriginate() {
        PbxHarness h = new PbxHarness().replay(F);
        CallView v = h.onlyCall();

        assertThat(v.id()).isEqualTo("1795367347.14");
        assertThat(v.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(v.agents()).containsExactly("agent1");
        assertThat(v.placedBy()).isEqualTo("agent1");
        assertThat(v.campaign()).isEqualTo("followup-42");
        assertThat(v.outcome()).isEqualTo("answered");
        assertThat(v.hangupBy()).isEqualTo("customer");
        assertThat(v.recording()).isEqualTo("/var/spool/asterisk/monitor/20261122-170910-1795367347.14.wav");
        assertThat(v.answeredAt()).hasToString("2026-11-22T17:09:10.509329Z");
        assertThat(v.queue()).isNull();
        assertThat(v.waitSeconds()).isNull();
        assertThat(v.talkSeconds()).isEqualTo(3);
        assertThat(stages(v)).containsExactly(Stage.RINGING, Stage.GREETING, Stage.ENDED, Stage.WRAP_UP);
        assertThat(v.stages().get(0).agent()).isEqualTo("agent1");
        assertThat(v.timeline()).extracting(CallView.TimelineEntry::type).contains("originate-result", "variable-set");
    }

    @ParameterizedTest
    @ValueSource(strings = {A, B, C, E, F})
    void replayingTheSameTraceAgainGivesTheSameRecord(String file) {
        PbxHarness h = new PbxHarness().replay(file);
        CallView first = h.onlyCall();
        int published = h.observer.views.size();

        h.replay(file);

        assertThat(h.onlyCall()).isEqualTo(first);
        assertThat(h.observer.views).hasSize(published);
        assertThat(new PbxHarness().replay(file).onlyCall()).as("a fresh tracker builds the same record").isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {A, B, C, E, F})
    void observerReceivesEveryVersionInOrder(String file) {
        PbxHarness h = new PbxHarness().replay(file);
        CallView last = h.onlyCall();

        List<Long> versions = h.observer.versions(last.id());
        assertThat(versions).isNotEmpty();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1L);
        }
        assertThat(h.observer.last(last.id())).contains(last);
        assertThat(h.observer.views.get(0).stage()).isEqualTo(Stage.RINGING);
        assertThat(h.observer.views.get(0).live()).isTrue();
    }
}
