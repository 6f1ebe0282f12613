package io.cuecard.agent.rest;

import io.cuecard.agent.auth.Logins;
import io.cuecard.agent.auth.SessionCookie;
import io.cuecard.platform.ClientRequests;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/login}: the login form's fields as JSON; 200 with who logged in (and the cookie), 401, 429, or 503
 * while the database cannot be reached.
 */
@Path("/api/login")
public class ApiLoginResource {

    public record Credentials(String j_username, String j_password) {
    }

    public record LoggedIn(String username, List<String> roles) {
    }

    @Inject
    Logins logins;

    @Inject
    ClientRequests clients;

    @Inject
    RoutingContext routing;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(Credentials credentials) {
        if (credentials == null) {
            throw new BadRequestException("A JSON body {\"j_username\": ..., \"j_password\": ...} is required");
        }
        HttpServerRequest request = routing.request();
        Logins.Outcome outcome = logins.login(credentials.j_username(), credentials.j_password(), clients.clientAddress(request),
                request.getHeader("User-Agent"), "json");
        if (outcome instanceof Logins.LoggedIn in) {
            Set<String> roles = in.session().roles();
            return Response.ok(new LoggedIn(in.session().username(), roles.stream().sorted().toList()))
                    .header("Set-Cookie", SessionCookie.set(in.session().cookieValue(), clients.isSecure(request))).build();
        }
        if (outcome instanceof Logins.Throttled t) {
            return LoginResource.throttled(t);
        }
        if (outcome instanceof Logins.Unavailable u) {
            return LoginResource.unavailable(u);
        }
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "Wrong user name or password", "status", 401)).build();
    }

}
