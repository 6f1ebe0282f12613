package io.cuecard.agent.auth;

import io.cuecard.platform.ClientRequests;
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
 */
@ApplicationScoped
public class CuecardAuthMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Basic realm=\"Cuecard\"";
    /** Routing-context key: the Basic attempt was throttled (a {@link LoginThrottle.Verdict}). */
    static final String THROTTLED = "cuecard.throttled";

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
        return sessions.find(cookie.getValue()).onItem().transformToUni(session -> {
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

    private Uni<SecurityIdentity> basic(RoutingContext context, IdentityProviderManager identities, String authorization) {
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
                    .onFailure(AuthenticationFailedException.class).recoverWithUni(failure -> blocking.<SecurityIdentity>executeBlocking(() -> {
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
        if (path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/q/openapi")) {
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
