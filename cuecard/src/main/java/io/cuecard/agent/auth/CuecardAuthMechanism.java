package io.cuecard.agent.auth;

import io.cuecard.platform.ClientRequests;
import io.cuecard.platform.DatabaseUnavailable;
import io.cuecard.platform.audit.AuditLog;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.spi.runtime.BlockingSecurityExecutor;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * How a request is authenticated: by the session cookie {@value SessionCookie#NAME} (checked against
 * {@link SessionStore}), else by HTTP Basic (the password checked by the identity provider, quarkus-security-jpa,
 * and throttled like the login form). Without either the request is anonymous; where that is not allowed,
 * {@code /api}, {@code /ws} and {@code /q/openapi} answer 401 with a Basic challenge (none for the console's own
 * requests, marked {@code X-Requested-With}, so a browser shows no password dialog) and pages send the browser to
 * the login page. A throttled Basic attempt answers 429 with {@code Retry-After}.
 * <p>
 * While the database cannot be reached, a cached session's cookie still works (no database on that path). Credentials
 * that need the database (HTTP Basic, the cookie of a session this instance has not cached) leave the request
 * anonymous, so public pages and health checks still answer; where a login is needed the answer is 503 JSON with
 * {@code Retry-After} (pages: to {@code /login.html?unavailable}), never 401, and the cookie is kept.
 */
@ApplicationScoped
public class CuecardAuthMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Basic realm=\"Cuecard\"";
    /** Routing-context key: the Basic attempt was throttled (a {@link LoginThrottle.Verdict}). */
    static final String THROTTLED = "cuecard.throttled";
    /** Routing-context key: the credentials could not be checked because the database cannot be reached. */
    static final String UNAVAILABLE = "cuecard.database-unavailable";

    @Inject
    SessionStore sessions;

    @Inject
    LoginThrottle throttle;

    @Inject
    ClientRequests clients;

    @Inject
    AuditLog audit;

    @Inject
    BlockingSecurityExecutor blocking;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (cookie == null) {
            return basic ? basic(context, identityProviderManager, authorization) : Uni.createFrom().nullItem();
        }
        return sessions.find(cookie.getValue()).onItemOrFailure().transformToUni((session, failure) -> {
            if (failure != null) {
                // the cookie is kept: the session may well be active, it just cannot be looked up now
                return DatabaseUnavailable.is(failure) ? unavailable(context, "a session look-up", failure) : Uni.createFrom().failure(failure);
            }
            if (session != null) {
                return Uni.createFrom().item(identity(session));
            }
            // a cookie of an ended session (or a forged one): the browser forgets it
            context.response().headers().add(HttpHeaders.SET_COOKIE, SessionCookie.clear(clients.isSecure(context.request())));
            return basic ? basic(context, identityProviderManager, authorization) : Uni.createFrom().nullItem();
        });
    }

    static SecurityIdentity identity(SessionStore.Live session) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.username()))
                .addRoles(session.roles())
                .addAttribute(SessionStore.SESSION_ATTRIBUTE, session.id())
                .build();
    }

    /** The request goes on anonymously, marked: where it needs a login, {@link #sendChallenge} answers 503. */
    private static Uni<SecurityIdentity> unavailable(RoutingContext context, String what, Throwable failure) {
        context.put(UNAVAILABLE, Boolean.TRUE);
        DatabaseUnavailable.log(what, failure);
        return Uni.createFrom().nullItem();
    }

    private Uni<SecurityIdentity> basic(RoutingContext context, IdentityProviderManager identities, String authorization) {
        return checkBasic(context, identities, authorization)
                .onFailure(DatabaseUnavailable::is).recoverWithUni(failure -> unavailable(context, "an HTTP Basic login", failure));
    }

    private Uni<SecurityIdentity> checkBasic(RoutingContext context, IdentityProviderManager identities, String authorization) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Malformed Basic credentials"));
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Malformed Basic credentials"));
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String address = clients.clientAddress(context.request());
        return blocking.executeBlocking(() -> throttle.check(username, address)).onItem().transformToUni(verdict -> {
            if (verdict.blocked()) {
                context.put(THROTTLED, verdict);
                return blocking.<SecurityIdentity>executeBlocking(() -> {
                    audit.record(username, "login.throttled", username, Map.of("method", "basic", "retryAfterSeconds", verdict.retryAfterSeconds()), address);
                    return null;
                }).onItem().failWith(ignored -> new AuthenticationFailedException("Too many failed logins"));
            }
            return identities.authenticate(new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray())))
                    .onFailure(f -> f instanceof AuthenticationFailedException && !DatabaseUnavailable.is(f)).recoverWithUni(failure -> blocking.<SecurityIdentity>executeBlocking(() -> {
                        throttle.failed(username, address);
                        audit.record(username, "login.failed", username, Map.of("method", "basic"), address);
                        return null;
                    }).onItem().failWith(ignored -> failure))
                    .onItem().transformToUni(identity -> verdict.userFailures() == 0 ? Uni.createFrom().item(identity)
                            : blocking.<SecurityIdentity>executeBlocking(() -> {
                                throttle.succeeded(username, address);
                                return identity;
                            }));
        });
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return Uni.createFrom().item(true);
        }
        LoginThrottle.Verdict throttled = context.get(THROTTLED);
        if (throttled != null) {
            response.setStatusCode(429);
            response.headers().set("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            json(response, 429, "Too many failed logins from this address; try again in " + throttled.retryAfterSeconds() + " s");
            return Uni.createFrom().item(true);
        }
        ChallengeData challenge = challenge(context);
        response.setStatusCode(challenge.status);
        challenge.getHeaders().forEach((name, value) -> response.headers().set(name, value));
        if (challenge.status == 401) {
            json(response, 401, "Authentication required: log in, or use HTTP Basic");
        } else if (challenge.status == 503) {
            json(response, 503, "Temporarily unavailable: the database cannot be reached to check the login; try again in "
                    + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s");
        } else {
            response.end();
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        LoginThrottle.Verdict throttled = context.get(THROTTLED);
        if (throttled != null) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", Long.toString(throttled.retryAfterSeconds())));
        }
        return Uni.createFrom().item(challenge(context));
    }

    private static ChallengeData challenge(RoutingContext context) {
        String path = context.normalizedPath();
        boolean api = path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/q/openapi");
        if (Boolean.TRUE.equals(context.get(UNAVAILABLE))) {
            return api ? new ChallengeData(503, "Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    : new ChallengeData(302, HttpHeaders.LOCATION, "/login.html?unavailable");
        }
        if (api) {
            boolean console = context.request().getHeader("X-Requested-With") != null;
            return console ? new ChallengeData(401) : new ChallengeData(401, "WWW-Authenticate", REALM);
        }
        return new ChallengeData(302, HttpHeaders.LOCATION, "/login.html");
    }

    private static void json(HttpServerResponse response, int status, String message) {
        String body = "{\"error\":\"" + message.replace("\"", "'") + "\",\"status\":" + status + "}";
        response.headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        response.end(body);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "basic"));
    }
}
