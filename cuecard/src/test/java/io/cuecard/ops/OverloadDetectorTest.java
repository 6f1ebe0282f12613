package io.cuecard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuecard.ops.OverloadDetector.Cause;
import io.cuecard.ops.OverloadDetector.Transition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The overload state machine on a fake clock: limits 1 s lag / 100 queued, calm 2 s, a check every 200 ms. */
class OverloadDetectorTest {

    private static final long MS = 1_000_000L;

    private final OverloadDetector detector = new OverloadDetector(Duration.ofSeconds(1), 100, Duration.ofSeconds(2));
    private long now = 1_000 * MS;

    /** Advances the fake clock by one check period and measures. */
    private Transition check(long lagMs, int depth, long dropped) {
        now += 200 * MS;
        return detector.check(now, lagMs * MS, depth, dropped);
    }

    @Test
    void underTheLimitsNothingHappens() {
        for (int i = 0; i < 50; i++) {
            assertThat(check(1_000, 100, 0)).as("at the limits, not above").isNull();
        }
        assertThat(detector.active()).isFalse();
        assertThat(detector.episodes()).isZero();
    }

    @Test
    void lagAboveTheLimitStartsAnEpisodeThatEndsAfterTheCalmPeriod() {
        assertThat(check(200, 3, 0)).isNull();
        long start = now + 200 * MS;
        Transition started = check(1_500, 40, 0);
        assertThat(started.active()).isTrue();
        assertThat(started.cause()).isEqualTo(Cause.LAG);
        assertThat(started.startedAt()).isEqualTo(start);
        assertThat(started.lagNanos()).isEqualTo(1_500 * MS);
        assertThat(started.dropped()).isZero();
        assertThat(detector.active()).isTrue();

        assertThat(check(4_000, 900, 0)).as("still overloaded").isNull();
        // calm: both under half the limits; it takes 2 s of calm to end
        long calmFrom = now + 200 * MS;
        for (int i = 0; i < 10; i++) {
            assertThat(check(100, 10, 0)).as("calm for %d ms", i * 200).isNull();
        }
        Transition ended = check(100, 10, 0);
        assertThat(now - calmFrom).isEqualTo(2_000 * MS);
        assertThat(ended.active()).isFalse();
        assertThat(ended.peakLagNanos()).isEqualTo(4_000 * MS);
        assertThat(ended.peakDepth()).isEqualTo(900);
        assertThat(ended.duration()).isEqualTo(Duration.ofNanos(now - start));
        assertThat(detector.active()).isFalse();
        assertThat(detector.episodes()).isEqualTo(1);
    }

    @Test
    void aQueueDeeperThanTheLimitStartsAnEpisode() {
        Transition started = check(0, 101, 0);
        assertThat(started.active()).isTrue();
        assertThat(started.cause()).isEqualTo(Cause.QUEUE);
        assertThat(started.depth()).isEqualTo(101);
    }

    @Test
    void hysteresisBetweenHalfAndTheLimitKeepsTheEpisodeGoing() {
        assertThat(check(2_000, 0, 0).active()).isTrue();
        // lag 600 ms: under the limit, not under half of it — for a long time
        for (int i = 0; i < 100; i++) {
            assertThat(check(600, 0, 0)).isNull();
        }
        // depth 50: not under half of 100
        for (int i = 0; i < 100; i++) {
            assertThat(check(0, 50, 0)).isNull();
        }
        assertThat(detector.active()).isTrue();
        assertThat(detector.episodes()).as("one long episode, no flapping").isEqualTo(1);
    }

    @Test
    void aRelapseDuringTheCalmPeriodRestartsIt() {
        check(2_000, 0, 0);
        for (int i = 0; i < 9; i++) {
            assertThat(check(0, 0, 0)).isNull();
        }
        assertThat(check(700, 0, 0)).as("not calm: the 2 s start again").isNull();
        for (int i = 0; i < 10; i++) {
            assertThat(check(0, 0, 0)).isNull();
        }
        assertThat(check(0, 0, 0).active()).isFalse();
    }

    @Test
    void newDropsStartAnEpisodeKeepItGoingAndAreCountedPerEpisode() {
        OverloadDetector d = new OverloadDetector(Duration.ofSeconds(1), 100, Duration.ofMillis(400));
        long t = 0;
        assertThat(d.check(t += 200 * MS, 0, 0, 0)).isNull();
        Transition started = d.check(t += 200 * MS, 0, 0, 3);
        assertThat(started.active()).isTrue();
        assertThat(started.cause()).isEqualTo(Cause.DROPS);
        assertThat(started.dropped()).isEqualTo(3);
        assertThat(d.check(t += 200 * MS, 0, 0, 3)).as("calm begins").isNull();
        assertThat(d.check(t += 200 * MS, 0, 0, 10)).as("a new drop: not calm").isNull();
        assertThat(d.droppedDuringEpisode(10)).isEqualTo(10);
        assertThat(d.check(t += 200 * MS, 0, 0, 10)).isNull();
        assertThat(d.check(t += 200 * MS, 0, 0, 10)).isNull();
        Transition ended = d.check(t += 200 * MS, 0, 0, 10);
        assertThat(ended.active()).isFalse();
        assertThat(ended.dropped()).as("the episode's drops").isEqualTo(10);

        // the next episode counts its own drops only
        Transition again = d.check(t += 200 * MS, 0, 0, 12);
        assertThat(again.dropped()).isEqualTo(2);
        assertThat(d.episodes()).isEqualTo(2);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new OverloadDetector(Duration.ZERO, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OverloadDetector(Duration.ofSeconds(1), 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
