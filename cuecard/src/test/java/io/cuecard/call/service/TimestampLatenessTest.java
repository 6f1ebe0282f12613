package io.cuecard.call.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimestampLatenessTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private long clock = 1_000 * S;
    private final TimestampLateness lateness = new TimestampLateness(clock);

    /** A PBX clock 3 s behind Cuecard's plus 1 ms on the wire: the offset, not a lag. */
    @Test
    void theUsualAgeIsTheOffsetAndOnlyWhatGoesBeyondItIsLate() {
        assertThat(at(0, 3 * S + MS)).isZero();
        assertThat(at(10, 3 * S + 2 * MS)).isEqualTo(MS);
        assertThat(at(20, 3 * S + 800 * MS)).isEqualTo(799 * MS);
        assertThat(at(30, 3 * S + MS)).isZero();
    }

    @Test
    void aReplayedOrGarbledTimestampIsNoLatenessAndLeavesTheOffsetAlone() {
        at(0, 5 * MS);
        assertThat(at(10, 6 * HOUR)).as("a recorded trace's old stamp").isZero();
        assertThat(at(20, -50 * 365 * 24 * HOUR)).as("a stamp decades ahead").isZero();
        assertThat(at(30, 7 * MS)).as("the next real event: measured against the real offset").isEqualTo(2 * MS);
        assertThat(lateness.misstamped()).isEqualTo(2);
    }

    @Test
    void aBacklogWithinAMinuteCounts() {
        at(0, 5 * MS);
        assertThat(at(10, 5 * MS + 40 * S)).isEqualTo(40 * S);
    }

    /** The offset is the smallest age of the last one to two minutes, so a changed clock offset is learnt. */
    @Test
    void theOffsetFollowsAPbxClockStepWithinTwoWindows() {
        at(0, 2 * S);
        // the PBX clock steps 90 s back: every event now looks 90 s late, which is no backlog
        long stepped = 92 * S;
        assertThat(at(1_000, stepped)).isZero();
        assertThat(at(61_000, stepped)).isZero();
        assertThat(at(122_000, stepped)).as("both windows passed: the offset is set afresh").isZero();
        assertThat(at(123_000, stepped + 3 * MS)).isEqualTo(3 * MS);
    }

    @Test
    void aGarbledFirstStampIsForgottenAfterTwoWindows() {
        at(0, 6 * HOUR);
        assertThat(at(1_000, 4 * MS)).isZero();
        assertThat(at(61_000, 4 * MS)).isZero();
        assertThat(at(122_000, 4 * MS)).as("both windows passed: the offset is set afresh").isZero();
        assertThat(at(123_000, 9 * MS)).isEqualTo(5 * MS);
    }

    private long at(long millis, long age) {
        return lateness.lateness(age, clock + millis * MS);
    }
}
