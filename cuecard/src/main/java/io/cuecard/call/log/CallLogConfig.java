package io.cuecard.call.log;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code cuecard.call-log.*}: how much of the call log waits in memory for the database, and where the rest goes. */
@ConfigMapping(prefix = "cuecard.call-log")
public interface CallLogConfig {

    /**
     * Calls kept in memory waiting to be written (each with its newest version only). Beyond this, the waiting calls
     * are spilled to the journal on disk.
     */
    @WithDefault("10000")
    int maxPending();

    /**
     * The journal directory (created when missing; relative paths are relative to the working directory). Anything
     * found there at start-up is written to the database before the call tracker is rebuilt.
     */
    @WithDefault("data/call-log-journal")
    String journalDir();

    /** While there is nothing to write, the database is checked this often (the {@code pbx} health group). */
    @WithDefault("5s")
    Duration probeInterval();

    /** Longest pause between two attempts while the database is unreachable (the pause starts at 100 ms and doubles). */
    @WithDefault("5s")
    Duration maxBackoff();
}
