package io.cuecard.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Form login answers an unauthenticated request with a redirect to the login page, which suits the browser but not
 * an API client. For {@code /api/*} and {@code /ws/*} that redirect becomes {@code 401} with a Basic challenge.
 */
@ApplicationScoped
public class ApiChallenge {

    /** First route of all, ahead of the security handlers, so it sees the redirect they answer with. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String path = rc.normalizedPath();
            if (path.startsWith("/api/") || path.startsWith("/ws/")) {
                rc.response().headersEndHandler(ignored -> {
                    var response = rc.response();
                    String location = response.headers().get(HttpHeaders.LOCATION);
                    if (response.getStatusCode() == 302 && location != null && location.contains("/login.html")) {
                        response.setStatusCode(401);
                        response.headers().remove(HttpHeaders.LOCATION);
                        response.headers().set("WWW-Authenticate", "Basic realm=\"Cuecard\"");
                    }
                });
            }
            rc.next();
        });
    }
}
