package io.cuecard.call.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.cuecard.call.CallChange;
import io.cuecard.call.CallObserver;
import io.cuecard.call.CallView;
import io.cuecard.call.Stage;
import jakarta.annotation.Priority;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes calls to the call log as they move, off the call tracker's thread. Changes are coalesced per call
 * (the newest version wins) and written in batches with an upsert that never lets an older version overwrite a
 * newer one, so calls may be written in any order and more than once.
 *
 * <p>While the database is unreachable, changes stay pending and are retried with back-off (100 ms doubling to
 * {@code cuecard.call-log.max-backoff}). At most {@code cuecard.call-log.max-pending} calls wait in memory: beyond
 * that the spill thread {@code cuecard-call-log-journal} moves them to the {@link CallJournal} on disk, and the writer
 * thread {@code cuecard-call-log} writes the journal to the database (then deletes it) once it is back. The journal
 * is also written at start-up, before the call tracker is rebuilt from the log, and a stop with the database down
 * journals whatever is still waiting. {@link #callChanged} only puts the call in a map: it never waits for the
 * database or the disk.
 */
@ApplicationScoped
public class CallLogWriter implements CallObserver {

    private static final Logger LOG = Logger.getLogger(CallLogWriter.class);
    private static final int BATCH = 500;
    private static final long FIRST_BACKOFF_MS = 100;

    static final String UPSERT = """
            insert into call_log (id, direction, customer_number, queue, campaign, agents, placed_by, started_at, ended_at,
                                  outcome, version, view, ended_after, ended_before, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, now())
            on conflict (id) do update set direction = excluded.direction, customer_number = excluded.customer_number,
                queue = excluded.queue, campaign = excluded.campaign, agents = excluded.agents, placed_by = excluded.placed_by,
                started_at = excluded.started_at, ended_at = excluded.ended_at, outcome = excluded.outcome,
                version = excluded.version, view = excluded.view, ended_after = excluded.ended_after,
                ended_before = excluded.ended_before, updated_at = now()
            where call_log.version <= excluded.version""";

    /** The wrap-ups of a call written just now that are no longer open (Ready, the maximum, a later call). */
    static final String CLOSE_WRAP_UPS = "delete from open_wrap_up where call_id = ? and not (agent = any(?))";

    /**
     * An open wrap-up of a call written just now: a newer wrap-up of the agent replaces the row; the same wrap-up written
     * again keeps the deadline it was first written with, and an agent's later wrap-up is never replaced by an older.
     */
    static final String OPEN_WRAP_UP = """
            insert into open_wrap_up (agent, call_id, started_at, deadline) values (?, ?, ?, ?)
            on conflict (agent) do update set call_id = excluded.call_id, started_at = excluded.started_at,
                deadline = excluded.deadline
            where open_wrap_up.started_at < excluded.started_at""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    CallLogConfig config;

    /** The deadline of each open wrap-up kept in {@code open_wrap_up} is its start plus this (as the tracker's). */
    @ConfigProperty(name = "cuecard.call.wrap-up-maximum", defaultValue = "120s")
    Duration wrapUpMaximum;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition overflow = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Map<String, CallView> pending = new LinkedHashMap<>();
    private List<CallView> inFlight = List.of();
    private int spilling;
    private int maxPending;
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running;
    private volatile boolean databaseUp = true;
    private final AtomicLong spilled = new AtomicLong();
    private CallJournal journal;
    private Thread worker;
    private Thread spiller;

    /** Runs after the database is migrated and before {@code CallService} rebuilds the tracker from the call log. */
    void onStart(@Observes @Priority(15) StartupEvent event) {
        maxPending = Math.max(1, config.maxPending());
        journal = new CallJournal(Path.of(config.journalDir()), json, Math.max(BATCH, maxPending));
        if (!journal.isEmpty()) {
            int calls = journal.size();
            try {
                replayJournal();
                LOG.infof("Wrote %d call(s) left in the call log journal %s", calls, journal.directory().toAbsolutePath());
            } catch (Exception | AssertionError e) {
                databaseUp = false;
                LOG.warnf("Could not write the call log journal %s yet (%s); retrying in the background",
                        journal.directory().toAbsolutePath(), e.getMessage());
            }
        }
        running = true;
        worker = new Thread(this::run, "cuecard-call-log");
        worker.setDaemon(true);
        worker.start();
        spiller = new Thread(this::spill, "cuecard-call-log-journal");
        spiller.setDaemon(true);
        spiller.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker == null) {
            return;
        }
        boolean written = awaitDrained(5_000);
        running = false;
        lock.lock();
        try {
            changed.signalAll();
            overflow.signalAll();
        } finally {
            lock.unlock();
        }
        worker.interrupt();
        spiller.interrupt();
        join(worker);
        join(spiller);
        if (!written) {
            journalWhatIsLeft();
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warnf("Closing the call log journal: %s", e.getMessage());
        }
    }

    @Override
    public void callChanged(CallChange change) {
        write(change.call());
    }

    /** Queues the call's newest version for the next batch. */
    void write(CallView call) {
        lock.lock();
        try {
            pending.remove(call.id());
            pending.put(call.id(), call);
            changed.signal();
            if (pending.size() > maxPending) {
                overflow.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting to be written: in memory, being written or spilled, and in the journal (every version counted). */
    public int backlog() {
        lock.lock();
        try {
            return pending.size() + inFlight.size() + spilling + (journal == null ? 0 : journal.size());
        } finally {
            lock.unlock();
        }
    }

    /** Call versions in the journal on disk, waiting for the database. */
    public int journalled() {
        return journal == null ? 0 : journal.size();
    }

    /** Call versions spilled to the journal since start. */
    public long spilledTotal() {
        return spilled.get();
    }

    /** Whether the last write or check reached the database. */
    public boolean databaseUp() {
        return databaseUp;
    }

    /** Waits until every change handed in so far is written (journal included); false on time-out. */
    public boolean awaitDrained(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!idle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private boolean idle() {
        return pending.isEmpty() && inFlight.isEmpty() && spilling == 0 && journal.isEmpty();
    }

    // --- the writer thread -------------------------------------------------------------------------------------

    private void run() {
        long backoffMs = FIRST_BACKOFF_MS;
        long maxBackoffMs = Math.max(FIRST_BACKOFF_MS, config.maxBackoff().toMillis());
        while (running) {
            try {
                if (!writeSome()) {
                    awaitWork();
                    continue;
                }
                up();
                backoffMs = FIRST_BACKOFF_MS;
            } catch (InterruptedException e) {
                return;
            } catch (Exception | AssertionError e) {
                // AssertionError: pgjdbc's own asserts (tests run with -ea) when a connection dies inside a batch
                down(e);
                pause(backoffMs);
                backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
            }
        }
    }

    /** Writes the journal if there is one, else a batch of pending calls; false if there was nothing to write. */
    private boolean writeSome() throws SQLException, IOException {
        if (!journal.isEmpty()) {
            replayJournal();
            return true;
        }
        List<CallView> batch = new ArrayList<>();
        lock.lock();
        try {
            var it = pending.values().iterator();
            while (it.hasNext() && batch.size() < BATCH) {
                batch.add(it.next());
                it.remove();
            }
            inFlight = batch;
        } finally {
            lock.unlock();
        }
        if (batch.isEmpty()) {
            return false;
        }
        boolean ok = false;
        try {
            write(batch);
            ok = true;
        } finally {
            finished(batch, !ok);
        }
        return true;
    }

    /** Writes every journal segment to the database, deleting each once it is written. */
    private void replayJournal() throws SQLException, IOException {
        for (Path segment : journal.seal()) {
            if (Files.exists(segment)) {
                List<CallView> calls = new ArrayList<>(journal.read(segment).values());
                for (int from = 0; from < calls.size(); from += BATCH) {
                    write(calls.subList(from, Math.min(calls.size(), from + BATCH)));
                }
            }
            journal.delete(segment);
        }
        signalIfDrained();
    }

    /** Nothing to write: waits for a change; after a quiet probe interval (or while down), checks the database. */
    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            if (pending.isEmpty() && journal.isEmpty()) {
                drained.signalAll();
                if (!changed.await(config.probeInterval().toMillis(), TimeUnit.MILLISECONDS) && pending.isEmpty() && running) {
                    lock.unlock();
                    try {
                        probe();
                    } finally {
                        lock.lock();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void probe() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.execute("select 1");
            up();
        } catch (Exception | AssertionError e) {
            down(e);
        }
    }

    private void up() {
        if (!databaseUp) {
            LOG.infof("Call log database reachable again; %d call(s) waiting", backlog());
        }
        databaseUp = true;
    }

    private void down(Throwable e) {
        if (databaseUp) {
            LOG.warnf("Call log database unreachable (%s); %d call(s) kept and retried", e.getMessage(), backlog());
        }
        databaseUp = false;
    }

    private void pause(long ms) {
        lock.lock();
        try {
            // a stop ends the pause early; changes do not (they would only be written to a database that is down)
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                drained.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
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
                if (pending.size() > maxPending) {
                    overflow.signal();
                }
            }
            inFlight = List.of();
        } finally {
            lock.unlock();
        }
        signalIfDrained();
    }

    private void signalIfDrained() {
        lock.lock();
        try {
            if (idle()) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    // --- the spill thread --------------------------------------------------------------------------------------

    /** Moves everything pending to the journal whenever more than {@code max-pending} calls wait in memory. */
    private void spill() {
        while (running) {
            List<CallView> calls;
            lock.lock();
            try {
                while (pending.size() <= maxPending && running) {
                    overflow.await();
                }
                if (!running) {
                    return;
                }
                calls = new ArrayList<>(pending.values());
                pending.clear();
                spilling = calls.size();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                journal.append(calls);
                spilled.addAndGet(calls.size());
                lock.lock();
                try {
                    spilling = 0;
                    changed.signal();
                } finally {
                    lock.unlock();
                }
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Cannot spill %d call(s) to the call log journal %s (%s); keeping them in memory",
                        calls.size(), journal.directory().toAbsolutePath(), e.getMessage());
                lock.lock();
                try {
                    spilling = 0;
                    for (CallView call : calls) {
                        CallView newer = pending.get(call.id());
                        if (newer == null || newer.version() < call.version()) {
                            pending.put(call.id(), call);
                        }
                    }
                } finally {
                    lock.unlock();
                }
                sleepQuietly(1_000);
            }
        }
    }

    /** At stop, with the database still down: whatever is in memory goes to the journal for the next start. */
    private void journalWhatIsLeft() {
        List<CallView> left;
        lock.lock();
        try {
            left = new ArrayList<>(pending.values());
            left.addAll(inFlight);
            pending.clear();
        } finally {
            lock.unlock();
        }
        if (left.isEmpty()) {
            return;
        }
        try {
            journal.append(left);
            LOG.warnf("Stopping with the call log database unreachable: %d call(s) kept in the journal %s",
                    left.size(), journal.directory().toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Stopping: %d call(s) could not be written nor journalled (%s)", left.size(), e.getMessage());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes a batch. When PostgreSQL refuses the data itself (SQLState class 22 or 23 — not an outage), the calls
     * are written one by one so that one bad call cannot block the call log: a call refused again is logged and kept
     * in {@code rejected.jsonl} in the journal directory for an operator, never retried forever.
     */
    private void write(List<CallView> batch) throws SQLException {
        try {
            writeBatch(batch);
        } catch (SQLException e) {
            if (!refusedData(e)) {
                throw e;
            }
            for (CallView call : batch) {
                try {
                    writeBatch(List.of(call));
                } catch (SQLException one) {
                    if (!refusedData(one)) {
                        throw one;
                    }
                    reject(call, one);
                }
            }
        }
    }

    private static boolean refusedData(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private void reject(CallView call, SQLException why) {
        rejected.incrementAndGet();
        LOG.errorf("Call %s (version %d) refused by the database and set aside in rejected.jsonl: %s", call.id(), call.version(),
                why.getMessage());
        try {
            Path file = Path.of(config.journalDir()).resolve("rejected.jsonl");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, toJson(call) + "\n", java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.errorf("Could not keep call %s in rejected.jsonl: %s; its JSON: %s", call.id(), e.getMessage(), toJson(call));
        }
    }

    /** Calls the database refused as data (kept in rejected.jsonl). */
    public long rejectedTotal() {
        return rejected.get();
    }

    private void writeBatch(List<CallView> batch) throws SQLException {
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
                setInstant(ps, 9, call.endedAt());
                ps.setString(10, call.outcome());
                ps.setLong(11, call.version());
                ps.setString(12, toJson(call));
                setInstant(ps, 13, call.endedAfter());
                setInstant(ps, 14, call.endedBefore());
                ps.addBatch();
            }
            int[] written = ps.executeBatch();
            writeOpenWrapUps(c, batch, written);
            c.commit();
        }
    }

    /**
     * Keeps {@code open_wrap_up} in step with the ended calls of the batch whose row was written (not an older version
     * than the one already logged): their open wrap-ups are upserted with their deadline, their closed ones deleted.
     * Same transaction as the calls' rows.
     */
    private void writeOpenWrapUps(Connection c, List<CallView> batch, int[] written) throws SQLException {
        try (PreparedStatement close = c.prepareStatement(CLOSE_WRAP_UPS); PreparedStatement open = c.prepareStatement(OPEN_WRAP_UP)) {
            boolean any = false;
            for (int i = 0; i < batch.size(); i++) {
                CallView call = batch.get(i);
                if (call.endedAt() == null || (i < written.length && written[i] == 0)) {
                    continue;
                }
                List<String> agents = new ArrayList<>();
                for (CallView.StageEntry e : call.stages()) {
                    if (e.stage() == Stage.WRAP_UP && e.leftAt() == null && e.agent() != null && e.enteredAt() != null) {
                        agents.add(e.agent());
                        open.setString(1, clip(e.agent()));
                        open.setString(2, call.id());
                        open.setObject(3, OffsetDateTime.ofInstant(e.enteredAt(), ZoneOffset.UTC));
                        open.setObject(4, OffsetDateTime.ofInstant(deadline(e.enteredAt()), ZoneOffset.UTC));
                        open.addBatch();
                    }
                }
                close.setString(1, call.id());
                close.setArray(2, c.createArrayOf("varchar", agents.toArray()));
                close.addBatch();
                any = true;
            }
            if (any) {
                close.executeBatch();
                open.executeBatch();
            }
        }
    }

    private Instant deadline(Instant started) {
        return started.plus(wrapUpMaximum == null ? Duration.ofSeconds(120) : wrapUpMaximum);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }

    private String toJson(CallView call) {
        try {
            return json.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write call " + call.id() + " as JSON", e);
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
