package io.cuecard.pbx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code cuecard.ami.*}: the AMI link to Asterisk (in simulator and replay modes host/port point at the simulator). */
@ConfigMapping(prefix = "cuecard.ami")
public interface AmiConfig {

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5038")
    int port();

    @WithDefault("cuecard")
    String username();

    @WithDefault("cuecard")
    String secret();

    /** AMI event classes Cuecard asks for at login. */
    @WithDefault("call,agent,dialplan,system")
    String events();

    /** Keep-alive Ping interval; the socket read timeout is three times this, so a half-open link is noticed. */
    @WithDefault("10s")
    Duration pingInterval();

    /** First wait between failed logins; doubles up to {@link #loginBackoffMax()} or {@link #connectBackoffMax()}. */
    @WithDefault("200ms")
    Duration loginBackoffMin();

    /** Longest wait between logins the PBX answered and refused (wrong secret …): spares its security log. */
    @WithDefault("5s")
    Duration loginBackoffMax();

    /**
     * Longest wait between attempts while the PBX does not serve AMI (connection refused, closed before the banner,
     * timed out): bounds how long Cuecard takes to notice that the PBX is back (issue 4: within 2 s).
     */
    @WithDefault("1s")
    Duration connectBackoffMax();

    /**
     * How often the live channels are swept: {@code CoreShowChannels} is compared with the channels Cuecard holds,
     * and those the PBX no longer has (a lost or garbled Hangup, an invented event) are hung up, so no call stays
     * live forever. 0 switches the periodic sweep off. Never in replay mode (replayed channels are not listed).
     */
    @WithDefault("60s")
    Duration sweepInterval();
}
