package io.cuecard.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which PostgreSQL Cuecard uses, decided before Quarkus starts ({@link CuecardMain}):
 * <ul>
 * <li>a configured {@code quarkus.datasource.jdbc.url} is used as it is; if nothing answers at its address Cuecard
 * does not start ({@link Unreachable}), it never falls back to another database;</li>
 * <li>nothing configured, something answers on {@code localhost:<default port>}: that server, database {@code cuecard}
 * ({@link Local}; role and database are created through the admin role by {@link DatabaseBootstrap});</li>
 * <li>nothing configured and nothing answers: an embedded PostgreSQL under Cuecard's data directory ({@link Embedded}).</li>
 * </ul>
 */
public sealed interface DatabaseChoice {

    /** The database Cuecard creates (or finds) when no URL is configured. */
    String DEFAULT_DATABASE = "cuecard";

    /** A configured URL whose server answers. */
    record Configured(String url) implements DatabaseChoice {
    }

    /** Nothing configured; the server on localhost's default port answers. */
    record Local(String url) implements DatabaseChoice {
    }

    /** Nothing configured and nothing answers on localhost's default port. */
    record Embedded(int probedPort) implements DatabaseChoice {
    }

    /** A configured URL whose server does not answer: a start-up error. */
    record Unreachable(String url, String reason) implements DatabaseChoice {
        public String message() {
            return "The configured database " + url + " does not answer (" + reason + "): start it, or correct quarkus.datasource.jdbc.url"
                    + " (QUARKUS_DATASOURCE_JDBC_URL), or unset it to let Cuecard use a PostgreSQL on localhost or its embedded one";
        }
    }

    /** Whether a TCP server accepts connections at a host and port. */
    @FunctionalInterface
    interface Probe {
        /** Empty when it answers, otherwise why not. */
        Optional<String> refusal(String host, int port);
    }

    static DatabaseChoice decide(Optional<String> configuredUrl, int defaultPort, Probe probe) {
        if (configuredUrl.isPresent() && !configuredUrl.get().isBlank()) {
            String url = configuredUrl.get().trim();
            List<InetSocketAddress> servers = servers(url);
            if (servers.isEmpty()) {
                return new Configured(url); // not a host:port URL (e.g. a socket factory): Quarkus reports it if it fails
            }
            String reason = null;
            for (InetSocketAddress server : servers) {
                Optional<String> refusal = probe.refusal(server.getHostString(), server.getPort());
                if (refusal.isEmpty()) {
                    return new Configured(url);
                }
                reason = server.getHostString() + ":" + server.getPort() + " " + refusal.get();
            }
            return new Unreachable(url, reason);
        }
        if (probe.refusal("localhost", defaultPort).isEmpty()) {
            return new Local("jdbc:postgresql://localhost:" + defaultPort + "/" + DEFAULT_DATABASE);
        }
        return new Embedded(defaultPort);
    }

    /**
     * The servers of a PostgreSQL JDBC URL ({@code jdbc:postgresql://host1:port1,host2/db?...}); empty when it names
     * none (e.g. {@code jdbc:postgresql:db}, which means localhost:5432, is returned as that).
     */
    static List<InetSocketAddress> servers(String jdbcUrl) {
        String prefix = "jdbc:postgresql:";
        if (!jdbcUrl.startsWith(prefix)) {
            return List.of();
        }
        String rest = jdbcUrl.substring(prefix.length());
        if (!rest.startsWith("//")) {
            return List.of(InetSocketAddress.createUnresolved("localhost", 5432));
        }
        rest = rest.substring(2);
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String hostPort : rest.substring(0, end).split(",")) {
            if (hostPort.isBlank()) {
                servers.add(InetSocketAddress.createUnresolved("localhost", 5432));
                continue;
            }
            try {
                URI uri = URI.create("postgresql://" + hostPort);
                String host = uri.getHost() == null ? "localhost" : uri.getHost();
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                servers.add(InetSocketAddress.createUnresolved(host, uri.getPort() < 0 ? 5432 : uri.getPort()));
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        return servers;
    }

    /** Probes with a TCP connect (no PostgreSQL handshake) within the time-out. */
    static Probe tcp(int timeoutMillis) {
        return (host, port) -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
                return Optional.empty();
            } catch (java.net.UnknownHostException e) {
                return Optional.of("unknown host");
            } catch (IOException e) {
                String message = e.getMessage();
                return Optional.of(message == null ? e.getClass().getSimpleName() : message.toLowerCase(java.util.Locale.ROOT));
            }
        };
    }
}
