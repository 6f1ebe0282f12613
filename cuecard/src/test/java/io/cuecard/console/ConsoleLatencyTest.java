package io.cuecard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** AMI→console latency samples: from the event's Timestamp to the hand-over; replayed or skewed stamps are skipped. */
class ConsoleLatencyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.005250Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsoleLatency latency = new ConsoleLatency(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSampleIsTheTimeFromTheTimestampToTheHandOver() {
        latency.handedOver(Instant.parse("2026-11-22T10:00:00.001000Z"));
        Timer timer = registry.get("cuecard.ami.to.console").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(4_250);
    }

    @Test
    void stampsOlderThanTenMinutesOrInTheFutureAreCountedNotMeasured() {
        latency.handedOver(NOW.minusSeconds(11 * 60));
        latency.handedOver(NOW.plusMillis(3));
        latency.handedOver(NOW);
        assertThat(registry.get("cuecard.ami.to.console").timer().count()).isEqualTo(1);
        assertThat(registry.get("cuecard.ami.to.console.skipped").tag("reason", "stale").counter().count()).isEqualTo(1);
        assertThat(registry.get("cuecard.ami.to.console.skipped").tag("reason", "future").counter().count()).isEqualTo(1);
    }
}
