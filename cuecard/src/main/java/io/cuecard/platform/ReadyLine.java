package io.cuecard.platform;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The last line of start-up, once HTTP listens: where to open the console and, in {@code simulator}/{@code replay} mode,
 * which demo users exist (never their passwords).
 */
@ApplicationScoped
public class ReadyLine {

    private static final Logger LOG = Logger.getLogger(ReadyLine.class);

    @ConfigProperty(name = "cuecard.pbx.mode", defaultValue = "simulator")
    String mode;

    private final AtomicBoolean said = new AtomicBoolean();

    void onListening(@ObservesAsync HttpServerStart start) {
        if (said.compareAndSet(false, true)) {
            int port = start.options().getPort();
            if (port <= 0) {
                // a random port (tests): Quarkus publishes the one it bound as a system property
                port = Integer.getInteger("quarkus.http.test-port", Integer.getInteger("quarkus.http.port", port));
            }
            LOG.info(line(mode, start.options().getHost(), port));
        }
    }

    static String line(String mode, String host, int port) {
        boolean everyAddress = host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String open = "Cuecard is ready: open http://" + (everyAddress ? "localhost" : host.contains(":") ? "[" + host + "]" : host)
                + ":" + port + "/" + (everyAddress ? " (listening on every address)" : "");
        if ("asterisk".equalsIgnoreCase(mode)) {
            return open + " and log in as admin";
        }
        return open + "; demo users agent1, agent2, supervisor, admin; password = user name, see README";
    }
}
