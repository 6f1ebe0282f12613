package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A minimal AMI client over a plain socket that records every packet exactly as received (tests only). */
final class RawAmiClient implements AutoCloseable {

    final Socket socket;
    final String banner;
    private final InputStream in;
    private final OutputStream out;
    final List<AmiPacket> received = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    volatile boolean eof;

    RawAmiClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        banner = readLine();
        Thread reader = new Thread(this::readLoop, "raw-ami-client");
        reader.setDaemon(true);
        reader.start();
    }

    static RawAmiClient loggedIn(int port, String events) throws IOException {
        RawAmiClient client = new RawAmiClient(port);
        client.send("Action", "Challenge", "ActionID", "c-1", "AuthType", "MD5");
        String challenge = client.awaitResponse("c-1").get("Challenge");
        client.send("Action", "Login", "ActionID", "l-1", "AuthType", "MD5", "Username", "cuecard",
                "Key", AmiSession.md5Hex(challenge + "cuecard"), "Events", events);
        if (!"Success".equals(client.awaitResponse("l-1").get("Response"))) {
            throw new IOException("login failed");
        }
        return client;
    }

    void send(String... keyValues) throws IOException {
        sendRaw(AmiPacket.of(keyValues).toWire());
    }

    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    AmiPacket awaitResponse(String actionId) {
        return await(p -> p.isResponse() && actionId.equals(p.get("ActionID")), Duration.ofSeconds(5));
    }

    AmiPacket await(Predicate<AmiPacket> what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (AmiPacket p : received) {
                if (what.test(p)) {
                    return p;
                }
            }
            sleep();
        }
        throw new AssertionError("no matching packet within " + timeout + "; received " + received.size() + " packets");
    }

    /** Events received so far, in order. */
    List<AmiPacket> events() {
        List<AmiPacket> events = new ArrayList<>();
        for (AmiPacket p : received) {
            if (p.isEvent()) {
                events.add(p);
            }
        }
        return events;
    }

    void awaitEof(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof && System.nanoTime() < deadline) {
            sleep();
        }
        if (!eof) {
            throw new AssertionError("connection still open after " + timeout);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            synchronized (bytes) {
                bytes.write(b);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }

    private void readLoop() {
        try {
            List<AmiPacket.Header> headers = new ArrayList<>();
            String line;
            while ((line = readLine()) != null) {
                if (line.isEmpty()) {
                    if (!headers.isEmpty()) {
                        received.add(new AmiPacket(headers));
                        headers = new ArrayList<>();
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                headers.add(colon < 0 ? new AmiPacket.Header(line, "")
                        : new AmiPacket.Header(line.substring(0, colon), line.substring(colon + 1).startsWith(" ")
                                ? line.substring(colon + 2) : line.substring(colon + 1)));
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            eof = true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
