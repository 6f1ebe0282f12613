package io.cuecard.call;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers of the {@link CallTracker}: how long the greeting stage lasts when the agent does not click "said it",
 * the longest wrap-up before the agent is made available again, how far back a customer's consent counts for a hold
 * or a transfer, and how long a hold may last before the console prompts the in-hold phrase.
 */
public record TrackerSettings(Duration greetingAutoAdvance, Duration wrapUpMaximum, Duration consentWindow,
                              Duration longHold) {

    /** Consent counts for 60 s before a hold or transfer. */
    public static final Duration DEFAULT_CONSENT_WINDOW = Duration.ofSeconds(60);
    /** A hold longer than 45 s is a long hold. */
    public static final Duration DEFAULT_LONG_HOLD = Duration.ofSeconds(45);

    public TrackerSettings {
        Objects.requireNonNull(greetingAutoAdvance, "greetingAutoAdvance");
        Objects.requireNonNull(wrapUpMaximum, "wrapUpMaximum");
        Objects.requireNonNull(consentWindow, "consentWindow");
        Objects.requireNonNull(longHold, "longHold");
        if (greetingAutoAdvance.isNegative() || wrapUpMaximum.isNegative() || consentWindow.isNegative()
                || longHold.isNegative()) {
            throw new IllegalArgumentException("timer durations must not be negative");
        }
    }

    /** The given greeting and wrap-up timers with the default consent window and long-hold limit. */
    public TrackerSettings(Duration greetingAutoAdvance, Duration wrapUpMaximum) {
        this(greetingAutoAdvance, wrapUpMaximum, DEFAULT_CONSENT_WINDOW, DEFAULT_LONG_HOLD);
    }

    /** Greeting auto-advance after 5 s, wrap-up at most 120 s, consent window 60 s, long hold after 45 s. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(Duration.ofSeconds(5), Duration.ofSeconds(120));
    }

    public static TrackerSettings ofSeconds(long greetingAutoAdvanceSeconds, long wrapUpMaximumSeconds) {
        return new TrackerSettings(Duration.ofSeconds(greetingAutoAdvanceSeconds), Duration.ofSeconds(wrapUpMaximumSeconds));
    }

    /** These settings with another long-hold limit. */
    public TrackerSettings withLongHold(Duration limit) {
        return new TrackerSettings(greetingAutoAdvance, wrapUpMaximum, consentWindow, limit);
    }
}
