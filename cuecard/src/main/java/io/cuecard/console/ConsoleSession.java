package io.cuecard.console;

import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One open console: who is logged in, and the frame sequence of this connection. Every frame carries the next
 * {@code seq}, contiguous from 1, so the console notices a gap and reconnects for a fresh snapshot.
 * Sends are serialised per session so sequence numbers go out in order.
 */
final class ConsoleSession {

    private static final Logger LOG = Logger.getLogger(ConsoleSession.class);

    final WebSocketConnection connection;
    final String username;
    final Set<String> roles;
    /** The login session this console belongs to (null for HTTP Basic); a password change moves it to a fresh one. */
    volatile String sessionId;
    private final boolean seesAllCalls;
    private long seq;
    private AgentPresence.AgentState agentState;

    ConsoleSession(WebSocketConnection connection, String username, Set<String> roles) {
        this(connection, username, roles, null);
    }

    ConsoleSession(WebSocketConnection connection, String username, Set<String> roles, String sessionId) {
        this.connection = connection;
        this.username = username;
        this.roles = roles;
        this.sessionId = sessionId;
        this.seesAllCalls = roles.contains("supervisor") || roles.contains("admin");
    }

    boolean seesAllCalls() {
        return seesAllCalls;
    }

    /** Sends {@code {"seq":n,<body>}}; body is the frame's JSON members without braces, e.g. {@code "type":"call",...}. */
    synchronized void send(String body) {
        if (!connection.isOpen()) {
            return;
        }
        seq++;
        String frame = "{\"seq\":" + seq + "," + body + "}";
        connection.sendText(frame).subscribe().with(ok -> { }, failure -> LOG.debugf("Console %s: send failed: %s", username, failure.getMessage()));
    }

    /**
     * Sends the agent-state frame only when the state changed since this console was last told; the frame
     * ({@code frameMembers}) is serialised only then (and once for all consoles of a user, see the hub).
     */
    synchronized void sendAgentState(AgentPresence.AgentState state, Supplier<String> frameMembers) {
        if (!state.equals(agentState)) {
            agentState = state;
            send(frameMembers.get());
        }
    }

    synchronized void rememberAgentState(AgentPresence.AgentState state) {
        agentState = state;
    }
}
