package io.cuecard.agent.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code cuecard.login.throttle.*}: when failed logins block further attempts, and for how long. */
@ConfigMapping(prefix = "cuecard.login.throttle")
public interface LoginThrottleConfig {

    /** Failures older than this are forgotten. */
    @WithDefault("15m")
    Duration window();

    /** Failures for one user name (from one address) within the window before attempts are blocked. */
    @WithDefault("5")
    int maxFailuresPerUser();

    /** Failures from one address (any user name) within the window before attempts are blocked. */
    @WithDefault("20")
    int maxFailuresPerAddress();

    /** The first block; it doubles with each further failure. */
    @WithDefault("1m")
    Duration baseDelay();

    /** The longest block. */
    @WithDefault("15m")
    Duration maxDelay();
}
