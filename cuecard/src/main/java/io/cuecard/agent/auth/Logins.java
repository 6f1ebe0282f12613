package io.cuecard.agent.auth;

import io.cuecard.platform.DatabaseUnavailable;
import io.cuecard.platform.audit.AuditLog;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Checking a user's password, throttled: the login form, {@code POST /api/login} and a password change go through
 * here (HTTP Basic goes through {@link CuecardAuthMechanism}, with the same throttle). The password is checked by the
 * identity provider (quarkus-security-jpa, bcrypt). While the database cannot be reached a login is neither
 * tried nor counted: {@link Unavailable}. Blocking.
 */
@ApplicationScoped
public class Logins {

    /** The outcome of a login. */
    public sealed interface Outcome permits LoggedIn, Refused, Throttled, Unavailable {
    }

    public record LoggedIn(SessionStore.Created session) implements Outcome {
    }

    public record Refused() implements Outcome {
    }

    public record Throttled(long retryAfterSeconds) implements Outcome {
    }

    /** The database (users, sessions, the throttle) cannot be reached: try again in {@code retryAfterSeconds}. */
    public record Unavailable(long retryAfterSeconds) implements Outcome {
    }

    /** The outcome of a password check: right, or wrong, or not tried for {@code retryAfterSeconds} (throttled). */
    public record Check(boolean right, long retryAfterSeconds) {
        public boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    @Inject
    IdentityProviderManager identities;

    @Inject
    LoginThrottle throttle;

    @Inject
    SessionStore sessions;

    @Inject
    AuditLog audit;

    /** A login with user name and password from {@code address}: a new session, a refusal, or a throttled attempt. */
    public Outcome login(String username, String password, String address, String userAgent, String method) {
        try {
            return attempt(username, password, address, userAgent, method);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            DatabaseUnavailable.log("a login (" + method + ")", e);
            return new Unavailable(DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
    }

    private Outcome attempt(String username, String password, String address, String userAgent, String method) {
        String user = username == null ? "" : username.trim();
        LoginThrottle.Verdict verdict = throttle.check(user, address);
        if (verdict.blocked()) {
            audit.record(user, "login.throttled", user, Map.of("method", method, "retryAfterSeconds", verdict.retryAfterSeconds()), address);
            return new Throttled(verdict.retryAfterSeconds());
        }
        if (user.isEmpty() || password == null || password.isEmpty() || !passwordIsRight(user, password)) {
            throttle.failed(user, address);
            audit.record(user, "login.failed", user, Map.of("method", method), address);
            return new Refused();
        }
        if (verdict.userFailures() > 0) {
            throttle.succeeded(user, address);
        }
        SessionStore.Created session = sessions.create(user, address, userAgent);
        audit.record(user, "login", user, Map.of("method", method, "session", SessionStore.shortId(session.id())), address);
        return new LoggedIn(session);
    }

    /** Checks a logged-in user's current password (before a change), throttled and counted like a login. */
    public Check checkPassword(String username, String password, String address) {
        LoginThrottle.Verdict verdict = throttle.check(username, address);
        if (verdict.blocked()) {
            audit.record(username, "login.throttled", username, Map.of("method", "password-change"), address);
            return new Check(false, verdict.retryAfterSeconds());
        }
        if (password == null || password.isEmpty() || !passwordIsRight(username, password)) {
            throttle.failed(username, address);
            audit.record(username, "login.failed", username, Map.of("method", "password-change"), address);
            return new Check(false, 0);
        }
        if (verdict.userFailures() > 0) {
            throttle.succeeded(username, address);
        }
        return new Check(true, 0);
    }

    private boolean passwordIsRight(String username, String password) {
        try {
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray())));
            return true;
        } catch (AuthenticationFailedException e) {
            if (DatabaseUnavailable.is(e)) {
                throw e; // the users could not be read: not a wrong password
            }
            return false;
        }
    }
}
