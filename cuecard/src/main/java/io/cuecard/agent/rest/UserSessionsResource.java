package io.cuecard.agent.rest;

import io.cuecard.agent.User;
import io.cuecard.agent.auth.SessionStore;
import io.cuecard.agent.auth.SessionStore.SessionView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Admins see a user's active sessions and end them all ({@code DELETE /api/sessions/{id}} ends one). */
@Path("/api/users/{username}/sessions")
@RolesAllowed("admin")
public class UserSessionsResource {

    /** How many sessions an admin ended. */
    public record Ended(@Schema(required = true) int ended) {
    }

    @Inject
    SessionStore sessions;

    @GET
    public List<SessionView> list(@PathParam("username") String username) {
        List<SessionView> active = sessions.activeOf(username);
        if (active.isEmpty() && !exists(username)) {
            throw new NotFoundException("No user '" + username + "'");
        }
        return active;
    }

    /** Ends every session of the user; their consoles (HTTP Basic ones too) close. Answers {@code {"ended": n}}. */
    @DELETE
    public Ended endAll(@PathParam("username") String username) {
        if (!exists(username)) {
            throw new NotFoundException("No user '" + username + "'");
        }
        return new Ended(sessions.revokeAll(username, "all-ended-by-admin", null, true).size());
    }

    private static boolean exists(String username) {
        return QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).isPresent());
    }
}
