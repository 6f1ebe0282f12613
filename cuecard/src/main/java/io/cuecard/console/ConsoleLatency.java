package io.cuecard.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The AMI→console latency: from the {@code Timestamp} Asterisk (or the simulator) put on an AMI event to the moment
 * the call frame that event caused has been handed to the connections of every console showing the call. One sample
 * per call change (so per AMI event, unless one event changes several calls), taken after the last console's send,
 * so the fan-out is included. Samples older than {@link #MAX_AGE} (replayed traces, a PBX clock far off) or in the
 * future (clock skew) are not recorded but counted in {@code cuecard.ami.to.console.skipped}.
 *
 * <p>Recording costs one clock read and one lock-free histogram update on the call thread.
 */
final class ConsoleLatency {

    /** Older stamps are not latencies but replayed or skewed time. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private static final long MAX_AGE_NANOS = MAX_AGE.toNanos();

    private final Timer latency;
    private final Counter stale;
    private final Counter future;
    private final Clock clock;

    ConsoleLatency(MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        latency = Timer.builder("cuecard.ami.to.console")
                .description("From an AMI event's Timestamp to its call frame handed to every console showing the call")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(metrics);
        stale = Counter.builder("cuecard.ami.to.console.skipped").tag("reason", "stale")
                .description("AMI events whose Timestamp was older than 10 minutes (replay), not counted as latency")
                .register(metrics);
        future = Counter.builder("cuecard.ami.to.console.skipped").tag("reason", "future")
                .description("AMI events whose Timestamp was ahead of Cuecard's clock (clock skew), not counted as latency")
                .register(metrics);
    }

    /** The frame caused by the event stamped {@code pbxTimestamp} has just been handed to its last console. */
    void handedOver(Instant pbxTimestamp) {
        Instant now = clock.instant();
        long nanos = (now.getEpochSecond() - pbxTimestamp.getEpochSecond()) * 1_000_000_000L
                + (now.getNano() - pbxTimestamp.getNano());
        if (nanos < 0) {
            future.increment();
        } else if (nanos > MAX_AGE_NANOS) {
            stale.increment();
        } else {
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
