package io.cuecard.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cuecard.bench.LoadGenerator.Change;
import io.cuecard.bench.LoadGenerator.ChangeKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One agent's console for the benchmark: a real WebSocket to {@code /ws/console} with the agent's login cookie. It
 * checks the frame sequence (a {@code seq} gap is a lost frame), takes one latency sample per call frame that carries
 * the AMI {@code pbxTimestamp} (arrival time minus that timestamp; the simulator stamps each event as it writes it),
 * and keeps, per call, the states its frames showed (stage, holds, answered, ended, who hung up, the agent on it, the
 * customer's number, the {@code link-lost} flag). {@link #check} then holds every change the simulator made on the
 * agent's calls ({@link Change}) against them: each change must have shown, in order, as a frame with the content it
 * implies. Like an agent, an active console ends each wrap-up at once: disposition "consulting", then Ready (which frees
 * the agent for the next call); a passive one (console churn) only receives.
 *
 * <p>Frames are read with Jackson's streaming parser, field by field, skipping what is not checked.
 */
final class BenchConsole {

    private static final JsonFactory JSON = new JsonFactory();
    /** Mismatches described per check, at most. */
    private static final int SAMPLES = 3;

    /** What one frame showed of one call. */
    record Shown(String stage, int holdCount, boolean answered, boolean ended, boolean mine, String customer, String hangupBy,
            boolean linkLost) {

        @Override
        public String toString() {
            return stage + "/holds " + holdCount + (answered ? "" : "/unanswered") + (ended ? "/ended by " + hangupBy : "")
                    + (linkLost ? "/link-lost" : "") + (mine ? "" : "/not the agent's") + "/" + customer;
        }
    }

    /** The outcome of one {@link #check}. */
    record Check(long expected, long shown, long mismatched, long unchecked, long gaps, List<String> samples) {
    }

    final String username;
    private final LatencyHistogram latency;
    private final boolean active;
    private final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile String closeCause;
    /** Guarded by this. */
    private long lastSeq;
    private long gapsTaken;
    private final Map<String, List<Shown>> shown = new HashMap<>();
    /** Per call: how far {@link #shown} has been matched by changes. */
    private final Map<String, Integer> matched = new HashMap<>();
    /** Calls whose end was matched: later frames (the wrap-up) are not kept. */
    private final Set<String> done = new HashSet<>();
    /** Calls no longer checked (see {@link #taint}). */
    private final Set<String> tainted = new HashSet<>();
    private final Set<String> changed = new HashSet<>();
    /** The call whose wrap-up was last ended, so each is ended once. */
    private String readyFor;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    BenchConsole(String username, LatencyHistogram latency, boolean active) {
        this.username = username;
        this.latency = latency;
        this.active = active;
    }

    CompletableFuture<BenchConsole> open(HttpClient http, URI consoleSocket, String cookie) {
        return http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(java.time.Duration.ofSeconds(30))
                .buildAsync(consoleSocket, new Listener())
                .thenApply(ws -> {
                    socket = ws;
                    return this;
                });
    }

    /** Completes when the snapshot frame arrived. */
    CompletableFuture<Void> snapshot() {
        return snapshot;
    }

    void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
                ws.abort();
                return null;
            });
        }
    }

    long frames() {
        return frames.get();
    }

    boolean closedByServer() {
        return socket != null && socket.isInputClosed() && !closed;
    }

    /** Why the connection ended, when it did not end by the bench's own close: the close frame, or the error. */
    String closeCause() {
        return closeCause;
    }

    /**
     * Holds the changes the simulator made on this agent's calls since the last check ({@code changes}, oldest first)
     * against the frames shown since. Call it when everything is quiet (no frame on its way). A change matches the first
     * state shown for its call, after the one the previous change matched, that has the content the change implies:
     * <ul>
     *   <li>put through: answered, the agent on the call, not on hold, no holds yet, not ended, the customer's number;</li>
     *   <li>on hold: stage {@code hold} with the number of holds so far; resumed: that number, stage no longer
     *       {@code hold} (nor ringing), not ended;</li>
     *   <li>ended: ended, hung up by the customer, the number of holds; ended while the PBX link was down: ended,
     *       hung up by {@code system}, flag {@code link-lost}, the number of holds.</li>
     * </ul>
     * A change without such a frame is a mismatch: the frame was lost, or showed something else.
     */
    synchronized Check check(List<Change> changes) {
        long expected = 0;
        long ok = 0;
        long unchecked = 0;
        List<String> samples = new ArrayList<>();
        for (Change c : changes) {
            changed.add(c.callId());
            if (tainted.contains(c.callId())) {
                unchecked++;
                continue;
            }
            expected++;
            List<Shown> states = shown.getOrDefault(c.callId(), List.of());
            int from = matched.getOrDefault(c.callId(), 0);
            int at = -1;
            for (int j = from; j < states.size(); j++) {
                if (matches(c, states.get(j))) {
                    at = j;
                    break;
                }
            }
            if (at >= 0) {
                ok++;
                matched.put(c.callId(), at + 1);
                if (c.kind() == ChangeKind.ENDED || c.kind() == ChangeKind.ENDED_UNSEEN) {
                    done.add(c.callId());
                    shown.remove(c.callId());
                    matched.remove(c.callId());
                }
            } else if (samples.size() < SAMPLES) {
                samples.add(String.format("%s call %s: %s (holds %d) never shown after state %d; shown: %s", username, c.callId(), c.kind(),
                        c.holdCount(), from, states.subList(Math.max(0, states.size() - 6), states.size())));
            }
        }
        long g = gaps.get();
        long newGaps = g - gapsTaken;
        gapsTaken = g;
        return new Check(expected, ok, expected - ok, unchecked, newGaps, samples);
    }

    /**
     * Stops checking every call this console has shown or been told of so far: after a trial that lost events (the
     * PBX dropped the session), their states no longer follow from the changes.
     */
    synchronized void taint() {
        tainted.addAll(shown.keySet());
        tainted.addAll(changed);
        shown.clear();
        matched.clear();
        changed.clear();
    }

    private boolean matches(Change c, Shown s) {
        if (!s.mine() || s.holdCount() != c.holdCount()) {
            return false;
        }
        return switch (c.kind()) {
            case CONNECTED -> s.answered() && !s.ended() && c.customerNumber().equals(s.customer()) && !"hold".equals(s.stage())
                    && !"ringing".equals(s.stage());
            case HOLD -> !s.ended() && "hold".equals(s.stage());
            case RESUMED -> !s.ended() && !"hold".equals(s.stage()) && !"ringing".equals(s.stage());
            case ENDED -> s.ended() && "customer".equals(s.hangupBy());
            case ENDED_UNSEEN -> s.ended() && "system".equals(s.hangupBy()) && s.linkLost();
        };
    }

    /** One text frame as received (package-private for {@code BenchConsoleTest}). */
    void onFrame(String frame) {
        long arrived = micros(Instant.now());
        frames.incrementAndGet();
        long seq = -1;
        String type = null;
        String pbxTimestamp = null;
        String state = null;
        String stateCall = null;
        List<Map.Entry<String, Shown>> calls = new ArrayList<>(1);
        try (JsonParser p = JSON.createParser(frame)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "seq" -> seq = p.getLongValue();
                    case "type" -> type = p.getText();
                    case "pbxTimestamp" -> pbxTimestamp = p.getText();
                    case "call" -> calls.add(readCall(p));
                    case "calls" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            calls.add(readCall(p));
                        }
                    }
                    case "agentState" -> {
                        while (value == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("state")) {
                                state = p.getText();
                            } else if (field.equals("callId")) {
                                stateCall = p.getValueAsString();
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable frame: " + frame, e);
        }
        synchronized (this) {
            if (seq != lastSeq + 1) {
                gaps.addAndGet(Math.max(1, seq - lastSeq - 1));
            }
            lastSeq = seq;
            if (active) {
                for (Map.Entry<String, Shown> call : calls) {
                    keep(call.getKey(), call.getValue());
                }
            }
            if (pbxTimestamp != null && "call".equals(type)) {
                latency.record(arrived - timestampMicros(pbxTimestamp));
            }
            if (active && "wrap-up".equals(state) && stateCall != null && !stateCall.equals(readyFor)) {
                // in wrap-up: disposition and Ready, as an agent would
                readyFor = stateCall;
                send("{\"type\":\"disposition\",\"callId\":\"" + stateCall + "\",\"code\":\"consulting\"}");
                send("{\"type\":\"ready\"}");
            }
        }
        if ("snapshot".equals(type)) {
            snapshot.complete(null);
        }
    }

    /** Guarded by this. A state unchanged from the call's last one is kept once. */
    private void keep(String callId, Shown state) {
        if (callId == null || done.contains(callId) || tainted.contains(callId)) {
            return;
        }
        List<Shown> states = shown.computeIfAbsent(callId, id -> new ArrayList<>(8));
        if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
            states.add(state);
        }
    }

    /** One CallFrame, the parser on its START_OBJECT; leaves it on the matching END_OBJECT. */
    private Map.Entry<String, Shown> readCall(JsonParser p) throws IOException {
        String id = null;
        String stage = null;
        String customer = null;
        String hangupBy = null;
        int holdCount = -1;
        boolean answered = false;
        boolean ended = false;
        boolean mine = false;
        boolean linkLost = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> id = p.getText();
                case "stage" -> stage = p.getValueAsString();
                case "customerNumber" -> customer = p.getValueAsString();
                case "hangupBy" -> hangupBy = p.getValueAsString();
                case "holdCount" -> holdCount = p.getIntValue();
                case "answeredAt" -> answered = value != JsonToken.VALUE_NULL;
                case "endedAt" -> ended = value != JsonToken.VALUE_NULL;
                case "agents" -> {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        mine |= username.equals(p.getText());
                    }
                }
                case "flags" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("rule")) {
                                linkLost |= "link-lost".equals(p.getValueAsString());
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return Map.entry(id == null ? "" : id, new Shown(stage, holdCount, answered, ended, mine, customer, hangupBy, linkLost));
    }

    /** java.net.http allows one send at a time: sends are chained. */
    private void send(String message) {
        WebSocket ws = socket;
        if (ws != null && !closed) {
            sending = sending.handle((r, e) -> null).thenCompose(ignored -> ws.sendText(message, true));
        }
    }

    /** {@code "1732300000.123456"} → microseconds since the epoch. */
    static long timestampMicros(String text) {
        long seconds = 0;
        int i = 0;
        for (; text.charAt(i) != '.'; i++) {
            seconds = seconds * 10 + (text.charAt(i) - '0');
        }
        long micros = 0;
        int digits = 0;
        for (i++; digits < 6 && i < text.length() && Character.isDigit(text.charAt(i)); i++, digits++) {
            micros = micros * 10 + (text.charAt(i) - '0');
        }
        for (; digits < 6; digits++) {
            micros *= 10;
        }
        return seconds * 1_000_000L + micros;
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last && partial.isEmpty()) {
                onFrame(data.toString());
            } else {
                partial.append(data);
                if (last) {
                    onFrame(partial.toString());
                    partial.setLength(0);
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCause = "closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCause = "error " + error;
            snapshot.completeExceptionally(error);
        }
    }
}
