package io.cuecard.call.service;

import java.util.concurrent.TimeUnit;

/**
 * How much later than usual PBX events are taken up, by their AMI {@code Timestamp}: now − Timestamp (the event's
 * age), less the smallest age of the last one to two minutes (the clock offset between PBX and Cuecard plus the
 * network: a PBX clock seconds off does not look like a lag). So a backlog before Cuecard's queue, in the socket or in
 * asterisk-java's reader, counts as lag too.
 *
 * <p>An age more than {@link #IMPLAUSIBLE} away from that offset, either way, is no backlog but a mis-stamped event: a
 * replayed trace, a garbled {@code Timestamp}, a PBX clock step. It counts as no lateness and stays out of the offset,
 * so one such event neither starts an overload episode nor makes the events after it look late. (A real backlog of a
 * minute would have started an episode long before, and Asterisk drops a session that far behind.) When only such
 * events come for two windows the offset is forgotten and the next event sets it afresh.
 *
 * <p>Not thread-safe: the call thread's alone ({@link #misstamped()}, metric
 * {@code cuecard.ami.timestamps.implausible}, may be read from any thread).
 */
final class TimestampLateness {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final long IMPLAUSIBLE = TimeUnit.SECONDS.toNanos(60);

    /** The smallest age in the current and the previous window (Long.MAX_VALUE: none), and when this one began. */
    private long offsetNow = Long.MAX_VALUE;
    private long offsetBefore = Long.MAX_VALUE;
    private long windowStart;
    private volatile long misstamped;

    TimestampLateness(long nanoTime) {
        this.windowStart = nanoTime;
    }

    /**
     * The lateness of an event of {@code ageNanos} (now − its Timestamp) taken up at {@code nanoTime}
     * ({@code System.nanoTime()}); 0 for the first event and for mis-stamped ones.
     */
    long lateness(long ageNanos, long nanoTime) {
        if (nanoTime - windowStart > WINDOW_NANOS) {
            offsetBefore = offsetNow;
            offsetNow = Long.MAX_VALUE;
            windowStart = nanoTime;
        }
        long offset = Math.min(offsetNow, offsetBefore);
        if (offset != Long.MAX_VALUE && Math.abs(ageNanos - offset) > IMPLAUSIBLE) {
            misstamped++; // one writer
            return 0;
        }
        offsetNow = Math.min(offsetNow, ageNanos);
        return ageNanos - Math.min(offsetNow, offsetBefore);
    }

    /** Events whose Timestamp was implausible, so far. */
    long misstamped() {
        return misstamped;
    }
}
