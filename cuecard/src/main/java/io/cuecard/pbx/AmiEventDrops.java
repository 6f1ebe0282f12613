package io.cuecard.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.asteriskjava.manager.internal.AsyncEventPump;

/**
 * Counts the AMI events asterisk-java drops. Its {@code AsyncEventPump} (inside the connection's reader, a
 * 20,000-item queue that cannot be replaced) drops events and responses when that queue is full and says so only in
 * its log: an ERROR {@code "<name> Event queue is full, not processing ManagerEvent ..."} (or {@code ManagerResponse}).
 * asterisk-java logs through slf4j, which Quarkus routes into the JBoss LogManager, the java.util.logging manager:
 * a handler on the pump's category sees every such record, counts it in {@code cuecard.ami.events.dropped} and the
 * overload monitor starts an episode from the count. The pump's WARN "Event dispatched N MS after arriving, your
 * ManagerEvent handlers are too slow!" (asterisk-java logs it at most once a second) is counted in
 * {@code cuecard.ami.events.late}.
 *
 * <p>The handler runs on asterisk-java's reader thread: it only compares the message and increments a counter. It
 * needs the category's level at ERROR or finer (WARN for the late count), which is the default.
 */
@ApplicationScoped
public class AmiEventDrops {

    /** The logging category of asterisk-java's event pump. */
    static final String CATEGORY = AsyncEventPump.class.getName();
    static final String QUEUE_FULL = "Event queue is full";
    static final String TOO_SLOW = "your ManagerEvent handlers are too slow";

    @Inject
    MeterRegistry metrics;

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    /** Held so the logger (and its handler) cannot be garbage-collected: java.util.logging keeps loggers weakly. */
    private Logger pumpLogger;
    private Handler handler;

    void onStart(@Observes @Priority(26) StartupEvent event) {
        metrics.more().counter("cuecard.ami.events.dropped", List.of(), dropped);
        metrics.more().counter("cuecard.ami.events.late", List.of(), late);
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                count(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        pumpLogger = Logger.getLogger(CATEGORY);
        pumpLogger.addHandler(handler);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (pumpLogger != null) {
            pumpLogger.removeHandler(handler);
        }
    }

    void count(String message) {
        if (message == null) {
            return;
        }
        if (message.contains(QUEUE_FULL)) {
            dropped.incrementAndGet();
        } else if (message.contains(TOO_SLOW)) {
            late.incrementAndGet();
        }
    }

    /** AMI events (and responses) asterisk-java dropped since start. */
    public long dropped() {
        return dropped.get();
    }

    /** asterisk-java's "handlers are too slow" warnings since start (at most one a second). */
    public long lateWarnings() {
        return late.get();
    }
}
