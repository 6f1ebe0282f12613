package io.cuecard.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.event.ManagerEvent;
import org.jboss.logging.Logger;

/**
 * AMI events that reached Cuecard but could not be translated: the translator threw, or the event lacks what Cuecard
 * needs to use it (a call event without a usable {@code Uniqueid}, a {@code Newchannel} without {@code Channel} …).
 * Each is skipped; it is counted in {@code cuecard_ami_events_untranslatable_total} and reported by a WARN that is
 * rate-limited: at most one line per {@link #WINDOW}, with the number skipped since the previous line and the last
 * one's type and reason, never a stack trace. Events Cuecard ignores by design (noise such as CEL or RTCP, variables it
 * does not read) are not counted here.
 *
 * <p>{@link #skipped} runs on the call thread, only for a failed event; the pending count is flushed at the end of a
 * window by the JDK's shared delay scheduler.
 */
@ApplicationScoped
public class UntranslatableEvents {

    private static final Logger LOG = Logger.getLogger(UntranslatableEvents.class);
    /** At most one WARN line per window. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** Reasons are cut to this length (an exception message may quote a huge header value). */
    private static final int MAX_REASON = 200;

    @Inject
    MeterRegistry metrics;

    private final AtomicLong total = new AtomicLong();
    private final long windowNanos;
    /** Guarded by this. */
    private long pending;
    private String lastType;
    private String lastReason;
    private long lastLineAt;
    private boolean flushScheduled;

    public UntranslatableEvents() {
        this(WINDOW);
    }

    UntranslatableEvents(Duration window) {
        windowNanos = window.toNanos();
        lastLineAt = System.nanoTime() - windowNanos;
    }

    void onStart(@Observes @Priority(26) StartupEvent event) {
        metrics.more().counter("cuecard.ami.events.untranslatable", List.of(), total);
    }

    /** One event was skipped because it could not be translated. */
    void skipped(ManagerEvent event, String reason) {
        total.incrementAndGet();
        String type = typeOf(event);
        String why = reason == null ? "unknown" : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
        synchronized (this) {
            pending++;
            lastType = type;
            lastReason = why;
            if (flushScheduled) {
                return;
            }
            long sinceLine = System.nanoTime() - lastLineAt;
            if (sinceLine >= windowNanos) {
                report();
            } else {
                flushScheduled = true;
                CompletableFuture.delayedExecutor(windowNanos - sinceLine, TimeUnit.NANOSECONDS).execute(this::flush);
            }
        }
    }

    /** Events skipped so far (the metric's value). */
    public long total() {
        return total.get();
    }

    private synchronized void flush() {
        flushScheduled = false;
        if (pending > 0) {
            report();
        }
    }

    /** Guarded by this. */
    private void report() {
        LOG.warnf("%d AMI event(s) could not be translated and were skipped since the last report (last: %s, %s);"
                + " counted in cuecard_ami_events_untranslatable_total", pending, lastType, lastReason);
        pending = 0;
        lastLineAt = System.nanoTime();
    }

    /** {@code HangupEvent} → {@code Hangup}, as the AMI names it. */
    static String typeOf(ManagerEvent event) {
        if (event == null) {
            return "null";
        }
        Class<?> type = event.getClass();
        while (type.getSimpleName().isEmpty() && type.getSuperclass() != null) {
            type = type.getSuperclass(); // an anonymous subclass
        }
        String name = type.getSimpleName();
        return name.endsWith("Event") && name.length() > 5 ? name.substring(0, name.length() - 5) : name;
    }
}
