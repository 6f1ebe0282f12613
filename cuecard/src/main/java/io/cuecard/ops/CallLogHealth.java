package io.cuecard.ops;

import io.agroal.api.AgroalDataSource;
import io.cuecard.call.log.CallLogWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The call log as an operator sees it: whether its database answers now, and how many calls wait to be written.
 * {@link #databaseReachable()} really asks PostgreSQL (a pooled connection's {@code isValid}) on its own thread and
 * waits at most {@link #PROBE_WAIT}: a database behind a dead link makes the answer "down" within that time instead
 * of hanging the health endpoint. Concurrent callers share the probe in flight.
 */
@ApplicationScoped
public class CallLogHealth {

    /** How long a health request waits for the database's answer. */
    static final Duration PROBE_WAIT = Duration.ofSeconds(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallLogWriter writer;

    @Inject
    MeterRegistry metrics;

    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cuecard-db-probe");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> probe;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("cuecard.calllog.backlog", writer, CallLogWriter::backlog).strongReference(true)
                .description("Call changes waiting to be written to the call log (pending + in the batch being written)")
                .register(metrics);
        Gauge.builder("cuecard.calllog.writes.ok", writer, w -> w.databaseUp() ? 1 : 0).strongReference(true)
                .description("1 while the call log writer's last write succeeded, 0 while it fails and retries")
                .register(metrics);
    }

    void onStop(@Observes ShutdownEvent event) {
        prober.shutdownNow();
    }

    /** Calls waiting to be written. */
    public int backlog() {
        return writer.backlog();
    }

    /** Calls spilled to the journal and not yet written to the database. */
    public int journalled() {
        return writer.journalled();
    }

    /** The writer's last write succeeded (false while it retries after a failure). */
    public boolean writesSucceeding() {
        return writer.databaseUp();
    }

    /** PostgreSQL answered a validity check within {@link #PROBE_WAIT}. */
    public boolean databaseReachable() {
        CompletableFuture<Boolean> current;
        synchronized (this) {
            if (probe == null || probe.isDone()) {
                probe = CompletableFuture.supplyAsync(this::check, prober);
            }
            current = probe;
        }
        try {
            return current.get(PROBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private boolean check() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid((int) Math.max(1, PROBE_WAIT.toSeconds()));
        } catch (Exception e) {
            return false;
        }
    }
}
