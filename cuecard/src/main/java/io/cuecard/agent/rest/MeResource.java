package io.cuecard.agent.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cuecard.agent.Agent;
import io.cuecard.agent.AgentRequest;
import io.cuecard.agent.AgentService;
import io.cuecard.agent.User;
import io.cuecard.agent.auth.Logins;
import io.cuecard.agent.auth.SessionCookie;
import io.cuecard.agent.auth.SessionStore;
import io.cuecard.platform.ClientRequests;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The logged-in user: who they are, their console language, their password. */
@Path("/api/me")
@Authenticated
public class MeResource {

    /** What the console shows in its header. */
    public record Me(@Schema(required = true) String username, @Schema(required = true) String displayName, String employeeNo,
                     @Schema(required = true) List<String> roles, @Schema(enumeration = {"zh-CN", "en"}) String language) {
    }

    public record LanguageChange(String language) {
    }

    /** {@code {"current": "...", "new": "..."}}. */
    public record PasswordChange(String current, @JsonProperty("new") String newPassword) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    Logins logins;

    @Inject
    AgentService agents;

    @Inject
    SessionStore sessions;

    @Inject
    ClientRequests clients;

    @Inject
    RoutingContext routing;

    @GET
    @Transactional
    public Me me() {
        User user = User.findByUsername(identity.getPrincipal().getName()).orElseThrow();
        Agent agent = Agent.findById(user.username);
        return new Me(user.username, user.displayName, agent == null ? null : agent.employeeNo, user.roleList(), user.language);
    }

    @PUT
    @Path("language")
    @Transactional
    public void language(LanguageChange change) {
        if (change == null || change.language() == null || !List.of("zh-CN", "en").contains(change.language())) {
            throw new BadRequestException("language must be zh-CN or en");
        }
        User.findByUsername(identity.getPrincipal().getName()).orElseThrow().language = change.language();
    }

    /**
     * Changes the user's own password. The current one is checked (throttled like a login; a wrong one is 400, so a
     * console does not take it for a lost session). Every other session of the user ends and its consoles close; the
     * current session goes on under a fresh cookie.
     */
    @PUT
    @Path("password")
    public Response password(PasswordChange change) {
        if (change == null || change.current() == null || change.newPassword() == null) {
            throw new BadRequestException("A JSON body {\"current\": ..., \"new\": ...} is required");
        }
        AgentRequest.checkPassword("new", change.newPassword());
        if (change.newPassword().equals(change.current())) {
            return fieldError("new", "The new password must differ from the current one");
        }
        String username = identity.getPrincipal().getName();
        HttpServerRequest request = routing.request();
        String address = clients.clientAddress(request);
        Logins.Check check = logins.checkPassword(username, change.current(), address);
        if (check.throttled()) {
            return LoginResource.throttled(new Logins.Throttled(check.retryAfterSeconds()));
        }
        if (!check.right()) {
            return fieldError("current", "The current password is wrong");
        }
        agents.changeOwnPassword(username, change.newPassword());
        String session = identity.getAttribute(SessionStore.SESSION_ATTRIBUTE);
        if (session == null) {
            sessions.revokeAll(username, "password-changed", null, true);
            return Response.noContent().build();
        }
        SessionStore.Created fresh = sessions.renew(session, address, request.getHeader("User-Agent"));
        sessions.revokeAll(username, "password-changed", fresh.id(), true);
        return Response.noContent().header("Set-Cookie", SessionCookie.set(fresh.cookieValue(), clients.isSecure(request))).build();
    }

    private static Response fieldError(String field, String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message, "status", 400, "fields", List.of(Map.of("field", field, "message", message)))).build();
    }
}
