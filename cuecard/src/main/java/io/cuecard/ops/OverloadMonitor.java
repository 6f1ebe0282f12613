package io.cuecard.ops;

import io.cuecard.call.service.CallConfig;
import io.cuecard.call.service.CallService;
import io.cuecard.ops.OverloadDetector.Transition;
import io.cuecard.pbx.AmiEventDrops;
import io.cuecard.pbx.AmiLink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Detects overload: call events processed late ({@code cuecard.call.overload-lag}), too many tasks waiting for the
 * call thread ({@code cuecard.call.overload-queue}), or AMI events dropped by asterisk-java (counted by the PBX link
 * in {@link AmiEventDrops}); after an episode with dropped events the PBX link sweeps its live channels. Every {@value #CHECK_MILLIS} ms its own thread measures and feeds the
 * {@link OverloadDetector}; the call thread only keeps its largest lag (a compare-and-set per PBX event), so the
 * measurement costs nothing per event but that.
 *
 * <p>An episode is never silent: one WARN when it starts, one INFO when it ends, the metrics
 * {@code cuecard.overloaded}, {@code cuecard.overload.episodes} and {@code cuecard.calls.lag}, and an
 * {@link OverloadChanged} for the consoles at its start, its end, and (at most every {@value #UPDATE_SECONDS} s) when
 * the lag in whole seconds or the drop count changed in between.
 */
@ApplicationScoped
public class OverloadMonitor {

    private static final Logger LOG = Logger.getLogger(OverloadMonitor.class);
    static final long CHECK_MILLIS = 200;
    static final long UPDATE_SECONDS = 5;

    @Inject
    CallService calls;

    @Inject
    CallConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<OverloadChanged> changes;

    @Inject
    AmiEventDrops drops;

    @Inject
    AmiLink link;

    private OverloadDetector detector;
    private ScheduledExecutorService checker;
    private final AtomicLong episodes = new AtomicLong();
    private volatile long lagNanos;
    private volatile OverloadChanged current = OverloadChanged.NONE;
    /** Only on the checker thread: the last figures the consoles were told, and when. */
    private long toldAt;
    private long toldLagSeconds;
    private long toldDropped;

    void onStart(@Observes @Priority(25) StartupEvent event) {
        detector = new OverloadDetector(config.overloadLag(), config.overloadQueue(), config.overloadCalm());
        metrics.gauge("cuecard.overloaded", this, m -> m.current.active() ? 1 : 0);
        metrics.more().counter("cuecard.overload.episodes", List.of(), episodes);
        Gauge.builder("cuecard.calls.lag", this, m -> m.lagNanos / 1e9).baseUnit("seconds")
                .description("How late call events are processed (the latest measurement)").register(metrics);
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cuecard-overload");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** The state the consoles were last told (NONE before any overload). */
    public OverloadChanged current() {
        return current;
    }

    /** The latest measured lag of call events. */
    public Duration lag() {
        return Duration.ofNanos(lagNanos);
    }

    public long episodes() {
        return episodes.get();
    }

    /** One measurement; on the checker thread. */
    void check() {
        try {
            long now = System.nanoTime();
            long lag = Math.max(calls.takeMaxLagNanos(), calls.oldestWaitingNanos(now));
            lagNanos = Math.max(0, lag);
            int depth = calls.queued();
            long dropped = drops.dropped();
            Transition t = detector.check(now, lagNanos, depth, dropped);
            if (t != null && t.active()) {
                started(t);
            } else if (t != null) {
                ended(t);
            } else if (detector.active()) {
                update(now, detector.droppedDuringEpisode(dropped));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Overload check failed");
        }
    }

    private void started(Transition t) {
        episodes.incrementAndGet();
        String cause = switch (t.cause()) {
            case LAG -> "call events are processed " + millis(t.lagNanos()) + " ms late (after they arrived, or later than usual after"
                    + " their AMI Timestamp; limit "
                    + config.overloadLag().toMillis() + " ms)";
            case QUEUE -> t.depth() + " tasks wait for the call thread (limit " + config.overloadQueue() + ")";
            case DROPS -> "asterisk-java dropped " + t.dropped() + " AMI event(s): its event queue is full";
        };
        LOG.warnf("Overload: %s; lag %d ms, %d waiting on the call thread, %d AMI event(s) dropped. The PBX sends more"
                        + " events than Cuecard processes: consoles show calls late%s. Watch cuecard_calls_lag_seconds,"
                        + " cuecard_calls_queue and cuecard_ami_events_dropped_total; lower the PBX's event load (asterisk-config's"
                        + " event filter) or give Cuecard more CPU.",
                cause, millis(t.lagNanos()), t.depth(), t.dropped(),
                t.dropped() > 0 ? ", and calls may show wrong states until they end (when the overload is over, the live"
                        + " channels are swept: a call whose hangup was dropped ends then)" : "");
        tell(new OverloadChanged(true, Instant.now(), millis(t.lagNanos()), t.dropped()), t.at());
    }

    private void ended(Transition t) {
        LOG.infof("Overload over after %d ms: peak lag %d ms, peak queue %d, %d AMI event(s) dropped during it",
                t.duration().toMillis(), millis(t.peakLagNanos()), t.peakDepth(), t.dropped());
        tell(new OverloadChanged(false, Instant.now(), millis(t.lagNanos()), t.dropped()), t.at());
        // a dropped Hangup would leave its call live until the next periodic sweep: sweep now
        link.sweepAfterDroppedEvents(t.dropped());
    }

    /** During an episode: the consoles get new figures when the lag in whole seconds or the drops changed. */
    private void update(long now, long dropped) {
        long lagSeconds = Math.round(lagNanos / 1e9);
        if (now - toldAt < TimeUnit.SECONDS.toNanos(UPDATE_SECONDS) || (lagSeconds == toldLagSeconds && dropped == toldDropped)) {
            return;
        }
        tell(new OverloadChanged(true, current.since(), millis(lagNanos), dropped), now);
    }

    private void tell(OverloadChanged change, long now) {
        current = change;
        toldAt = now;
        toldLagSeconds = Math.round(change.lagMs() / 1e3);
        toldDropped = change.dropped();
        changes.fire(change);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
