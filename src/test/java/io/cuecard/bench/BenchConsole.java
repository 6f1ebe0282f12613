package io.cuecard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One agent's console for the benchmark: a real WebSocket to {@code /ws/console} with the agent's login cookie. It
 * checks the frame sequence (a gap is a lost frame), takes one latency sample per call frame that carries the AMI
 * {@code pbxTimestamp} (arrival time minus that timestamp; the simulator stamps each event as it writes it), and counts
 * the hold changes it sees on the agent's calls: each hold or resume the simulator made must show as one change. Like
 * an agent, it ends each wrap-up at once: disposition "consulting", then Ready (which frees the agent for the next call).
 *
 * <p>Frames are read with {@code indexOf}, not a JSON parser, so 500 consoles cost the machine little.
 */
final class BenchConsole {

    final String username;
    private final LatencyHistogram latency;
    private final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicInteger holdChanges = new AtomicInteger();
    private final AtomicLong frames = new AtomicLong();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private long lastSeq;
    /** Per call id: holdCount × 2 + (1 while on hold). Guarded by this. */
    private final java.util.Map<String, Long> holdStates = new java.util.HashMap<>();
    /** The call whose wrap-up was last ended, so each is ended once. */
    private String readyFor;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    BenchConsole(String username, LatencyHistogram latency) {
        this.username = username;
        this.latency = latency;
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

    long gaps() {
        return gaps.get();
    }

    int holdChanges() {
        return holdChanges.get();
    }

    long frames() {
        return frames.get();
    }

    boolean closedByServer() {
        return socket != null && socket.isInputClosed() && !closed;
    }

    private synchronized void onFrame(String frame) {
        frames.incrementAndGet();
        long seq = number(frame, "\"seq\":");
        if (seq != lastSeq + 1) {
            gaps.addAndGet(Math.max(1, seq - lastSeq - 1));
        }
        lastSeq = seq;
        int body = frame.indexOf(',') + 1;
        if (frame.startsWith("\"type\":\"snapshot\"", body)) {
            trackHold(frame);
            endWrapUp(frame);
            snapshot.complete(null);
        } else if (frame.startsWith("\"type\":\"call\"", body)) {
            int ts = frame.indexOf("\"pbxTimestamp\":\"");
            if (ts > 0) {
                latency.record(micros(Instant.now()) - timestampMicros(frame, ts + 16));
            }
            trackHold(frame);
        } else if (frame.startsWith("\"type\":\"agent-state\"", body)) {
            endWrapUp(frame);
        }
    }

    /** Every call in the frame: {@code "id"} comes first in a call, its own {@code "stage"} after {@code "holdCount"}. */
    private void trackHold(String frame) {
        for (int count = frame.indexOf("\"holdCount\":"); count >= 0; count = frame.indexOf("\"holdCount\":", count + 1)) {
            int id = frame.lastIndexOf("{\"id\":\"", count);
            int stage = frame.indexOf("\"stage\":\"", count);
            if (id < 0 || stage < 0) {
                continue;
            }
            String callId = frame.substring(id + 7, frame.indexOf('"', id + 7));
            long state = number(frame, count + 12) * 2 + (frame.startsWith("hold\"", stage + 9) ? 1 : 0);
            Long before = holdStates.put(callId, state);
            if (before != null && before != state) {
                holdChanges.incrementAndGet();
            }
        }
    }

    /** In wrap-up (agent state {@code "state":"wrap-up","callId":"…"}): disposition and Ready, as an agent would. */
    private void endWrapUp(String frame) {
        String key = "\"state\":\"wrap-up\",\"callId\":\"";
        int at = frame.indexOf(key);
        if (at < 0) {
            return;
        }
        int from = at + key.length();
        String callId = frame.substring(from, frame.indexOf('"', from));
        if (callId.equals(readyFor)) {
            return;
        }
        readyFor = callId;
        send("{\"type\":\"disposition\",\"callId\":\"" + callId + "\",\"code\":\"consulting\"}");
        send("{\"type\":\"ready\"}");
    }

    /** java.net.http allows one send at a time: sends are chained. */
    private void send(String message) {
        WebSocket ws = socket;
        if (ws != null && !closed) {
            sending = sending.handle((r, e) -> null).thenCompose(ignored -> ws.sendText(message, true));
        }
    }

    private static long number(String text, String key) {
        int at = text.indexOf(key);
        return at < 0 ? -1 : number(text, at + key.length());
    }

    private static long number(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code "1732300000.123456"} → microseconds since the epoch. */
    private static long timestampMicros(String text, int from) {
        long seconds = 0;
        int i = from;
        for (; text.charAt(i) != '.'; i++) {
            seconds = seconds * 10 + (text.charAt(i) - '0');
        }
        long micros = 0;
        int digits = 0;
        for (i++; digits < 6 && Character.isDigit(text.charAt(i)); i++, digits++) {
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
        public void onError(WebSocket webSocket, Throwable error) {
            snapshot.completeExceptionally(error);
        }
    }
}
