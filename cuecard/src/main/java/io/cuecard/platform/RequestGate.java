package io.cuecard.platform;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a request must look like before anything else (authentication included) sees it:
 * <ul>
 * <li>a WebSocket upgrade whose {@code Origin} is neither Cuecard's own origin nor in {@code cuecard.http.allowed-origins}
 * is refused (403): a page elsewhere, even on another port of the same host, must not open a console with the
 * user's cookie. An upgrade without {@code Origin} (not a browser: tests, the benchmark, scripts) passes;</li>
 * <li>a state-changing request (POST, PUT, PATCH, DELETE) with a foreign {@code Origin} is refused (403), whatever
 * authenticates it; one authenticated by the session cookie must prove it comes from Cuecard's own pages with its
 * {@code Origin} or, when a browser left that out, its {@code Referer}. HTTP Basic clients send neither and pass;</li>
 * <li>a body sent to the JSON/YAML API ({@code /api/*}) as {@code text/plain}, {@code application/x-www-form-urlencoded}
 * or {@code multipart/form-data} (the types a page elsewhere can send without asking: a "simple" request), or with
 * no type at all, is refused with 415. Only these are listed, so raw uploads (text/csv, XLSX) stay possible;</li>
 * <li>a URL of the API with a NUL byte in it is refused with 400 (PostgreSQL cannot store or compare one).</li>
 * </ul>
 * Every refusal is JSON: {@code {"error": …, "status": …, "detail": …}}.
 */
@ApplicationScoped
public class RequestGate {

    private static final Logger LOG = Logger.getLogger(RequestGate.class);

    /** After Quarkus' first handlers (access log, body), before CORS (-300) and authentication (-200). */
    static final int ORDER = -10_000;

    /**
     * The cookie that authenticates a browser: the database session's ({@code agent.auth.SessionCookie}; the
     * platform names it here, as it knows no domain package). {@link #cookieAuthenticated} is the one place that decides.
     */
    static final Set<String> SESSION_COOKIES = Set.of("cuecard-session");

    /** Body types a page on another origin may send without a CORS preflight, refused by the JSON/YAML API. */
    static final Set<String> REFUSED_BODY_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");

    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final ClientRequests clients;
    private final List<String> allowedOrigins;

    public RequestGate(ClientRequests clients,
                       @ConfigProperty(name = "cuecard.http.allowed-origins") Optional<List<String>> allowedOrigins) {
        this.clients = clients;
        List<String> normalized = new ArrayList<>();
        for (String origin : allowedOrigins.orElse(List.of())) {
            if (!origin.isBlank()) {
                String o = normalizeOrigin(origin.trim());
                if (o == null) {
                    throw new IllegalArgumentException("cuecard.http.allowed-origins: '" + origin + "' is not an origin such as https://console.example.com");
                }
                normalized.add(o);
            }
        }
        this.allowedOrigins = List.copyOf(normalized);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        boolean api = path.startsWith("/api/");
        if (api && hasNul(request.uri())) {
            refuse(rc, 400, "Invalid request", "a NUL byte (%00) in the URL is not allowed");
            return;
        }
        if (isWebSocketUpgrade(request)) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin != null && !allowed(origin, request)) {
                LOG.debugf("WebSocket upgrade of %s from origin %s refused", path, origin);
                refuse(rc, 403, "cross-origin request refused",
                        "the console's WebSocket opens only from Cuecard's own pages (Origin " + printable(origin) + ")");
                return;
            }
        } else if (STATE_CHANGING.contains(request.method())) {
            String refusal = crossOrigin(request);
            if (refusal != null) {
                LOG.debugf("%s %s refused: %s", request.method(), path, refusal);
                refuse(rc, 403, "cross-origin request refused", refusal);
                return;
            }
            if (api) {
                String refusedType = refusedBodyType(request);
                if (refusedType != null) {
                    refuse(rc, 415, "Unsupported Media Type",
                            refusedType + " is not accepted here: send JSON (application/json) or, where the API says so, YAML (application/yaml)");
                    return;
                }
            }
        }
        rc.next();
    }

    /**
     * Whether the session cookie, not HTTP Basic, authenticates this request: a session cookie and no
     * {@code Authorization} header. (A browser adds no Authorization header to a request a foreign page makes, except
     * Basic credentials it remembers: those requests carry a foreign Origin and are refused for it.)
     */
    public static boolean cookieAuthenticated(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        for (String name : SESSION_COOKIES) {
            if (request.getCookie(name) != null) {
                return true;
            }
        }
        return false;
    }

    /** Why a state-changing request is refused as cross-origin, or null when it is not. */
    String crossOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            return allowed(origin, request) ? null : "Origin " + printable(origin) + " is not this site";
        }
        if (!cookieAuthenticated(request)) {
            return null;
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return "a request authenticated by the session cookie needs an Origin or Referer header of this site";
        }
        String refererOrigin = originOf(referer);
        return refererOrigin != null && allowedNormalized(refererOrigin, request)
                ? null : "Referer " + printable(referer) + " is not this site";
    }

    boolean allowed(String origin, HttpServerRequest request) {
        String normalized = normalizeOrigin(origin);
        return normalized != null && allowedNormalized(normalized, request);
    }

    private boolean allowedNormalized(String origin, HttpServerRequest request) {
        return origin.equals(clients.ownOrigin(request)) || allowedOrigins.contains(origin);
    }

    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return request.method() == HttpMethod.GET && upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** The refused media type of the request's body, or null; a body without a type is refused as well. */
    static String refusedBodyType(HttpServerRequest request) {
        if (!hasBody(request)) {
            return null; // e.g. POST /api/logout: whatever type a client names, there is nothing to read
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return "A body without Content-Type";
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return REFUSED_BODY_TYPES.contains(type) ? type : null;
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    static boolean hasNul(String uri) {
        return uri != null && (uri.indexOf('\0') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%00"));
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or null when it is not an http(s) origin. */
    static String normalizeOrigin(String origin) {
        String o = origin.trim();
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        return originOf(o);
    }

    /** The origin of an absolute http(s) URL, normalized, or null. */
    static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A header value as it may appear in an answer or a log line: no control characters, at most 200 characters. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }

    static void refuse(RoutingContext rc, int status, String error, String detail) {
        String body = new JsonObject().put("error", error).put("status", status).put("detail", detail).encode();
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body);
    }
}
