package io.cuecard.call;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers of the {@link CallTracker}: how long the greeting stage lasts when the agent does not click "said it",
 * and the longest wrap-up before the agent is made available again.
 */
public record TrackerSettings(Duration greetingAutoAdvance, Duration wrapUpMaximum) {

    public TrackerSettings {
        Objects.requireNonNull(greetingAutoAdvance, "greetingAutoAdvance");
        Objects.requireNonNull(wrapUpMaximum, "wrapUpMaximum");
        if (greetingAutoAdvance.isNegative() || wrapUpMaximum.isNegative()) {
            throw new IllegalArgumentException("timer durations must not be negative");
        }
    }

    /** Greeting auto-advance after 5 s, wrap-up at most 120 s. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(Duration.ofSeconds(5), Duration.ofSeconds(120));
    }

    public static TrackerSettings ofSeconds(long greetingAutoAdvanceSeconds, long wrapUpMaximumSeconds) {
        return new TrackerSettings(Duration.ofSeconds(greetingAutoAdvanceSeconds), Duration.ofSeconds(wrapUpMaximumSeconds));
    }
}
