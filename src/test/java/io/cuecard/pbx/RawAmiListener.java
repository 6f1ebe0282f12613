package io.cuecard.pbx;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.DisconnectEvent;

/**
 * The benchmark's yardstick: asterisk-java 3.42.2 with a listener that does nothing, in its own JVM. It logs in with
 * the same event mask as Cuecard and counts the PBX events delivered to its listener by Cuecard's own rule
 * ({@link AmiLink#fromPbx}: no replies to its actions, no pseudo or synthesised legacy events). It lives in the
 * {@code pbx} package, beside that rule, but shares nothing else with Cuecard. The benchmark talks to it on stdin/stdout: {@code count} prints
 * {@code raw: events=<n> disconnects=<n>}, {@code quit} ends it.
 *
 * <p>Usage: {@code RawAmiListener <host> <port> <username> <secret>}
 */
public final class RawAmiListener {

    private RawAmiListener() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong events = new AtomicLong();
        AtomicLong disconnects = new AtomicLong();
        ManagerConnection connection = new ManagerConnectionFactory(args[0], Integer.parseInt(args[1]), args[2], args[3])
                .createManagerConnection();
        connection.addEventListener(event -> {
            if (event instanceof DisconnectEvent) {
                disconnects.incrementAndGet();
            } else if (AmiLink.fromPbx(event)) {
                events.incrementAndGet();
            }
        });
        connection.login("call,agent,dialplan,system");
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
        connection.logoff();
        System.exit(0);
    }
}
