package io.cuecard.call.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.cuecard.call.CallObserver;
import io.cuecard.call.CallView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Writes calls to the call log as they move, off the call tracker's thread. Changes are coalesced per call
 * (the newest version wins) and written in batches with an upsert that never lets an older version overwrite a
 * newer one. While the database is unreachable, changes stay pending and are retried with back-off.
 */
@ApplicationScoped
public class CallLogWriter implements CallObserver {

    private static final Logger LOG = Logger.getLogger(CallLogWriter.class);
    private static final int BATCH = 500;

    static final String UPSERT = """
            insert into call_log (id, direction, customer_number, queue, campaign, agents, placed_by, started_at, ended_at,
                                  outcome, version, view, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), now())
            on conflict (id) do update set direction = excluded.direction, customer_number = excluded.customer_number,
                queue = excluded.queue, campaign = excluded.campaign, agents = excluded.agents, placed_by = excluded.placed_by,
                started_at = excluded.started_at, ended_at = excluded.ended_at, outcome = excluded.outcome,
                version = excluded.version, view = excluded.view, updated_at = now()
            where call_log.version <= excluded.version""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Map<String, CallView> pending = new LinkedHashMap<>();
    private int inFlight;
    private volatile boolean running;
    private volatile boolean databaseUp = true;
    private Thread worker;

    void onStart(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::run, "cuecard-call-log");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        awaitDrained(5_000);
        running = false;
        worker.interrupt();
    }

    @Override
    public void callChanged(CallView call) {
        lock.lock();
        try {
            pending.remove(call.id());
            pending.put(call.id(), call);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting to be written. */
    public int backlog() {
        lock.lock();
        try {
            return pending.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    public boolean databaseUp() {
        return databaseUp;
    }

    /** Waits until every change handed in so far is written; false on time-out. */
    public boolean awaitDrained(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!pending.isEmpty() || inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            List<CallView> batch = new ArrayList<>();
            lock.lock();
            try {
                while (pending.isEmpty() && running) {
                    changed.await();
                }
                var it = pending.values().iterator();
                while (it.hasNext() && batch.size() < BATCH) {
                    batch.add(it.next());
                    it.remove();
                }
                inFlight = batch.size();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                write(batch);
                databaseUp = true;
                backoffMs = 100;
                finished(batch, false);
            } catch (SQLException | RuntimeException e) {
                if (databaseUp) {
                    LOG.warnf("Call log write failed (%s); %d call(s) kept and retried", e.getMessage(), batch.size());
                }
                databaseUp = false;
                finished(batch, true);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private void finished(List<CallView> batch, boolean requeue) {
        lock.lock();
        try {
            if (requeue) {
                for (CallView call : batch) {
                    CallView newer = pending.get(call.id());
                    if (newer == null || newer.version() < call.version()) {
                        pending.put(call.id(), call);
                    }
                }
            }
            inFlight = 0;
            if (pending.isEmpty()) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void write(List<CallView> batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            c.setAutoCommit(false);
            for (CallView call : batch) {
                Array agents = c.createArrayOf("varchar", call.agents().toArray());
                ps.setString(1, call.id());
                ps.setString(2, call.direction().json());
                ps.setString(3, clip(call.customerNumber()));
                ps.setString(4, clip(call.queue()));
                ps.setString(5, clip(call.campaign()));
                ps.setArray(6, agents);
                ps.setString(7, clip(call.placedBy()));
                ps.setObject(8, OffsetDateTime.ofInstant(call.startedAt(), ZoneOffset.UTC));
                if (call.endedAt() == null) {
                    ps.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(9, OffsetDateTime.ofInstant(call.endedAt(), ZoneOffset.UTC));
                }
                ps.setString(10, call.outcome());
                ps.setLong(11, call.version());
                ps.setString(12, toJson(call));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private String toJson(CallView call) {
        try {
            return json.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write call " + call.id() + " as JSON", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A filter column's value cut to the column's 64 characters (the whole value stays in the JSON view): one odd
     * value from the PBX (a huge CAMPAIGN variable) must not make the batch fail again and again.
     */
    static String clip(String value) {
        return value == null || value.length() <= 64 ? value : value.substring(0, 64);
    }
}
