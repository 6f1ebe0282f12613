package io.cuecard.agent.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code cuecard.session.*}: how long a login session lives and how often instances look for ended ones. */
@ConfigMapping(prefix = "cuecard.session")
public interface SessionConfig {

    /** A session unused this long ends (an open console keeps it in use). */
    @WithDefault("8h")
    Duration idleTimeout();

    /** A session ends this long after the login, used or not. */
    @WithDefault("24h")
    Duration absoluteTimeout();

    /** How often each instance reads the sessions ended elsewhere (their consoles close within this time). */
    @WithDefault("500ms")
    Duration revocationPoll();

    /** How often expired sessions and old login failures are cleared and last-seen times written. */
    @WithDefault("1m")
    Duration housekeepingInterval();
}
