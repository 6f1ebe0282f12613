package io.cuecard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.console.ConsoleClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slow clients cannot pile up connections. With this class's short timeouts (head 1.5 s, idle 6 s, console ping
 * every 1 s; the defaults are 10 s, 60 s and 20 s): 200 connections trickling their headers a byte at a time are all
 * closed by the server once the head deadline passes, while normal requests are answered; a keep-alive connection
 * between requests is left to the idle timeout; a quiet console stays open well past the idle timeout.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortTimeouts.class)
class SlowClientsTest {

    static final long HEAD_MS = 1500;
    static final long IDLE_MS = 6000;

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cuecard.http.header-timeout", HEAD_MS + "ms",
                    "quarkus.http.idle-timeout", IDLE_MS + "ms",
                    "quarkus.websockets-next.server.auto-ping-interval", "1s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Inject
    SlowClients slowClients;

    @Test
    void twoHundredSlowConnectionsAreClosedWithinTheHeadDeadline() throws Exception {
        long closedBefore = slowClients.closedConnections();
        int count = 200;
        byte[] head = ("GET /q/health HTTP/1.1\r\nHost: " + base.getHost() + "\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> sockets = new ArrayList<>();
        long[] opened = new long[count];
        long[] closedAt = new long[count];
        int[] sent = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel socket = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
                socket.configureBlocking(false);
                sockets.add(socket);
                opened[i] = System.nanoTime();
            }
            ByteBuffer sink = ByteBuffer.allocate(1024);
            long deadline = System.nanoTime() + (HEAD_MS + 6000) * 1_000_000L;
            int open = count;
            boolean normalRequestAnswered = false;
            while (open > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < count; i++) {
                    if (closedAt[i] != 0) {
                        continue;
                    }
                    SocketChannel socket = sockets.get(i);
                    boolean closed;
                    try {
                        sink.clear();
                        closed = socket.read(sink) < 0;       // the server closed it
                        if (!closed && sent[i] < head.length - 4) { // never the blank line that ends the head
                            socket.write(ByteBuffer.wrap(head, sent[i], 1));
                            sent[i]++;
                        }
                    } catch (IOException reset) {
                        closed = true;
                    }
                    if (closed) {
                        closedAt[i] = System.nanoTime();
                        open--;
                    }
                }
                if (!normalRequestAnswered) {
                    normalRequestAnswered = get("/q/health").startsWith("HTTP/1.1 200");
                }
                Thread.sleep(100);   // one byte per connection every 100 ms: never idle
            }
            assertThat(normalRequestAnswered).as("a normal request answered meanwhile").isTrue();
            assertThat(open).as("slow connections still open after %d ms", HEAD_MS + 6000).isZero();
            for (int i = 0; i < count; i++) {
                long ms = (closedAt[i] - opened[i]) / 1_000_000;
                assertThat(ms).as("connection %d closed after (ms)", i).isBetween(HEAD_MS - 100, HEAD_MS + 2500);
                // it kept sending while the deadline ran (one byte per round; a round takes 100 ms on a quiet machine,
                // several times that on a loaded one, so only "more than one byte" is certain)
                assertThat(sent[i]).as("bytes trickled by connection %d", i).isGreaterThan(1);
            }
            assertThat(slowClients.closedConnections() - closedBefore).isGreaterThanOrEqualTo(count);
            assertThat(slowClients.hookedServerChannels()).as("listening channels with the deadline").isPositive();
            assertThat(get("/q/health")).startsWith("HTTP/1.1 200");
        } finally {
            for (SocketChannel socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aKeepAliveConnectionBetweenRequestsIsLeftToTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String request = "GET /q/health HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            Thread.sleep(HEAD_MS + 1000);                    // quiet for longer than the head deadline
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            long quiet = System.nanoTime();
            assertThat(in.read()).as("closed by the idle timeout").isEqualTo(-1);
            long ms = (System.nanoTime() - quiet) / 1_000_000;
            assertThat(ms).as("idle close after (ms)").isBetween(IDLE_MS - 500, IDLE_MS + 3000);
        }
    }

    @Test
    void afterAnAnswerTheNextHeadHasItsOwnDeadline() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("agent1:agent1".getBytes(StandardCharsets.UTF_8));
        // answered by the REST layer, by static resources, by the security layer (401): each ends the request
        for (String first : new String[] {"/api/me", "/login.html", "/api/calls?page=x", "/api/nothing-here"}) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(("GET " + first + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: " + basic + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponse(in)).as(first).startsWith("HTTP/1.1 ");
                Thread.sleep(300);
                long started = System.nanoTime();
                byte[] next = ("GET /q/health HTTP/1.1\r\nHost: " + base.getHost() + "\r\nX-Slow: " + "b".repeat(100))
                        .getBytes(StandardCharsets.US_ASCII);
                socket.setSoTimeout(100);
                boolean closed = false;
                for (int i = 0; i < next.length && !closed; i++) {
                    try {
                        out.write(next[i]);
                        closed = in.read() < 0;
                    } catch (java.net.SocketTimeoutException quiet) {
                        // nothing from the server yet: trickle on
                    } catch (IOException reset) {
                        closed = true;
                    }
                }
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertThat(closed).as("trickled second head after %s closed", first).isTrue();
                assertThat(ms).as("second head after %s closed after (ms)", first).isBetween(HEAD_MS - 100, HEAD_MS + 1500);
            }
        }
    }

    @Test
    void aQuietConsoleStaysOpenPastTheIdleTimeout() throws Exception {
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "agent2", "agent2")) {
            assertThat(console.next()).contains("\"type\":\"snapshot\"");
            Thread.sleep(IDLE_MS + 3000);                    // nothing sent either way, but the server's pings
            console.send("{\"type\":\"no-such-message\"}");
            console.await("error", "no-such-message");
        }
    }

    /** One request on a fresh connection; the status line and headers of the answer. */
    private String get(String path) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readResponse(socket.getInputStream());
        }
    }

    /** Reads one response with a Content-Length body; returns its head. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                int length = 0;
                boolean chunked = false;
                for (String line : text.split("\r\n")) {
                    String lower = line.toLowerCase();
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                    chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                }
                if (chunked) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    while (!body.toString(StandardCharsets.US_ASCII).endsWith("\r\n0\r\n\r\n")
                            && !body.toString(StandardCharsets.US_ASCII).equals("0\r\n\r\n") && (b = in.read()) >= 0) {
                        body.write(b);
                    }
                } else {
                    in.readNBytes(length);
                }
                return text;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
