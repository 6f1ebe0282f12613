package io.cuecard.agent.rest;

import io.cuecard.agent.auth.Logins;
import io.cuecard.agent.auth.SessionCookie;
import io.cuecard.platform.ClientRequests;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Logging in. The login page posts its form to {@code POST /j_security_check} ({@code j_username},
 * {@code j_password}): on success 302 to {@code /} with the session cookie, on a wrong password 302 to
 * {@code /login.html?error}, when throttled 302 to {@code /login.html?throttled=<seconds>} with {@code Retry-After}
 * for a browser (it asked for HTML), else 429 with {@code Retry-After}; while the database cannot be reached 302 to
 * {@code /login.html?unavailable} for a browser, else 503 with {@code Retry-After}. {@code POST /api/login} takes the
 * same fields as JSON and answers 200 with who logged in, 401, 429 or 503, in JSON.
 */
@Path("/j_security_check")
public class LoginResource {

    @Inject
    Logins logins;

    @Inject
    ClientRequests clients;

    @Inject
    RoutingContext routing;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(@FormParam("j_username") String username, @FormParam("j_password") String password) {
        HttpServerRequest request = routing.request();
        Logins.Outcome outcome = logins.login(username, password, clients.clientAddress(request), request.getHeader("User-Agent"), "form");
        if (outcome instanceof Logins.LoggedIn in) {
            return redirect("/").header("Set-Cookie", SessionCookie.set(in.session().cookieValue(), clients.isSecure(request))).build();
        }
        if (outcome instanceof Logins.Throttled t) {
            if (wantsHtml(request)) {
                return redirect("/login.html?throttled=" + t.retryAfterSeconds()).header("Retry-After", t.retryAfterSeconds()).build();
            }
            return throttled(t);
        }
        if (outcome instanceof Logins.Unavailable u) {
            if (wantsHtml(request)) {
                return redirect("/login.html?unavailable").header("Retry-After", u.retryAfterSeconds()).build();
            }
            return unavailable(u);
        }
        return redirect("/login.html?error").build();
    }

    private static boolean wantsHtml(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static Response.ResponseBuilder redirect(String location) {
        // relative, so it stays right behind a proxy
        return Response.status(302).header("Location", location).header("Cache-Control", "no-store");
    }

    static Response throttled(Logins.Throttled t) {
        return Response.status(429).type(MediaType.APPLICATION_JSON).header("Retry-After", t.retryAfterSeconds())
                .entity(Map.of("error", "Too many failed logins from this address; try again in " + t.retryAfterSeconds() + " s",
                        "status", 429, "retryAfterSeconds", t.retryAfterSeconds()))
                .build();
    }

    static Response unavailable(Logins.Unavailable u) {
        return Response.status(503).type(MediaType.APPLICATION_JSON).header("Retry-After", u.retryAfterSeconds())
                .entity(Map.of("error", "Logging in is temporarily unavailable: the database cannot be reached; try again in "
                        + u.retryAfterSeconds() + " s", "status", 503))
                .build();
    }
}
