package io.cuecard.testsupport;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: records the requests to one path prefix (method, path, Origin, cookie names, answer status) while
 * {@link #start} is on, so a browser test can see that a foreign page's requests did arrive, with the victim's cookie,
 * and how they were answered.
 */
@ApplicationScoped
public class RequestRecorder {

    public record Seen(String method, String path, String origin, String cookie, int status) {
    }

    private static volatile String prefix;
    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    public static void start(String pathPrefix) {
        SEEN.clear();
        prefix = pathPrefix;
    }

    public static List<Seen> stop() {
        prefix = null;
        return List.copyOf(SEEN);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String p = prefix;
            if (p != null && rc.normalizedPath().startsWith(p)) {
                String method = rc.request().method().name();
                String path = rc.normalizedPath();
                String origin = rc.request().getHeader("Origin");
                String cookie = rc.request().getHeader("Cookie");
                rc.addEndHandler(ignored -> SEEN.add(new Seen(method, path, origin, cookie, rc.response().getStatusCode())));
            }
            rc.next();
        });
    }
}
