package io.cuecard.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.agent.AgentDirectory;
import io.cuecard.agent.AgentRef;
import io.cuecard.agent.auth.SessionStore;
import io.cuecard.call.TransferRequest;
import io.cuecard.call.service.CallService;
import io.cuecard.notes.NotesRefused;
import io.cuecard.notes.NotesService;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The agent console's WebSocket. The upgrade is authenticated (session cookie or Basic); when the login session ends
 * the console is closed with 4401 "session-ended" ({@link ConsoleHub#sessionsEnded}). The console gets a
 * snapshot first, then every change of the calls it may see. Messages from the console: {@code said-it},
 * {@code closing}, {@code notes}, {@code disposition}, {@code ready}, {@code hold-consent}, {@code transfer-consent},
 * {@code transfer}, {@code transfer-complete}, {@code transfer-cancel}, {@code callback}. A bad message gets an
 * {@code error} frame and the connection stays open; a transfer action the PBX refuses later gets one too.
 */
@WebSocket(path = "/ws/console")
@Authenticated
public class ConsoleSocket {

    private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);

    /** Longest callback note. */
    static final int MAX_CALLBACK_NOTE = 2_000;

    private static final Pattern EXTENSION = Pattern.compile("[0-9*#]{1,20}");

    @Inject
    WebSocketConnection connection;

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleHub hub;

    @Inject
    CallService calls;

    @Inject
    NotesService notes;

    @Inject
    AgentDirectory agents;

    @Inject
    ObjectMapper json;

    @Inject
    SessionStore loginSessions;

    /**
     * The connection parameter is the connection itself (not the session-scoped proxy), usable from any thread. A
     * console whose login session ended between the upgrade and now is closed at once (4401).
     */
    @OnOpen
    void onOpen(WebSocketConnection opened) {
        String sessionId = identity.getAttribute(SessionStore.SESSION_ATTRIBUTE);
        ConsoleSession session = new ConsoleSession(opened, identity.getPrincipal().getName(), identity.getRoles(), sessionId);
        loginSessions.consoleOpened(sessionId);
        hub.open(session);
        if (sessionId != null && !loginSessions.isActive(sessionId)) {
            hub.close(opened.id());
            opened.close(ConsoleHub.SESSION_ENDED).subscribe().with(ok -> { }, failure -> { });
        }
    }

    @OnClose
    void onClose(WebSocketConnection closed) {
        ConsoleSession session = hub.session(closed.id());
        hub.close(closed.id());
        if (session != null) {
            loginSessions.consoleClosed(session.sessionId);
        }
    }

    /**
     * The console's connection broke (a killed tab, a lost network: "Connection reset"). Without this handler
     * websockets-next logs every such break as an unhandled error with its stack trace; the close follows, and
     * {@link #onClose} forgets the console.
     */
    @OnError
    void onBroken(IOException broken, WebSocketConnection connection) {
        LOG.debugf("Console connection %s broke: %s", connection.id(), broken.getMessage());
    }

    /**
     * A frame over {@code quarkus.websockets-next.server.max-frame-size} (1 MiB, above the message limit): Netty refuses
     * it as soon as its header announces the length and drops the connection (its decoder cannot send the 1009 close
     * frame it means to). One WARN line, not websockets-next's "unhandled error" with its stack trace.
     */
    @OnError
    void onFrameTooBig(CorruptedWebSocketFrameException tooBig, WebSocketConnection connection) {
        LOG.warnf("Console connection %s of %s dropped, a frame too big: %s", connection.id(), user(connection), tooBig.getMessage());
    }

    /**
     * A message over {@code quarkus.websockets-next.server.max-message-size} (sent in several frames: Vert.x refuses
     * the frame that would overflow it): closed with 1009 "message too big" and one WARN line. Any other
     * IllegalStateException is a fault of Cuecard's: logged with its stack trace, closed with 1011 (internal error).
     */
    @OnError
    void onIllegalState(IllegalStateException e, WebSocketConnection connection) {
        if (e.getMessage() != null && e.getMessage().contains("max message size")) {
            LOG.warnf("Console connection %s of %s closed (1009): %s", connection.id(), user(connection), e.getMessage());
            connection.close(new CloseReason(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "message too big"))
                    .subscribe().with(ignored -> { }, failure -> LOG.debugf("Close of %s: %s", connection.id(), failure.getMessage()));
        } else {
            LOG.errorf(e, "Console connection %s of %s failed", connection.id(), user(connection));
            connection.close(CloseReason.INTERNAL_SERVER_ERROR)
                    .subscribe().with(ignored -> { }, failure -> LOG.debugf("Close of %s: %s", connection.id(), failure.getMessage()));
        }
    }

    private String user(WebSocketConnection connection) {
        ConsoleSession session = hub.session(connection.id());
        if (session != null) {
            return session.username;
        }
        // an error before onOpen ran (a giant frame right after the upgrade) or after onClose: the connection's identity
        try {
            return identity.getPrincipal().getName();
        } catch (RuntimeException noIdentity) {
            return "?";
        }
    }

    @OnTextMessage
    @Blocking
    void onMessage(String text) {
        ConsoleSession session = hub.session(connection.id());
        if (session == null) {
            return;
        }
        loginSessions.touch(session.sessionId);
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            error(session, null, "Invalid message: not JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            error(session, null, "Invalid message: a JSON object with a \"type\" is expected");
            return;
        }
        JsonNode requestId = message.get("requestId");
        String callId = message.path("callId").asText(null);
        try {
            switch (message.get("type").asText()) {
                case "said-it" -> result(session, requestId, calls.confirmPhrase(need(callId), session.username));
                case "closing" -> result(session, requestId, calls.moveToClosing(need(callId), session.username));
                case "notes" -> notes(session, requestId, need(callId), message.path("text"), message.get("template"), message.get("fields"));
                case "disposition" -> disposition(session, need(callId), message.path("code").asText(null));
                case "ready" -> ready(session, requestId, message.path("justification").asText(null));
                case "hold-consent" -> result(session, requestId, calls.recordHoldConsent(need(callId), session.username));
                case "transfer-consent" ->
                        result(session, requestId, calls.recordTransferConsent(need(callId), session.username));
                case "transfer" -> transfer(session, requestId, need(callId), message);
                case "transfer-complete" -> result(session, requestId, calls.completeTransfer(need(callId), session.username));
                case "transfer-cancel" -> result(session, requestId, calls.cancelTransfer(need(callId), session.username));
                case "callback" -> callback(session, requestId, need(callId), message.path("note"));
                default -> error(session, requestId, "Unknown message type '" + message.get("type").asText() + "'");
            }
        } catch (NotesRefused e) {
            error(session, requestId, e.getMessage(), e.details());
        } catch (IllegalArgumentException e) {
            error(session, requestId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Console message from %s failed", session.username);
            error(session, requestId, "The server could not handle this message; nothing was changed");
        }
    }

    private void notes(ConsoleSession session, JsonNode requestId, String callId, JsonNode textNode, JsonNode templateNode,
                       JsonNode fieldsNode) {
        if (!textNode.isTextual()) {
            throw new IllegalArgumentException("notes: \"text\" must be a string");
        }
        String template = templateNode == null || templateNode.isNull() ? null : templateNode.asText();
        Map<String, String> fields = null;
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isObject()) {
                throw new IllegalArgumentException("notes: \"fields\" must be an object of texts");
            }
            fields = new LinkedHashMap<>();
            for (var it = fieldsNode.fields(); it.hasNext(); ) {
                var field = it.next();
                fields.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
            }
        }
        NotesService.Saved saved = notes.saveText(callId, hub.call(callId), session.username, textNode.asText(), template, fields);
        session.send(ConsoleFrames.members(json, new ConsoleFrames.HitsFrame(callId, requestId, saved.hits(), saved.notes().isFinal())));
    }

    private void disposition(ConsoleSession session, String callId, String code) {
        notes.saveDisposition(callId, hub.call(callId), session.username, code);
    }

    /** Ends the agent's wrap-up; the notes rules (complete notes at Ready) are {@link NotesService#ready}'s. */
    private void ready(ConsoleSession session, JsonNode requestId, String justification) {
        result(session, requestId, notes.ready(hub.currentCall(session.username), session.username, justification));
    }

    /** {@code transfer}: mode blind|attended, target {kind: agent|extension|queue, value}, resolved to an extension. */
    private void transfer(ConsoleSession session, JsonNode requestId, String callId, JsonNode message) {
        String modeText = message.path("mode").asText("");
        TransferRequest.Mode mode = switch (modeText) {
            case "blind" -> TransferRequest.Mode.BLIND;
            case "attended" -> TransferRequest.Mode.ATTENDED;
            default -> throw new IllegalArgumentException("transfer: \"mode\" must be \"blind\" or \"attended\"");
        };
        JsonNode target = message.path("target");
        String kind = target.path("kind").asText("");
        String value = target.path("value").asText("").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("transfer: \"target.value\" is required");
        }
        String extension = switch (kind) {
            case "agent" -> {
                if (value.equals(session.username)) {
                    throw new IllegalArgumentException("You cannot transfer a call to yourself");
                }
                AgentRef agent = agents.byUsername(value)
                        .orElseThrow(() -> new IllegalArgumentException("No agent '" + value + "'"));
                if (agent.extension() == null || agent.extension().isBlank()) {
                    throw new IllegalArgumentException("Agent '" + value + "' has no extension to transfer to");
                }
                yield agent.extension();
            }
            case "extension" -> {
                if (!EXTENSION.matcher(value).matches()) {
                    throw new IllegalArgumentException("transfer: '" + value + "' is not an extension (digits, * and #)");
                }
                yield value;
            }
            case "queue" -> calls.queueExtension(value)
                    .orElseThrow(() -> new IllegalArgumentException("No transfer extension for queue '" + value + "'"));
            default -> throw new IllegalArgumentException(
                    "transfer: \"target.kind\" must be \"agent\", \"extension\" or \"queue\"");
        };
        result(session, requestId, calls.transfer(callId, session.username, mode, extension));
    }

    /** {@code callback}: a callback task for the customer (row 9), with the agent's note. */
    private void callback(ConsoleSession session, JsonNode requestId, String callId, JsonNode note) {
        if (!note.isMissingNode() && !note.isNull() && !note.isTextual()) {
            throw new IllegalArgumentException("callback: \"note\" must be a string");
        }
        String text = note.isTextual() ? note.asText() : null;
        if (text != null && text.length() > MAX_CALLBACK_NOTE) {
            throw new IllegalArgumentException("The callback note is too long: at most " + MAX_CALLBACK_NOTE + " characters");
        }
        result(session, requestId, calls.recordCallback(callId, session.username, text));
    }

    private void result(ConsoleSession session, JsonNode requestId, CallService.ActionResult result) {
        if (!result.ok()) {
            error(session, requestId, result.message(), result.code());
        }
    }

    private void error(ConsoleSession session, JsonNode requestId, String message) {
        error(session, requestId, message, Map.of());
    }

    private void error(ConsoleSession session, JsonNode requestId, String message, String code) {
        error(session, requestId, message, code == null ? Map.of() : Map.of("code", code));
    }

    @SuppressWarnings("unchecked")
    private void error(ConsoleSession session, JsonNode requestId, String message, Map<String, Object> details) {
        session.send(ConsoleFrames.members(json, new ConsoleFrames.ErrorFrame(message, requestId, (String) details.get("code"),
                (List<String>) details.get("fields"), (List<String>) details.get("phrases"))));
    }

    private static String need(String callId) {
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("\"callId\" is required");
        }
        return callId;
    }
}
