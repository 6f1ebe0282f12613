package io.cuecard.agent.rest;

import io.cuecard.agent.auth.SessionCookie;
import io.cuecard.agent.auth.SessionStore;
import io.cuecard.platform.ClientRequests;
import io.cuecard.platform.DatabaseUnavailable;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Ends the current session: its row is revoked (the cookie no longer works anywhere) and its consoles close. While the
 * database cannot be reached the session ends on this instance at once and its row is revoked when the database
 * answers again ({@link SessionStore#revokeWhenReachable}); the answer is the same 204 that clears the cookie.
 */
@Path("/api/logout")
public class LogoutResource {

    @Inject
    RoutingContext routing;

    @Inject
    SecurityIdentity identity;

    @Inject
    SessionStore sessions;

    @Inject
    ClientRequests clients;

    @POST
    public Response logout() {
        String session = identity.getAttribute(SessionStore.SESSION_ATTRIBUTE);
        if (session != null) {
            try {
                sessions.revoke(session, "logout");
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.is(e)) {
                    throw e;
                }
                // a logout must not fail because the database is down: the session ends here now, in the database later
                sessions.revokeWhenReachable(session, "logout");
            }
        }
        return Response.noContent().header("Set-Cookie", SessionCookie.clear(clients.isSecure(routing.request()))).build();
    }
}
