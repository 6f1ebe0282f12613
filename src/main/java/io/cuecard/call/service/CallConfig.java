package io.cuecard.call.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code cuecard.call.*}: timings of the call stages. */
@ConfigMapping(prefix = "cuecard.call")
public interface CallConfig {

    /** Greeting moves on to conversation by itself after this long, if the agent did not press "said it". */
    @WithDefault("5s")
    Duration greetingAutoAdvance();

    /** Longest wrap-up: the agent is un-paused in the queue after this even without pressing Ready. */
    @WithDefault("120s")
    Duration wrapUpMaximum();
}
