package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One AMI client connection: reads actions (CRLF or bare LF framing, as Asterisk accepts), answers the protocol
 * actions itself (Challenge, Login, Logoff, Ping, Events, CoreSettings, Command) and hands the PBX actions to the
 * simulator. Everything it sends goes through its own writer thread, so a slow or broken client never blocks the
 * PBX or other sessions.
 */
final class AmiSession {

    /** Answers the authenticated actions that touch the PBX; returns false for an action it does not know. */
    interface ActionHandler {
        boolean handle(AmiSession session, AmiPacket action);
    }

    static final String AMI_VERSION = "11.0.0";
    static final String ASTERISK_VERSION = "22.10.1";
    private static final Logger LOG = Logger.getLogger(AmiSession.class.getName());
    private static final int MAX_LINE_BYTES = 1 << 20;
    private static final int MAX_PENDING_PACKETS = 200_000;
    /** As Asterisk's {@code authtimeout}: a client that has not logged in by then is disconnected. */
    private static final int AUTH_TIMEOUT_MILLIS = 30_000;
    private static final Outgoing CLOSE = new Outgoing(null, false, null);

    private record Outgoing(AmiPacket packet, boolean stamp, byte[] raw) {
    }

    private final Socket socket;
    private final SimulatorSettings settings;
    private final ActionHandler handler;
    private final Runnable onClose;
    /** The server's count of events handed to sessions ({@link AmiServer#eventsSent()}). */
    private final AtomicLong eventsSent;
    private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>();
    private final long startedEpoch;
    private volatile boolean authenticated;
    private volatile boolean eventsOn = true;
    private volatile boolean closed;
    private String challenge;

    AmiSession(Socket socket, SimulatorSettings settings, ActionHandler handler, long startedEpoch, AtomicLong eventsSent,
               Runnable onClose) {
        this.socket = socket;
        this.eventsSent = eventsSent;
        this.settings = settings;
        this.handler = handler;
        this.startedEpoch = startedEpoch;
        this.onClose = onClose;
    }

    void start(int number) {
        outbox.add(new Outgoing(null, false, ("Asterisk Call Manager/" + AMI_VERSION + "\r\n").getBytes(StandardCharsets.UTF_8)));
        Thread writer = new Thread(this::writeLoop, "ami-sim-session-" + number + "-writer");
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(this::readLoop, "ami-sim-session-" + number + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Logged in with events switched on: the session receives asynchronous events. */
    boolean receivesEvents() {
        return authenticated && eventsOn && !closed;
    }

    boolean isAuthenticated() {
        return authenticated && !closed;
    }

    /** Sends a reply or list item as is. */
    void send(AmiPacket packet) {
        enqueue(new Outgoing(packet, false, null));
    }

    /** Sends an asynchronous event if this session wants events; {@code stamp} adds {@code Timestamp} at write time. */
    void sendEvent(AmiPacket event, boolean stamp) {
        if (receivesEvents() && enqueue(new Outgoing(event, stamp, null))) {
            eventsSent.incrementAndGet();
        }
    }

    /** Sends bytes exactly as given (fault injection). */
    void sendRaw(byte[] raw) {
        enqueue(new Outgoing(null, false, raw));
    }

    /** Cuts the TCP connection at once, as a network failure would. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing AMI session", e);
        }
        outbox.clear();
        outbox.add(CLOSE);
        onClose.run();
    }

    /** Queues an item for the writer; false when the session is closed (or is closed now for reading too slowly). */
    private boolean enqueue(Outgoing item) {
        if (closed) {
            return false;
        }
        if (outbox.size() >= MAX_PENDING_PACKETS) {
            LOG.warning("AMI client " + socket.getRemoteSocketAddress() + " reads too slowly, dropping its session");
            close();
            return false;
        }
        outbox.add(item);
        return true;
    }

    private void closeAfterFlush() {
        outbox.add(CLOSE);
    }

    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (true) {
                Outgoing item = outbox.take();
                if (item == CLOSE) {
                    out.flush();
                    break;
                }
                if (item.raw() != null) {
                    out.write(item.raw());
                } else {
                    AmiPacket packet = item.stamp() ? AmiWire.stamped(item.packet(), Instant.now()) : item.packet();
                    out.write(packet.toWireBytes());
                }
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "AMI session write failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void readLoop() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024)) {
            socket.setSoTimeout(AUTH_TIMEOUT_MILLIS);
            List<AmiPacket.Header> headers = new ArrayList<>();
            String line;
            while (!closed && (line = readLine(in)) != null) {
                if (line.isEmpty()) {
                    if (!headers.isEmpty()) {
                        dispatch(new AmiPacket(headers));
                        headers = new ArrayList<>();
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                headers.add(new AmiPacket.Header(line.substring(0, colon).trim(), line.substring(colon + 1).stripLeading()));
            }
        } catch (SocketTimeoutException e) {
            LOG.info(() -> "AMI client " + socket.getRemoteSocketAddress() + " did not log in within " + AUTH_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            LOG.log(Level.FINE, "AMI session read ended", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AMI session failed on client input", e);
        } finally {
            if (!closed) {
                closeAfterFlush();
            }
        }
    }

    /** One line without its line ending; null at end of stream. An over-long line ends the session. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            buffer.write(b);
            if (buffer.size() > MAX_LINE_BYTES) {
                throw new IOException("AMI line longer than " + MAX_LINE_BYTES + " bytes");
            }
        }
        return null; // a line cut off by the end of the stream is dropped, as Asterisk does
    }

    private void dispatch(AmiPacket action) {
        String name = action.get("Action");
        if (name == null) {
            send(AmiWire.error(action, "Missing action in request"));
            return;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "challenge" -> challenge(action);
            case "login" -> login(action);
            case "logoff" -> {
                send(AmiWire.reply(action, "Goodbye", "Message", "Thanks for all the fish."));
                closeAfterFlush();
            }
            default -> {
                if (!authenticated) {
                    send(AmiWire.error(action, "Permission denied"));
                } else {
                    try {
                        if (!protocolAction(name.toLowerCase(Locale.ROOT), action) && !handler.handle(this, action)) {
                            send(AmiWire.error(action, "Invalid/unknown command: " + name
                                    + ". Use Action: ListCommands to show available commands."));
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "AMI action " + name + " failed", e);
                        send(AmiWire.error(action, "Internal error: " + e.getMessage()));
                    }
                }
            }
        }
    }

    private void challenge(AmiPacket action) {
        if (!"md5".equalsIgnoreCase(action.get("AuthType"))) {
            send(AmiWire.error(action, "Must specify AuthType"));
            return;
        }
        challenge = String.valueOf(ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000));
        send(AmiWire.reply(action, "Success", "Challenge", challenge));
    }

    private void login(AmiPacket action) {
        if (authenticated) {
            send(AmiWire.success(action, "Already authenticated"));
            return;
        }
        boolean userOk = settings.username().equals(action.get("Username"));
        boolean keyOk = "md5".equalsIgnoreCase(action.get("AuthType")) && challenge != null && action.get("Key") != null
                && md5Hex(challenge + settings.secret()).equalsIgnoreCase(action.get("Key"));
        boolean secretOk = settings.secret().equals(action.get("Secret"));
        if (!userOk || !(keyOk || secretOk)) {
            send(AmiWire.error(action, "Authentication failed"));
            closeAfterFlush();
            return;
        }
        String events = action.get("Events");
        eventsOn = events == null || !(events.equalsIgnoreCase("off") || events.equalsIgnoreCase("no") || events.equalsIgnoreCase("none")
                || events.equals("0"));
        authenticated = true;
        try {
            socket.setSoTimeout(0);
        } catch (IOException e) {
            LOG.log(Level.FINE, "clearing the login timeout", e);
        }
        send(AmiWire.success(action, "Authentication accepted"));
        if (eventsOn) {
            long uptime = Math.max(0, Instant.now().getEpochSecond() - startedEpoch);
            // an event, not a reply: counted with the broadcast events, as the client receives it as one
            if (enqueue(new Outgoing(AmiPacket.of("Event", "FullyBooted", "Privilege", "system,all", "Uptime", String.valueOf(uptime),
                    "LastReload", String.valueOf(uptime), "Status", "Fully Booted"), false, null))) {
                eventsSent.incrementAndGet();
            }
        }
    }

    private boolean protocolAction(String name, AmiPacket action) {
        switch (name) {
            case "ping" -> send(AmiWire.reply(action, "Success", "Ping", "Pong", "Timestamp", AmiWire.timestamp(Instant.now())));
            case "events" -> {
                String mask = action.get("EventMask");
                eventsOn = mask != null && !(mask.equalsIgnoreCase("off") || mask.equalsIgnoreCase("none") || mask.equals("0"));
                send(AmiWire.reply(action, "Success", "Events", eventsOn ? "On" : "Off"));
            }
            case "coresettings" -> send(AmiWire.reply(action, "Success",
                    "AMIversion", AMI_VERSION,
                    "AsteriskVersion", ASTERISK_VERSION,
                    "SystemName", "",
                    "CoreMaxCalls", "0",
                    "CoreMaxLoadAvg", "0.000000",
                    "CoreRunUser", "asterisk",
                    "CoreRunGroup", "asterisk",
                    "CoreMaxFilehandles", "0",
                    "CoreRealTimeEnabled", "No",
                    "CoreCDRenabled", "Yes",
                    "CoreHTTPenabled", "No",
                    "SoundsSearchCustomDir", "No"));
            case "command" -> command(action);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void command(AmiPacket action) {
        String command = action.get("Command") == null ? "" : action.get("Command").trim();
        if (command.equalsIgnoreCase("core show version")) {
            send(AmiWire.reply(action, "Success", "Message", "Command output follows",
                    "Output", "Asterisk " + ASTERISK_VERSION + " built by cuecard @ simulator on a x86_64 running Linux"));
        } else if (command.equalsIgnoreCase("core show uptime")) {
            long uptime = Math.max(0, Instant.now().getEpochSecond() - startedEpoch);
            send(AmiWire.reply(action, "Success", "Message", "Command output follows",
                    "Output", "System uptime: " + uptime + " seconds", "Output", "Last reload: " + uptime + " seconds"));
        } else {
            send(AmiWire.reply(action, "Error", "Message", "Command output follows",
                    "Output", "No such command '" + command + "' (type 'core show help " + command + "' for other possible commands)"));
        }
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
