package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The simulator's AMI listener: accepts TCP clients and fans events out to every logged-in session. */
final class AmiServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AmiServer.class.getName());

    private final SimulatorSettings settings;
    private final AmiSession.ActionHandler handler;
    private final List<AmiSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionCounter = new AtomicInteger();
    /** Events handed to logged-in sessions that receive events, once per session (not replies, not raw bytes). */
    private final AtomicLong eventsSent = new AtomicLong();
    private final long startedEpoch = Instant.now().getEpochSecond();
    private volatile boolean accepting = true;
    private ServerSocket serverSocket;

    AmiServer(SimulatorSettings settings, AmiSession.ActionHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    void start() throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 100);
        Thread acceptor = new Thread(this::acceptLoop, "ami-sim-acceptor-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void setAccepting(boolean accepting) {
        this.accepting = accepting;
    }

    /** Sends an event to every session that wants events; it is stamped with {@code Timestamp} as it is written. */
    void broadcast(AmiPacket event) {
        for (AmiSession session : sessions) {
            session.sendEvent(event, true);
        }
    }

    /** Events handed to logged-in, event-receiving sessions so far (each session that took an event counts once). */
    long eventsSent() {
        return eventsSent.get();
    }

    /** Sends a packet unchanged (no new Timestamp) to every session that wants events. */
    void broadcastAsRecorded(AmiPacket packet) {
        for (AmiSession session : sessions) {
            session.sendEvent(packet, false);
        }
    }

    void sendRaw(byte[] raw) {
        for (AmiSession session : sessions) {
            if (session.isAuthenticated()) {
                session.sendRaw(raw);
            }
        }
    }

    void dropConnections() {
        for (AmiSession session : sessions) {
            session.close();
        }
    }

    int eventSessionCount() {
        return (int) sessions.stream().filter(AmiSession::receivesEvents).count();
    }

    @Override
    public void close() {
        accepting = false;
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing AMI server socket", e);
        }
        dropConnections();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                if (!accepting) {
                    socket.close();
                    continue;
                }
                socket.setTcpNoDelay(true);
                AmiSession[] holder = new AmiSession[1];
                AmiSession session = new AmiSession(socket, settings, handler, startedEpoch, eventsSent, () -> sessions.remove(holder[0]));
                holder[0] = session;
                sessions.add(session);
                session.start(sessionCounter.incrementAndGet());
            } catch (SocketException e) {
                if (!serverSocket.isClosed()) {
                    LOG.log(Level.WARNING, "AMI simulator accept failed", e);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "AMI simulator accept failed", e);
            }
        }
    }
}
