package io.cuecard.agent.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;

/**
 * Login throttling, with its state in PostgreSQL ({@code login_failure}) so every instance counts the same failures.
 * Keyed by the client's address (as {@code ClientRequests} resolves it), so nobody can lock a user out from
 * elsewhere: after {@code max-failures-per-user} (5) failures for one user name from one address, or
 * {@code max-failures-per-address} (20) from one address, within {@code window} (15 min), attempts from there are
 * refused, right password or not, for {@code base-delay}, doubled per further failure up to {@code max-delay}
 * (15 min). Attempts refused while blocked are not failures. A success clears that user's failures from that address;
 * an admin lifts a block with {@link #lift}.
 * <p>
 * The check and the recording of a failure are two statements: attempts that run at the same moment are each
 * checked before any of them failed, so a client running N attempts in parallel gets up to N-1 more before the block.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The outcome of a check: blocked for {@code retryAfterSeconds}, and the failures seen for this user here. */
    public record Verdict(boolean blocked, long retryAfterSeconds, int userFailures) {
        static final Verdict OPEN = new Verdict(false, 0, 0);
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoginThrottleConfig config;

    /** Whether an attempt for {@code username} from {@code address} may be tried now. Blocking (one indexed query). */
    public Verdict check(String username, String address) {
        String user = normalise(username);
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) filter (where username = ?), max(at) filter (where username = ?),"
                     + " count(*), max(at), now() from login_failure where address = ? and at > now() - make_interval(secs => ?)")) {
            q.setString(1, user);
            q.setString(2, user);
            q.setString(3, address(address));
            q.setDouble(4, config.window().toMillis() / 1000.0);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                int userFailures = rs.getInt(1);
                Timestamp userLast = rs.getTimestamp(2);
                int addressFailures = rs.getInt(3);
                Timestamp addressLast = rs.getTimestamp(4);
                long now = rs.getTimestamp(5).getTime();
                long until = Math.max(blockedUntil(userFailures, config.maxFailuresPerUser(), userLast), blockedUntil(addressFailures, config.maxFailuresPerAddress(), addressLast));
                if (until > now) {
                    return new Verdict(true, Math.max(1, (until - now + 999) / 1000), userFailures);
                }
                return userFailures == 0 ? Verdict.OPEN : new Verdict(false, 0, userFailures);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Login throttle not readable: " + e.getMessage(), e);
        }
    }

    /** When the block of {@code failures} failures, the last at {@code last}, ends (0: no block). */
    long blockedUntil(int failures, int limit, Timestamp last) {
        if (failures < limit || last == null) {
            return 0;
        }
        int doublings = Math.min(failures - limit, 30);
        long delay = Math.min(config.maxDelay().toMillis(), config.baseDelay().toMillis() << doublings);
        return last.getTime() + delay;
    }

    /** A failed attempt. */
    public void failed(String username, String address) {
        update("insert into login_failure (address, username) values (?, ?)", address(address), normalise(username));
    }

    /** A successful login: that user's failures from that address are forgotten. */
    public void succeeded(String username, String address) {
        update("delete from login_failure where address = ? and username = ?", address(address), normalise(username));
    }

    /**
     * Lifts blocks: the failures from {@code address}, of {@code username} (either may be null for "any", not both).
     *
     * @return how many failures were forgotten
     */
    public int lift(String address, String username) {
        if (address == null && username == null) {
            throw new IllegalArgumentException("address or username is required");
        }
        if (address == null) {
            return update("delete from login_failure where username = ?", normalise(username));
        }
        if (username == null) {
            return update("delete from login_failure where address = ?", address(address));
        }
        return update("delete from login_failure where address = ? and username = ?", address(address), normalise(username));
    }

    /** Forgets failures older than the window. */
    void prune() {
        update("delete from login_failure where at < now() - make_interval(secs => ?)", config.window().toMillis() / 1000.0);
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Login throttle not writable: " + e.getMessage(), e);
        }
    }

    static String normalise(String username) {
        String user = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return user.length() > 64 ? user.substring(0, 64) : user;
    }

    private static String address(String address) {
        String a = address == null ? "unknown" : address;
        return a.length() > 64 ? a.substring(0, 64) : a;
    }
}
