package io.cuecard.pbx;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.jboss.logmanager.LogContext;

/**
 * The benchmark's yardstick: asterisk-java with a listener that does nothing, in its own JVM. Its connection is made as
 * Cuecard makes its own ({@link AmiLink#connection}: {@link ReaderHardenedConnection}, with asterisk-java's bridge
 * back-compatibility layer off, the same socket timeouts), with the same keep-alive Ping ({@link AmiLink#startPing}),
 * logged in with the same event mask, and asterisk-java's log categories at the levels Cuecard's
 * {@code application.properties} sets. It counts the PBX events delivered to its listener by Cuecard's own rule
 * ({@link AmiLink#fromPbx}: no replies to its actions, no pseudo or synthesised legacy events). It lives in the
 * {@code pbx} package, beside that rule, but shares nothing else with Cuecard. The benchmark talks to it on
 * stdin/stdout: {@code count} prints {@code raw: events=<n> disconnects=<n>}, {@code quit} ends it.
 *
 * <p>Usage: {@code RawAmiListener <host> <port> <username> <secret> <event mask> <ping interval ms>}
 */
public final class RawAmiListener {

    private static final Pattern LOG_LEVEL = Pattern.compile("quarkus\\.log\\.category\\.\"([^\"]+)\"\\.level");

    private RawAmiListener() {
    }

    public static void main(String[] args) throws Exception {
        logLevelsAsCuecard();
        AtomicLong events = new AtomicLong();
        AtomicLong disconnects = new AtomicLong();
        Duration ping = Duration.ofMillis(Long.parseLong(args[5]));
        ReaderHardenedConnection connection = AmiLink.connection(new AmiEndpoint.Target(args[0], Integer.parseInt(args[1]), args[2], args[3]),
                ping);
        connection.addEventListener(event -> {
            if (event instanceof DisconnectEvent) {
                disconnects.incrementAndGet();
            } else if (AmiLink.fromPbx(event)) {
                events.incrementAndGet();
            }
        });
        connection.login(args[4]);
        PingThread pinger = AmiLink.startPing(connection, ping);
        System.out.println("raw: ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("count")) {
                System.out.println("raw: events=" + events.get() + " disconnects=" + disconnects.get());
                System.out.flush();
            } else if (line.equals("quit")) {
                break;
            }
        }
        pinger.die();
        connection.logoff();
        System.exit(0);
    }

    /**
     * The levels of Cuecard's {@code application.properties} ({@code quarkus.log.category."…".level}, without a profile)
     * on this JVM's log manager, which asterisk-java logs into through slf4j as in Cuecard: e.g. its per-header
     * conversion errors are off in both.
     */
    private static void logLevelsAsCuecard() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = RawAmiListener.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            Matcher m = LOG_LEVEL.matcher(key);
            if (m.matches()) {
                String level = properties.getProperty(key).trim();
                LogContext.getSystemLogContext().getLogger(m.group(1)).setLevel(level.equals("OFF") ? Level.OFF
                        : org.jboss.logmanager.Level.parse(level));
            }
        }
    }
}
