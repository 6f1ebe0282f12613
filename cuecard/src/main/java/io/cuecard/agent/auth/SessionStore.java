package io.cuecard.agent.auth;

import io.agroal.api.AgroalDataSource;
import io.cuecard.platform.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.spi.runtime.BlockingSecurityExecutor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Login sessions: rows of {@code user_session}, the active ones cached in memory. A request's cookie is checked
 * against the cache (no database on the hot path); a miss loads the row off the event loop. {@code last_seen_at} is
 * written in batches once a minute, never per request. Revoking a session (logout, password or role change, deleted
 * user, an admin) updates its row, drops it from the cache and fires {@link SessionsEnded}, which closes its consoles;
 * every instance also polls the table every {@code cuecard.session.revocation-poll} (500 ms) for sessions revoked
 * elsewhere. A session ends after {@code cuecard.session.idle-timeout} (8 h) without a request (an open console counts
 * as use) or {@code cuecard.session.absolute-timeout} (24 h) after the login.
 */
@ApplicationScoped
public class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class);

    /** The {@code SecurityIdentity} attribute holding the session id (absent for HTTP Basic). */
    public static final String SESSION_ATTRIBUTE = "cuecard.session";

    /** Reasons that concern the user, not one session: their HTTP Basic consoles close too. */
    static final Set<String> USER_LEVEL = Set.of("password-changed", "user-deleted", "roles-changed", "all-ended-by-admin");

    /** How far back each poll looks again, for revocations committed late. */
    private static final long POLL_OVERLAP_MS = 5_000;

    /** A session as the API shows it. */
    public record SessionView(@Schema(required = true) String id, @Schema(required = true) String username,
                              @Schema(required = true) Instant createdAt, @Schema(required = true) Instant lastSeenAt, String address,
                              String userAgent) {
    }

    /** A session just made: its id, the cookie value to send, and its user's roles. */
    public record Created(String id, String cookieValue, String username, Set<String> roles) {
    }

    /** An active session in memory. */
    public static final class Live {
        final String id;
        final String username;
        final Set<String> roles;
        final long createdAt;
        volatile long lastSeen;
        volatile long written;

        Live(String id, String username, Set<String> roles, long createdAt, long lastSeen) {
            this.id = id;
            this.username = username;
            this.roles = roles;
            this.createdAt = createdAt;
            this.lastSeen = lastSeen;
            this.written = lastSeen;
        }

        public String id() {
            return id;
        }

        public String username() {
            return username;
        }

        public Set<String> roles() {
            return roles;
        }
    }

    @ConfigProperty(name = "cuecard.session-key")
    Optional<String> configuredKey;

    @Inject
    SessionConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BlockingSecurityExecutor blocking;

    @Inject
    Event<SessionsEnded> endedEvents;

    @Inject
    Event<SessionRenewed> renewedEvents;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    private volatile SessionTokens tokens;
    private final Map<String, Live> cache = new ConcurrentHashMap<>();
    /** Ids known not to be active (revoked, expired or unknown), with when that was learnt: no database look-up for them. */
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    /** Open consoles per session: an open console is use, so its session does not go idle. */
    private final Map<String, AtomicInteger> consoles = new ConcurrentHashMap<>();
    /** Revocations made here while the database could not be reached (id to reason): the next poll that reaches it writes them. */
    private final Map<String, String> unwritten = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private volatile Timestamp pollSince;
    private volatile boolean pollFailing;

    /** After the migrations (priority 1), before the users are seeded. */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        tokens = new SessionTokens(SessionKeys.resolve(configuredKey, this::storedKey));
        pollSince = databaseNow();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cuecard-sessions");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pollRevocations, config.revocationPoll().toMillis(), config.revocationPoll().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::housekeeping, config.housekeepingInterval().toMillis(), config.housekeepingInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (configuredKey.isEmpty() || configuredKey.get().isEmpty()) {
            LOG.debug("Session cookies are signed with the key kept in the database (cuecard.session-key is not set)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            flushLastSeen(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.debugf("Last-seen times not written at shutdown: %s", e.getMessage());
        }
    }

    // --- authentication ----------------------------------------------------------------------------------------

    /**
     * The active session a cookie value names, or null (bad signature, unknown, revoked, expired). From the cache
     * without blocking; a miss is loaded from the database on a worker thread.
     */
    public Uni<Live> find(String cookieValue) {
        SessionTokens current = tokens;
        if (current == null || cookieValue == null) {
            return Uni.createFrom().nullItem();
        }
        String token = current.verify(cookieValue);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        String id = SessionTokens.idOf(token);
        long now = System.currentTimeMillis();
        Live live = cache.get(id);
        if (live != null && active(live, now)) {
            live.lastSeen = now;
            return Uni.createFrom().item(live);
        }
        if (live == null && ended.containsKey(id)) {
            return Uni.createFrom().nullItem();
        }
        // not cached, or idle by what this instance saw: the database knows about use on other instances
        return blocking.executeBlocking(() -> load(id, now));
    }

    /** Whether a session is still active (for a console opening: the session may have ended meanwhile). */
    public boolean isActive(String id) {
        Live live = id == null ? null : cache.get(id);
        return live != null && active(live, System.currentTimeMillis());
    }

    /** A console message counts as use of its session. */
    public void touch(String id) {
        Live live = id == null ? null : cache.get(id);
        if (live != null) {
            live.lastSeen = System.currentTimeMillis();
        }
    }

    public void consoleOpened(String id) {
        if (id != null) {
            consoles.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    public void consoleClosed(String id) {
        if (id != null) {
            consoles.computeIfPresent(id, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    private boolean active(Live live, long now) {
        return now - live.createdAt <= config.absoluteTimeout().toMillis() && now - live.lastSeen <= config.idleTimeout().toMillis();
    }

    private Live load(String id, long now) {
        if (unwritten.containsKey(id)) {
            forget(id); // ended here during an outage; the row may not say so yet
            return null;
        }
        String username;
        Set<String> roles;
        long created;
        long lastSeen;
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select s.username, s.created_at, s.last_seen_at, s.revoked_at, u.roles"
                     + " from user_session s join app_user u on u.username = s.username where s.id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(4) != null) {
                    forget(id);
                    return null;
                }
                username = rs.getString(1);
                created = rs.getTimestamp(2).getTime();
                lastSeen = rs.getTimestamp(3).getTime();
                roles = roles(rs.getString(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Session not readable: " + e.getMessage(), e);
        }
        Live cached = cache.get(id);
        if (cached != null) {
            lastSeen = Math.max(lastSeen, cached.lastSeen);
        }
        Live live = new Live(id, username, roles, created, lastSeen);
        if (!active(live, now)) {
            revoke(id, "expired");
            return null;
        }
        live.lastSeen = now;
        live.written = cached == null ? lastSeen : Math.max(cached.written, lastSeen);
        cache.put(id, live);
        return live;
    }

    // --- creating and ending -----------------------------------------------------------------------------------

    /** A new session for a user whose credentials were just checked. Blocking. */
    public Created create(String username, String address, String userAgent) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return insert(c, username, address, userAgent);
            }
        });
    }

    /**
     * Replaces session {@code oldId} by a fresh one of the same user (new token, new cookie); the old one ends,
     * its consoles stay open and now belong to the new one. Blocking.
     */
    public Created renew(String oldId, String address, String userAgent) {
        Created fresh = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                String username;
                try (PreparedStatement q = c.prepareStatement("select username from user_session where id = ? and revoked_at is null for update")) {
                    q.setString(1, oldId);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            return null;
                        }
                        username = rs.getString(1);
                    }
                }
                Created created = insert(c, username, address, userAgent);
                try (PreparedStatement u = c.prepareStatement("update user_session set revoked_at = now(), revoked_reason = 'renewed',"
                        + " replaced_by = ? where id = ?")) {
                    u.setString(1, created.id());
                    u.setString(2, oldId);
                    u.executeUpdate();
                }
                return created;
            }
        });
        if (fresh == null) {
            throw new IllegalStateException("Session to renew is no longer active");
        }
        renewed(oldId, fresh.id());
        return fresh;
    }

    private Created insert(Connection c, String username, String address, String userAgent) throws SQLException {
        Set<String> roles;
        try (PreparedStatement q = c.prepareStatement("select roles from app_user where username = ? for share")) {
            q.setString(1, username);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No user " + username);
                }
                roles = roles(rs.getString(1));
            }
        }
        String token = tokens.newToken();
        String id = SessionTokens.idOf(token);
        long now;
        try (PreparedStatement insert = c.prepareStatement("insert into user_session (id, username, address, user_agent)"
                + " values (?, ?, ?, ?) returning created_at")) {
            insert.setString(1, id);
            insert.setString(2, username);
            insert.setString(3, cut(address, 64));
            insert.setString(4, cut(userAgent, 300));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                now = rs.getTimestamp(1).getTime();
            }
        }
        cache.put(id, new Live(id, username, roles, now, now));
        return new Created(id, tokens.cookieValue(token), username, roles);
    }

    /** Ends one session. Returns whether it was active. Blocking. */
    public boolean revoke(String id, String reason) {
        String username = null;
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("update user_session set revoked_at = now(), revoked_reason = ?"
                     + " where id = ? and revoked_at is null returning username")) {
            u.setString(1, reason);
            u.setString(2, id);
            try (ResultSet rs = u.executeQuery()) {
                if (rs.next()) {
                    username = rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Session not revocable: " + e.getMessage(), e);
        }
        Live live = cache.get(id);
        forget(id);
        String user = username != null ? username : live != null ? live.username : null;
        endedEvents.fire(new SessionsEnded(user, Set.of(id), false, reason));
        if (username != null) {
            audit.record("session.ended", username, Map.of("reason", reason, "session", shortId(id)));
        }
        return username != null;
    }

    /**
     * Ends one session here at once while the database cannot be reached (a logout during an outage): its cookie no
     * longer works on this instance and its consoles close; the first revocation poll that reaches the database writes
     * the revocation, and from then on no instance accepts the cookie. (Until then another instance that has the
     * session cached still would; a restart of this one before the database returns forgets the revocation.)
     */
    public void revokeWhenReachable(String id, String reason) {
        Live live = cache.get(id);
        unwritten.put(id, reason);
        forget(id);
        endedEvents.fire(new SessionsEnded(live != null ? live.username : null, Set.of(id), false, reason));
        LOG.infof("Session %s ended here (%s); the database is unavailable, the revocation is written when it answers again",
                shortId(id), reason);
    }

    /** Writes the revocations {@link #revokeWhenReachable} could not write. */
    private void writeUnwritten(Connection c) throws SQLException {
        for (Map.Entry<String, String> pending : List.copyOf(unwritten.entrySet())) {
            String username = null;
            try (PreparedStatement u = c.prepareStatement("update user_session set revoked_at = now(), revoked_reason = ?"
                    + " where id = ? and revoked_at is null returning username")) {
                u.setString(1, pending.getValue());
                u.setString(2, pending.getKey());
                try (ResultSet rs = u.executeQuery()) {
                    if (rs.next()) {
                        username = rs.getString(1);
                    }
                }
            }
            unwritten.remove(pending.getKey(), pending.getValue());
            if (username != null) {
                audit.record(username, "session.ended", username, Map.of("reason", pending.getValue(), "session", shortId(pending.getKey()),
                        "writtenLate", true), null);
            }
        }
    }

    /**
     * Ends every session of a user, but {@code exceptId} (may be null). With {@code basicToo} the user's HTTP Basic
     * consoles close as well. Returns the ended sessions' ids. Blocking.
     */
    public Set<String> revokeAll(String username, String reason, String exceptId, boolean basicToo) {
        Set<String> ids = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("update user_session set revoked_at = now(), revoked_reason = ?"
                     + " where username = ? and revoked_at is null and id <> ? returning id")) {
            u.setString(1, reason);
            u.setString(2, username);
            u.setString(3, exceptId == null ? "" : exceptId);
            try (ResultSet rs = u.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Sessions not revocable: " + e.getMessage(), e);
        }
        Set<String> dropped = new HashSet<>(ids);
        cache.values().stream().filter(l -> l.username.equals(username) && !l.id.equals(exceptId)).forEach(l -> dropped.add(l.id));
        dropped.forEach(this::forget);
        endedEvents.fire(new SessionsEnded(username, Set.copyOf(dropped), basicToo, reason));
        if (!ids.isEmpty()) {
            audit.record("session.ended", username, Map.of("reason", reason, "sessions", ids.size()));
        }
        return ids;
    }

    /** The active sessions of a user, newest first. Blocking. */
    public List<SessionView> activeOf(String username) {
        List<SessionView> list = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select id, created_at, last_seen_at, address, user_agent from user_session"
                     + " where username = ? and revoked_at is null order by created_at desc")) {
            q.setString(1, username);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long created = rs.getTimestamp(2).getTime();
                    long lastSeen = rs.getTimestamp(3).getTime();
                    Live live = cache.get(id);
                    if (live != null) {
                        lastSeen = Math.max(lastSeen, live.lastSeen);
                    }
                    if (now - created > config.absoluteTimeout().toMillis() || (now - lastSeen > config.idleTimeout().toMillis() && !consoles.containsKey(id))) {
                        continue;
                    }
                    list.add(new SessionView(id, username, Instant.ofEpochMilli(created), Instant.ofEpochMilli(lastSeen),
                            rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Sessions not readable: " + e.getMessage(), e);
        }
        return list;
    }

    /** The user of an active session, if it is one. Blocking. */
    public Optional<String> userOf(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select username from user_session where id = ? and revoked_at is null")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Session not readable: " + e.getMessage(), e);
        }
    }

    private void forget(String id) {
        cache.remove(id);
        consoles.remove(id);
        ended.put(id, System.currentTimeMillis());
    }

    private void renewed(String oldId, String newId) {
        AtomicInteger open = consoles.remove(oldId);
        if (open != null) {
            consoles.merge(newId, open, (a, b) -> new AtomicInteger(a.get() + b.get()));
        }
        forget(oldId);
        renewedEvents.fire(new SessionRenewed(oldId, newId));
    }

    // --- background: revocations made elsewhere, last seen, expiry ---------------------------------------------

    void pollRevocations() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select id, username, revoked_reason, replaced_by, now() from user_session"
                     + " where revoked_at > ? order by revoked_at")) {
            writeUnwritten(c);
            q.setTimestamp(1, pollSince);
            Timestamp dbNow = null;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    dbNow = rs.getTimestamp(5);
                    String id = rs.getString(1);
                    if (ended.putIfAbsent(id, System.currentTimeMillis()) != null) {
                        continue; // handled already (revoked here, or seen by an earlier poll)
                    }
                    cache.remove(id);
                    String reason = rs.getString(3);
                    String replacedBy = rs.getString(4);
                    if ("renewed".equals(reason) && replacedBy != null) {
                        renewed(id, replacedBy);
                    } else {
                        consoles.remove(id);
                        endedEvents.fire(new SessionsEnded(rs.getString(2), Set.of(id), USER_LEVEL.contains(reason), reason));
                    }
                }
            }
            if (dbNow == null) {
                dbNow = databaseNow(c);
            }
            pollSince = new Timestamp(dbNow.getTime() - POLL_OVERLAP_MS);
            if (pollFailing) {
                pollFailing = false;
                LOG.info("Session revocations are read from the database again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!pollFailing) {
                pollFailing = true;
                LOG.warnf("Cannot read session revocations from the database (%s); retrying every %d ms", e.getMessage(),
                        config.revocationPoll().toMillis());
            }
        }
    }

    void housekeeping() {
        long now = System.currentTimeMillis();
        // the memory first: it needs no database, so it goes on during an outage
        for (String id : consoles.keySet()) {
            touch(id);
        }
        ended.entrySet().removeIf(e -> now - e.getValue() > TimeUnit.MINUTES.toMillis(10));
        if (ended.size() > 100_000) {
            ended.clear();
        }
        cache.values().removeIf(l -> now - l.createdAt > config.absoluteTimeout().toMillis() + TimeUnit.MINUTES.toMillis(5));
        try {
            flushLastSeen(now);
            expireInDatabase();
            throttle.prune();
        } catch (RuntimeException e) {
            LOG.debugf("Session housekeeping failed: %s", e.getMessage());
        }
    }

    /** Writes the last-seen times that changed since they were last written, in one batch. */
    void flushLastSeen(long now) {
        List<Live> changed = cache.values().stream().filter(l -> l.lastSeen > l.written).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("update user_session set last_seen_at = ? where id = ? and last_seen_at < ?")) {
            for (Live live : changed) {
                Timestamp seen = new Timestamp(live.lastSeen);
                u.setTimestamp(1, seen);
                u.setString(2, live.id);
                u.setTimestamp(3, seen);
                u.addBatch();
            }
            u.executeBatch();
            changed.forEach(l -> l.written = Math.max(l.written, l.lastSeen));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sessions past their limits end in the database (every instance's poll then closes their consoles). The idle
     * limit gets two housekeeping intervals of slack: other instances write their last-seen times that late.
     */
    private void expireInDatabase() {
        List<String[]> expired = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("update user_session set revoked_at = now(), revoked_reason = 'expired'"
                     + " where revoked_at is null and (created_at < now() - make_interval(secs => ?) or last_seen_at < now() - make_interval(secs => ?))"
                     + " returning id, username")) {
            u.setDouble(1, config.absoluteTimeout().toMillis() / 1000.0);
            u.setDouble(2, (config.idleTimeout().toMillis() + 2 * config.housekeepingInterval().toMillis()) / 1000.0);
            try (ResultSet rs = u.executeQuery()) {
                while (rs.next()) {
                    expired.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            try (PreparedStatement d = c.prepareStatement("delete from user_session where revoked_at < now() - interval '30 days'")) {
                d.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (String[] e : expired) {
            audit.record("system", "session.ended", e[1], Map.of("reason", "expired", "session", shortId(e[0])), null);
        }
    }

    // --- the key -----------------------------------------------------------------------------------------------

    private String storedKey(String candidate) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("insert into server_secret (name, value) values (?, ?) on conflict (name) do nothing")) {
                insert.setString(1, SessionKeys.SECRET_NAME);
                insert.setString(2, candidate);
                if (insert.executeUpdate() == 1) {
                    LOG.info("Generated the session signing key and stored it in the database (set CUECARD_SESSION_KEY to use your own)");
                }
            }
            try (PreparedStatement q = c.prepareStatement("select value from server_secret where name = ?")) {
                q.setString(1, SessionKeys.SECRET_NAME);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The session key could not be read from or stored in the database: " + e.getMessage(), e);
        }
    }

    private Timestamp databaseNow() {
        try (Connection c = dataSource.getConnection()) {
            return databaseNow(c);
        } catch (SQLException e) {
            return new Timestamp(System.currentTimeMillis() - POLL_OVERLAP_MS);
        }
    }

    private static Timestamp databaseNow(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select now()"); ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    static Set<String> roles(String csv) {
        return csv == null ? Set.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    static String shortId(String id) {
        return id == null || id.length() < 12 ? id : id.substring(0, 12);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
