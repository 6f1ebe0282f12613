package io.cuecard.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Whether a failure means that the database cannot be reached now (connection refused, lost or timed out, PostgreSQL
 * shutting down or starting, no pooled connection within the acquisition timeout), not that a request or a query was
 * wrong. Such failures answer 503 with {@code Retry-After} instead of 500, and are logged as one WARN line at most every
 * {@link #LOG_EVERY_MS} (with how many more there were), not as a stack trace per request.
 */
public final class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    static final long LOG_EVERY_MS = 10_000;

    private static final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE / 2);
    private static final AtomicLong unlogged = new AtomicLong();

    private DatabaseUnavailable() {
    }

    /** Whether {@code e} or one of its causes says the database is unreachable. */
    public static boolean is(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now (starting up)
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                    return true;
                }
                // Agroal's pool: no connection within quarkus.datasource.jdbc.acquisition-timeout (no SQLState)
                if (state == null && sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /** Logs that {@code what} failed because the database is unreachable: one line, at most every 10 s. */
    public static void log(String what, Throwable e) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last < LOG_EVERY_MS || !lastLogged.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        long more = unlogged.getAndSet(0);
        LOG.warnf("The database is unavailable (%s): %s answered 503%s", rootMessage(e), what,
                more > 0 ? " (and " + more + " more since the last such line)" : "");
    }

    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
