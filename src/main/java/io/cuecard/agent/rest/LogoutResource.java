package io.cuecard.agent.rest;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Ends the form-login session by expiring its cookie. */
@Path("/api/logout")
public class LogoutResource {

    @Inject
    RoutingContext routing;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @POST
    public void logout() {
        routing.response().addCookie(Cookie.cookie(cookieName, "").setPath("/").setMaxAge(0));
    }
}
