package io.cuecard.bench;

import static io.cuecard.bench.LoadGenerator.ChangeKind.CONNECTED;
import static io.cuecard.bench.LoadGenerator.ChangeKind.ENDED;
import static io.cuecard.bench.LoadGenerator.ChangeKind.ENDED_UNSEEN;
import static io.cuecard.bench.LoadGenerator.ChangeKind.HOLD;
import static io.cuecard.bench.LoadGenerator.ChangeKind.RESUMED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.bench.LoadGenerator.Change;
import io.cuecard.bench.LoadGenerator.ChangeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench console's check holds each change the simulator made against the frames the console showed: it must catch a
 * frame that never came, a frame with the wrong content and frames out of order, not only holds, and count seq gaps.
 */
class BenchConsoleTest {

    private static final String CUSTOMER = "+4930100";

    private int seq;

    /** A CallFrame as Cuecard sends it (fields the check reads, and some it skips). */
    private static String call(String id, String stage, int holds, boolean ended, String hangupBy, String flag) {
        return "{\"id\":\"" + id + "\",\"direction\":\"inbound\",\"customerNumber\":\"" + CUSTOMER + "\",\"queue\":\"service\",\"campaign\":null,"
                + "\"agents\":[\"agent1\"],\"placedBy\":null,\"startedAt\":\"2026-12-01T10:00:00Z\",\"answeredAt\":\"2026-12-01T10:00:05Z\","
                + "\"endedAt\":" + (ended ? "\"2026-12-01T10:03:00Z\"" : "null") + ",\"waitSeconds\":5,\"talkSeconds\":null,\"holdCount\":" + holds
                + ",\"holdSeconds\":0,\"transfers\":[],\"abandoned\":false,\"outcome\":null,\"hangupBy\":" + (hangupBy == null ? "null" : "\"" + hangupBy + "\"")
                + ",\"stage\":\"" + stage + "\",\"stageAgent\":\"agent1\",\"stages\":[{\"stage\":\"greeting\",\"agent\":\"agent1\",\"enteredAt\":\"2026-12-01T10:00:05Z\","
                + "\"leftAt\":null,\"phraseConfirmed\":false}],\"flags\":[" + (flag == null ? "" : "{\"rule\":\"" + flag + "\",\"at\":\"2026-12-01T10:03:00Z\",\"detail\":null}")
                + "],\"consent\":{\"hold\":null,\"transfer\":null},\"longHold\":false,\"apologyRequired\":false,\"transferFailed\":false,\"recording\":null,"
                + "\"version\":3,\"script\":{\"phrase\":{\"text\":\"您好\",\"translation\":\"Hello\"},\"next\":[]},\"notes\":{\"text\":\"\",\"hits\":[]}}";
    }

    private String frame(String call) {
        return "{\"seq\":" + (++seq) + ",\"type\":\"call\",\"pbxTimestamp\":\"1796291389.123456\",\"call\":" + call + "}";
    }

    private BenchConsole console(String... calls) {
        seq = 1;
        BenchConsole console = new BenchConsole("agent1", new LatencyHistogram(), true);
        console.onFrame("{\"seq\":1,\"type\":\"snapshot\",\"pbx\":{\"connected\":true},\"overload\":{\"active\":false},\"calls\":["
                + String.join(",", calls) + "],\"agentState\":{\"state\":\"on-call\",\"callId\":\"c1\",\"wrapUpEndsAt\":null},\"dispositions\":[]}");
        return console;
    }

    private static Change change(ChangeKind kind, int holds) {
        return new Change(0, kind, "c1", CUSTOMER, holds);
    }

    private static final List<Change> A_CALL = List.of(change(CONNECTED, 0), change(HOLD, 1), change(RESUMED, 1), change(HOLD, 2),
            change(RESUMED, 2), change(ENDED, 2));

    /** The frames Cuecard sends for {@link #A_CALL}, MusicOnHold repeats included. */
    private void shownInFull(BenchConsole console) {
        console.onFrame(frame(call("c1", "hold", 1, false, null, null)));
        console.onFrame(frame(call("c1", "hold", 1, false, null, null)));
        console.onFrame(frame(call("c1", "greeting", 1, false, null, null)));
        console.onFrame(frame(call("c1", "hold", 2, false, null, null)));
        console.onFrame(frame(call("c1", "greeting", 2, false, null, null)));
        console.onFrame(frame(call("c1", "wrap-up", 2, true, "customer", null)));
    }

    @Test
    void everyChangeShownInOrderWithItsContentPasses() {
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        shownInFull(console);
        BenchConsole.Check check = console.check(A_CALL);
        assertThat(check.expected()).isEqualTo(6);
        assertThat(check.shown()).isEqualTo(6);
        assertThat(check.mismatched()).isZero();
        assertThat(check.gaps()).isZero();
        // later frames of an ended call (its wrap-up) are not kept, nor checked
        console.onFrame(frame(call("c1", "ended", 2, true, "customer", null)));
        assertThat(console.check(List.of()).mismatched()).isZero();
    }

    @Test
    void aFrameNeverSentIsCaughtThoughNoSeqIsMissing() {
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        console.onFrame(frame(call("c1", "hold", 1, false, null, null)));
        console.onFrame(frame(call("c1", "greeting", 1, false, null, null)));
        // the second hold never reached the console's state: Cuecard sent no frame for it
        console.onFrame(frame(call("c1", "greeting", 2, false, null, null)));
        console.onFrame(frame(call("c1", "wrap-up", 2, true, "customer", null)));
        BenchConsole.Check check = console.check(A_CALL);
        assertThat(check.gaps()).isZero();
        assertThat(check.mismatched()).isEqualTo(1);
        assertThat(check.samples()).singleElement().asString().contains("HOLD (holds 2) never shown");
    }

    @Test
    void aLostFrameIsASeqGapAndAMissingChange() {
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        console.onFrame(frame(call("c1", "hold", 1, false, null, null)));
        seq++; // the resume frame is lost on the way
        console.onFrame(frame(call("c1", "hold", 2, false, null, null)));
        BenchConsole.Check check = console.check(A_CALL.subList(0, 4));
        assertThat(check.gaps()).isEqualTo(1);
        assertThat(check.mismatched()).as("the resume").isEqualTo(1);
    }

    @Test
    void wrongContentIsCaught() {
        // a hold shown without its count going up, an end blamed on the agent, a call that is not the agent's
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        console.onFrame(frame(call("c1", "hold", 0, false, null, null)));
        console.onFrame(frame(call("c1", "greeting", 1, false, null, null)));
        console.onFrame(frame(call("c1", "wrap-up", 1, true, "agent", null)));
        assertThat(console.check(List.of(change(CONNECTED, 0), change(HOLD, 1), change(RESUMED, 1), change(ENDED, 1))).mismatched())
                .isEqualTo(2);

        BenchConsole other = console(call("c1", "greeting", 0, false, null, null).replace("[\"agent1\"]", "[\"agent2\"]"));
        assertThat(other.check(List.of(change(CONNECTED, 0))).mismatched()).isEqualTo(1);

        BenchConsole wrongCustomer = console(call("c1", "greeting", 0, false, null, null).replace(CUSTOMER, "+4930999"));
        assertThat(wrongCustomer.check(List.of(change(CONNECTED, 0))).mismatched()).isEqualTo(1);
    }

    @Test
    void framesOutOfOrderAreCaught() {
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        console.onFrame(frame(call("c1", "greeting", 1, false, null, null)));
        console.onFrame(frame(call("c1", "hold", 1, false, null, null)));
        assertThat(console.check(A_CALL.subList(0, 3)).mismatched()).as("resumed before the hold").isEqualTo(1);
    }

    @Test
    void aCallEndedWhileTheLinkWasDownMustShowTheSystemHangupAndTheFlag() {
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        console.onFrame(frame(call("c1", "wrap-up", 0, true, "system", null)));
        assertThat(console.check(List.of(change(CONNECTED, 0), change(ENDED_UNSEEN, 0))).mismatched()).as("no link-lost flag").isEqualTo(1);

        BenchConsole flagged = console(call("c1", "greeting", 0, false, null, null));
        flagged.onFrame(frame(call("c1", "wrap-up", 0, true, "system", "link-lost")));
        assertThat(flagged.check(List.of(change(CONNECTED, 0), change(ENDED_UNSEEN, 0))).mismatched()).isZero();
    }

    @Test
    void taintedCallsAreNoLongerChecked() {
        BenchConsole console = console(call("c1", "greeting", 0, false, null, null));
        console.check(List.of(change(CONNECTED, 0), change(HOLD, 1)));
        console.taint();
        BenchConsole.Check check = console.check(List.of(change(RESUMED, 1), new Change(0, CONNECTED, "c2", CUSTOMER, 0)));
        assertThat(check.unchecked()).isEqualTo(1);
        assertThat(check.expected()).isEqualTo(1);
        assertThat(check.mismatched()).as("c2 was never shown").isEqualTo(1);
    }
}
