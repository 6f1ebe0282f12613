package io.cuecard.ops;

import java.time.Duration;

/**
 * The overload state machine, plain Java and single-threaded: one checker calls {@link #check} periodically with
 * what it measured, on a clock of its own ({@code System.nanoTime} in production, a fake one in tests).
 *
 * <p>An episode starts when the call events' lag exceeds the lag limit, when the call thread's queue is deeper than
 * the queue limit, or when asterisk-java dropped events since the previous check. It ends once lag and depth have
 * both stayed under half their limits, with no new drop, for the calm period (hysteresis: a load hovering at a limit
 * makes one long episode, not a flapping banner).
 */
public final class OverloadDetector {

    /** Why an episode started. */
    public enum Cause { LAG, QUEUE, DROPS }

    /**
     * An episode started ({@code active}) or ended. Times are on the checker's clock (nanoseconds); {@code dropped}
     * counts the events dropped during the episode (so far).
     */
    public record Transition(boolean active, Cause cause, long startedAt, long at, long lagNanos, int depth,
            long peakLagNanos, int peakDepth, long dropped) {

        public Duration duration() {
            return Duration.ofNanos(at - startedAt);
        }
    }

    private final long lagLimit;
    private final int queueLimit;
    private final long calmNanos;

    private boolean active;
    private Cause cause;
    private long startedAt;
    /** When lag and depth last went calm during an episode; -1 while they are not. */
    private long calmSince = -1;
    private long peakLag;
    private int peakDepth;
    private long droppedBefore;
    private long droppedAtStart;
    private long episodes;

    public OverloadDetector(Duration lagLimit, int queueLimit, Duration calm) {
        if (lagLimit.isNegative() || lagLimit.isZero() || queueLimit <= 0 || calm.isNegative()) {
            throw new IllegalArgumentException("overload limits must be positive: lag " + lagLimit + ", queue " + queueLimit
                    + ", calm " + calm);
        }
        this.lagLimit = lagLimit.toNanos();
        this.queueLimit = queueLimit;
        this.calmNanos = calm.toNanos();
    }

    /**
     * One measurement.
     *
     * @param now          the checker's clock, nanoseconds
     * @param lagNanos     how late call events are processed now
     * @param depth        tasks waiting for the call thread
     * @param droppedTotal events asterisk-java dropped since start (a running total)
     * @return the transition this measurement caused, or null
     */
    public Transition check(long now, long lagNanos, int depth, long droppedTotal) {
        boolean newDrops = droppedTotal > droppedBefore;
        long droppedPrevious = droppedBefore;
        droppedBefore = droppedTotal;
        if (!active) {
            Cause why = lagNanos > lagLimit ? Cause.LAG : depth > queueLimit ? Cause.QUEUE : newDrops ? Cause.DROPS : null;
            if (why == null) {
                return null;
            }
            active = true;
            cause = why;
            startedAt = now;
            calmSince = -1;
            peakLag = lagNanos;
            peakDepth = depth;
            droppedAtStart = droppedPrevious;
            episodes++;
            return new Transition(true, why, now, now, lagNanos, depth, peakLag, peakDepth, droppedTotal - droppedAtStart);
        }
        peakLag = Math.max(peakLag, lagNanos);
        peakDepth = Math.max(peakDepth, depth);
        boolean calm = !newDrops && 2 * lagNanos < lagLimit && 2L * depth < queueLimit;
        if (!calm) {
            calmSince = -1;
            return null;
        }
        if (calmSince < 0) {
            calmSince = now;
        }
        if (now - calmSince < calmNanos) {
            return null;
        }
        active = false;
        calmSince = -1;
        return new Transition(false, cause, startedAt, now, lagNanos, depth, peakLag, peakDepth, droppedTotal - droppedAtStart);
    }

    public boolean active() {
        return active;
    }

    /** Episodes started so far. */
    public long episodes() {
        return episodes;
    }

    /** During an episode: events dropped since it started, given the running total. */
    public long droppedDuringEpisode(long droppedTotal) {
        return active ? droppedTotal - droppedAtStart : 0;
    }
}
