package io.cuecard.agent.rest;

import io.cuecard.agent.auth.SessionStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code DELETE /api/sessions/{id}}: an admin ends one session (ids from {@code GET /api/users/{username}/sessions}). */
@Path("/api/sessions/{id}")
@RolesAllowed("admin")
public class SessionResource {

    @Inject
    SessionStore sessions;

    @DELETE
    public Response end(@PathParam("id") String id) {
        if (id.length() != 64 || !sessions.revoke(id, "ended-by-admin")) {
            throw new NotFoundException("No active session " + id);
        }
        return Response.noContent().build();
    }
}
