package io.cuecard.call.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code cuecard.call.*}: timings of the call stages and the conduct rules, and where transfers go. */
@ConfigMapping(prefix = "cuecard.call")
public interface CallConfig {

    /** Greeting moves on to conversation by itself after this long, if the agent did not press "said it". */
    @WithDefault("5s")
    Duration greetingAutoAdvance();

    /** Longest wrap-up: the agent is un-paused in the queue after this even without pressing Ready. */
    @WithDefault("120s")
    Duration wrapUpMaximum();

    /** A hold longer than this is a long hold: the console prompts the in-hold phrase, the resume needs the apology. */
    @WithDefault("45s")
    Duration longHold();

    /** A hold or transfer consent counts for this long. */
    @WithDefault("60s")
    Duration consentWindow();

    /** The dialplan context console transfers are sent to (asterisk-config's {@code agents}). */
    @WithDefault("agents")
    String transferContext();

    /** Queue extensions for transfers to a queue, as {@code queue=extension} (in {@link #transferContext()}). */
    @WithDefault("service=100")
    List<String> queueExtensions();

    /**
     * Overload: call events processed this much later than they arrived from the PBX (or waiting this long) start an
     * overload episode.
     */
    @WithDefault("1s")
    Duration overloadLag();

    /** Overload: more tasks than this waiting for the call thread start an overload episode. */
    @WithDefault("20000")
    int overloadQueue();

    /** An overload episode ends once lag and queue have stayed under half their limits, with no drop, for this long. */
    @WithDefault("2s")
    Duration overloadCalm();
}
