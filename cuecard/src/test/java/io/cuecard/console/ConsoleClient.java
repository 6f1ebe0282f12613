package io.cuecard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A console over a real WebSocket (java.net.http; HTTP Basic or the session cookie on the upgrade) for tests: send
 * messages, await frames, await the server's close.
 */
public final class ConsoleClient implements AutoCloseable {

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    /** Logs in with HTTP Basic. */
    public ConsoleClient(URI consoleSocket, String user, String password) throws Exception {
        this(consoleSocket, new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))});
    }

    /** Logs in with the session cookie's value (as {@code POST /j_security_check} set it). */
    public static ConsoleClient withSession(URI consoleSocket, String sessionCookie) throws Exception {
        return new ConsoleClient(consoleSocket, new String[] {"Cookie", "cuecard-session=" + sessionCookie});
    }

    private ConsoleClient(URI consoleSocket, String[] header) throws Exception {
        URI ws = URI.create(consoleSocket.toString().replaceFirst("^http", "ws"));
        socket = HttpClient.newHttpClient().newWebSocketBuilder().header(header[0], header[1])
                .buildAsync(ws, new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete("error " + error);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** The server's close ({@code "<code> <reason>"}), waited for at most {@code within}; null when it did not close. */
    public String awaitClose(Duration within) throws InterruptedException {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame, whatever it is; null after 10 s without one. */
    public String next() throws InterruptedException {
        return frames.poll(10, TimeUnit.SECONDS);
    }

    /** The next frame of this type whose text contains {@code contains}; other frames are skipped. */
    public String await(String type, String contains) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(200, TimeUnit.MILLISECONDS);
            if (frame != null && frame.contains("\"type\":\"" + type + "\"") && frame.contains(contains)) {
                return frame;
            }
        }
        assertThat(false).as("a %s frame containing %s", type, contains).isTrue();
        return null;
    }

    /** Ends this agent's wrap-up of a call: a disposition, then Ready; waits until the agent is idle. */
    public void finishWrapUp(String callId) throws InterruptedException {
        send("{\"type\":\"disposition\",\"callId\":\"" + callId + "\",\"code\":\"other\"}");
        send("{\"type\":\"ready\"}");
        await("agent-state", "idle");
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
