package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Streams recorded AMI traces to the logged-in clients: each file's scenario packets (without its banner, login reply
 * and logoff reply) exactly as recorded, original {@code Timestamp} values included, paced by those timestamps.
 */
final class TraceReplayer {

    private static final long WAIT_FOR_CLIENT_MILLIS = 50;

    private final List<AmiTrace> traces;
    private final double speed;
    private final Consumer<AmiPacket> out;
    private final IntSupplier eventClients;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();

    /** Reads every file first, so a missing or unreadable file fails the call before anything is sent. */
    TraceReplayer(List<Path> files, double speed, Consumer<AmiPacket> out, IntSupplier eventClients) {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("replay speed must be 0 (as fast as possible) or positive, got " + speed);
        }
        List<AmiTrace> read = new ArrayList<>();
        for (Path file : files) {
            try {
                read.add(AmiTrace.read(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read AMI trace " + file, e);
            }
        }
        this.traces = List.copyOf(read);
        this.speed = speed;
        this.out = out;
        this.eventClients = eventClients;
    }

    /** Starts streaming on its own thread once a client is logged in; completes with the number of packets sent. */
    CompletableFuture<Integer> start() {
        Thread thread = new Thread(this::run, "ami-sim-replay");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Stops the replay after the packet being sent; the future is cancelled. */
    void cancel() {
        done.cancel(false);
    }

    private void run() {
        try {
            while (eventClients.getAsInt() == 0 && !done.isDone()) {
                Thread.sleep(WAIT_FOR_CLIENT_MILLIS);
            }
            int sent = 0;
            for (AmiTrace trace : traces) {
                BigDecimal previous = null;
                for (AmiPacket packet : trace.scenarioPackets()) {
                    if (done.isDone()) {
                        return;
                    }
                    BigDecimal at = timestampOf(packet);
                    if (speed > 0 && previous != null && at != null && at.compareTo(previous) > 0) {
                        long micros = at.subtract(previous).movePointRight(6).longValue();
                        long pause = (long) (micros / speed / 1000);
                        if (pause > 0) {
                            Thread.sleep(pause);
                        }
                    }
                    if (at != null) {
                        previous = at;
                    }
                    out.accept(packet);
                    sent++;
                }
            }
            done.complete(sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.cancel(false);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private static BigDecimal timestampOf(AmiPacket packet) {
        String value = packet.get("Timestamp");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
