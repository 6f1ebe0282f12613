package io.cuecard.platform;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every answer: pages, API, and the errors (401, 403, 404, 500 …) answered on the way. They are
 * set as the request comes in, before any handler can answer, and every later handler only adds to them.
 * <ul>
 * <li>Cuecard's own pages get a Content-Security-Policy without inline script or style ({@code connect-src 'self'}
 * also allows the same-origin WebSocket);</li>
 * <li>the Swagger UI ({@value #SWAGGER_UI}) gets its own policy that lets its inline start-up script run;</li>
 * <li>the API gets {@code default-src 'none'} (it serves no page) and {@code Cache-Control: no-store};</li>
 * <li>every answer: {@code frame-ancestors 'none'} (and {@code X-Frame-Options: DENY} for old browsers),
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin}.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String SWAGGER_UI = "/q/swagger-ui";

    /** Cuecard's pages: scripts and styles only from its own files, no inline code. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The Swagger UI: its page starts itself with an inline script and styles elements inline. */
    static final String SWAGGER_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Answers that are data, never a page. */
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::add);
    }

    void add(RoutingContext rc) {
        String path = rc.normalizedPath();
        MultiMap headers = rc.response().headers();
        boolean api = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws/");
        String policy = api ? API_POLICY : path.equals(SWAGGER_UI) || path.startsWith(SWAGGER_UI + "/") ? SWAGGER_POLICY : PAGE_POLICY;
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        if (api) {
            headers.set("Cache-Control", "no-store");
        }
        rc.next();
    }
}
