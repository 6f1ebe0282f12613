package io.cuecard.simulator;

import io.cuecard.pbx.spi.RunningPbx;
import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cuecard's built-in PBX simulator: a real AMI server over TCP that behaves like Asterisk 22 with one queue of agents.
 * Clients (asterisk-java or anything else speaking AMI) log in with MD5 challenge or plain secret and receive the events
 * of simulated calls, which tests drive step by step ({@link #inboundCall}, {@link #outboundCall}), the traffic generator
 * produces ({@link #startTraffic()}), AMI actions trigger (Originate, Hangup, transfers, QueuePause), or recorded traces
 * replay ({@link #replay}). Fault injection ({@link #dropConnections()}, {@link #setAccepting}, {@link #sendRaw}) lets
 * tests check that clients survive a broken link and malformed input.
 */
public final class PbxSimulator implements RunningPbx {

    private static final Logger LOG = Logger.getLogger(PbxSimulator.class.getName());

    private final SimulatorSettings settings;
    private final Switchboard switchboard;
    private final AmiServer server;
    private final ScheduledExecutorService scheduler;
    private volatile OutboundOutcome originateOutcome = OutboundOutcome.ANSWERED;
    private volatile TrafficGenerator traffic;
    private final List<TraceReplayer> replays = new CopyOnWriteArrayList<>();
    /** Talk times of Originate calls; used on the scheduler thread only. */
    private final Random originateRandom;

    private PbxSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.originateRandom = new Random(settings.seed());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pbx-sim-scheduler");
            t.setDaemon(true);
            return t;
        });
        AmiServer[] serverRef = new AmiServer[1];
        this.switchboard = new Switchboard(settings, event -> serverRef[0].broadcast(event));
        this.switchboard.transferRings = this::transferRinging;
        this.server = new AmiServer(settings, new PbxActions(switchboard, this::runOriginate));
        serverRef[0] = server;
    }

    /**
     * A phone rings for a transferred customer (called with the switchboard locked): after the transfer ring time the
     * PBX gives up on it, as the dialplan's Dial timeout does; while generated traffic runs, the simulated agent answers
     * it after a ring time.
     */
    private void transferRinging(SimulatedCall call, int ring) {
        long timeout = (long) (settings.transferRingSeconds() * 1000);
        try {
            scheduler.schedule(guard(() -> call.ringTimedOut(ring)), timeout, TimeUnit.MILLISECONDS);
            TrafficGenerator running = traffic;
            if (running != null) {
                running.transferRinging(call, ring);
            }
        } catch (RejectedExecutionException closed) {
            // the simulator is shutting down: nobody rings out or answers any more
        }
    }

    /** Starts the AMI server; it accepts clients as soon as this returns. */
    public static PbxSimulator start(SimulatorSettings settings) throws IOException {
        PbxSimulator simulator = new PbxSimulator(settings);
        simulator.server.start();
        LOG.info(() -> "PBX simulator listening for AMI on " + settings.host() + ":" + simulator.port());
        return simulator;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The bound AMI port (the ephemeral one when the settings said 0). */
    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String username() {
        return settings.username();
    }

    @Override
    public String secret() {
        return settings.secret();
    }

    // ---- scripted calls ------------------------------------------------------------------------------------

    /** A customer calls in and waits in the configured queue. */
    public SimulatedCall inboundCall(String customerNumber) {
        return inboundCall(customerNumber, settings.queue());
    }

    /** A customer calls in and waits in {@code queue}, which must be the simulator's queue. */
    public SimulatedCall inboundCall(String customerNumber, String queue) {
        requireText(customerNumber, "customer number");
        if (!settings.queue().equals(queue)) {
            throw new IllegalArgumentException("the simulator has one queue, '" + settings.queue() + "', not '" + queue + "'");
        }
        return SimulatedCall.inbound(switchboard, customerNumber);
    }

    /** An answered outbound follow-up call: what Originate does, ending with agent and customer bridged. */
    public SimulatedCall outboundCall(String agentInterface, String customerNumber, String campaign) {
        return outboundCall(agentInterface, customerNumber, campaign, OutboundOutcome.ANSWERED);
    }

    /**
     * An outbound follow-up call run synchronously to its outcome: the agent leg rings first (variables AGENT and
     * CAMPAIGN), then the customer is dialed. ANSWERED leaves the call CONNECTED; the other outcomes leave it ENDED.
     */
    public SimulatedCall outboundCall(String agentInterface, String customerNumber, String campaign, OutboundOutcome outcome) {
        requireText(customerNumber, "customer number");
        requireText(campaign, "campaign");
        SimulatedCall call;
        synchronized (switchboard) {
            SimQueueMember member = switchboard.member(agentInterface);
            call = SimulatedCall.outbound(switchboard, agentInterface, customerNumber, SimulatedCall.campaignVariables(campaign, member), null);
            if (outcome == OutboundOutcome.AGENT_NO_ANSWER) {
                return call.noAnswer();
            }
            call.answer();
            switch (outcome) {
                case BUSY -> call.customerBusy();
                case NO_ANSWER -> call.noAnswer();
                default -> call.answer();
            }
        }
        return call;
    }

    /**
     * With {@code consults}, the AMI Atxfer action starts a consultation as Asterisk 22 does (lab recording s8b: Hold, the
     * Local channel dials the colleague, whose phone rings until {@link SimulatedCall#answerConsultation()}); the AMI
     * Hangup of the transferer's channel then completes it (BridgeMerge, AttendedTransfer) and CancelAtxfer cancels it,
     * the transferer back with the customer. Without (the default), the Atxfer completes at once.
     */
    public void setAtxferConsults(boolean consults) {
        synchronized (switchboard) {
            switchboard.atxferConsults = consults;
        }
    }

    /** How calls started by the AMI Originate action end up (default ANSWERED, then the customer hangs up after a talk time). */
    public void setOriginateOutcome(OutboundOutcome outcome) {
        this.originateOutcome = Objects.requireNonNull(outcome);
    }

    /**
     * The switchboard for code beside the simulator that drives it event by event (the benchmark's load generator, in
     * the tests): its lock, its event count, raw events, the members and channels.
     */
    public SwitchboardAccess switchboardAccess() {
        return new SwitchboardAccess(switchboard);
    }

    /** Pauses or unpauses a member as the QueuePause action does (QueueMemberPause event); paused members get no queue calls. */
    public void pauseAgent(String agentInterface, boolean paused, String reason) {
        synchronized (switchboard) {
            switchboard.pause(switchboard.member(agentInterface), paused, reason);
        }
    }

    /** Why the member is paused ({@code ""} when paused without a reason), or null while it is not paused. */
    public String pausedReason(String agentInterface) {
        synchronized (switchboard) {
            SimQueueMember member = switchboard.member(agentInterface);
            return member.paused ? member.pausedReason : null;
        }
    }

    /**
     * Whether the agent's leg of an answered queue call pauses its member with reason {@code wrap-up} as it hangs up,
     * as asterisk-config's hangup handler does (pushed by the queue's membergosub {@code sub-record}); default
     * true. Switch it off to drive the simulator without a Cuecard that un-pauses agents after their wrap-up.
     */
    public void setWrapUpPauseAtHangup(boolean pause) {
        synchronized (switchboard) {
            switchboard.wrapUpPauseAtHangup = pause;
        }
    }

    /**
     * The PBX restarts: every client's connection is cut, live calls vanish without events, and the queue members come
     * back as configured (idle, unpaused: the pauses are lost, as they are when Asterisk restarts). Clients may log in
     * again at once; the first {@code QueueStatus} after the restart is answered with Asterisk's error for an unknown
     * action, as when a client asks before app_queue has loaded.
     */
    public void restart() {
        synchronized (switchboard) {
            server.dropConnections();
            switchboard.restart();
        }
    }

    /**
     * Runs {@code steps} (e.g. a hang-up) with the events they cause withheld from every client, as when the client's
     * library drops them (asterisk-java's full event queue): the PBX's state changes, the client never hears of it.
     */
    public void losingEvents(Runnable steps) {
        synchronized (switchboard) {
            switchboard.losing = true;
            try {
                steps.run();
            } finally {
                switchboard.losing = false;
            }
        }
    }

    /** Calls with at least one live channel. */
    public List<SimulatedCall> activeCalls() {
        synchronized (switchboard) {
            return switchboard.calls();
        }
    }

    /** Names of all live channels, as CoreShowChannels lists them. */
    public List<String> liveChannels() {
        synchronized (switchboard) {
            return switchboard.channels().stream().map(c -> c.name).toList();
        }
    }

    private void runOriginate(String agentInterface, String customerNumber, Map<String, String> variables, String actionId) {
        OutboundOutcome outcome = originateOutcome;
        long ring = (long) (settings.ringSeconds() * 1000);
        scheduler.execute(guard(() -> {
            SimulatedCall call = SimulatedCall.outbound(switchboard, agentInterface, customerNumber, variables, actionId);
            scheduler.schedule(guard(() -> {
                if (call.phase() != SimulatedCall.Phase.AGENT_RINGING) {
                    return;
                }
                if (outcome == OutboundOutcome.AGENT_NO_ANSWER) {
                    call.noAnswer();
                    return;
                }
                call.answer();
                scheduler.schedule(guard(() -> finishOriginate(call, outcome)), ring, TimeUnit.MILLISECONDS);
            }), ring, TimeUnit.MILLISECONDS);
        }));
    }

    private void finishOriginate(SimulatedCall call, OutboundOutcome outcome) {
        if (call.phase() != SimulatedCall.Phase.CUSTOMER_RINGING) {
            return;
        }
        switch (outcome) {
            case BUSY -> call.customerBusy();
            case NO_ANSWER -> call.noAnswer();
            default -> {
                call.answer();
                double talk = settings.minTalkSeconds() + originateRandom.nextDouble() * (settings.maxTalkSeconds() - settings.minTalkSeconds());
                scheduler.schedule(guard(() -> {
                    if (call.phase() == SimulatedCall.Phase.CONNECTED) {
                        call.customerHangsUp();
                    }
                }), (long) (talk * 1000), TimeUnit.MILLISECONDS);
            }
        }
    }

    // ---- traffic -------------------------------------------------------------------------------------------

    /** Starts generated inbound traffic at the configured rate. */
    @Override
    public void startTraffic() {
        startTraffic(settings.callsPerMinute());
    }

    /** Starts generated inbound traffic at {@code callsPerMinute}, seeded from the settings. */
    public synchronized void startTraffic(double callsPerMinute) {
        if (traffic != null) {
            throw new IllegalStateException("traffic is already running");
        }
        traffic = new TrafficGenerator(switchboard, scheduler, settings, callsPerMinute, number -> inboundCall(number));
        traffic.start();
    }

    /**
     * Stops new generated calls. The future completes with the number of calls the generator started, once every one
     * of them has ended (calls in progress run to their natural end).
     */
    public synchronized CompletableFuture<Integer> stopTraffic() {
        if (traffic == null) {
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<Integer> drained = traffic.stop();
        traffic = null;
        return drained;
    }

    // ---- replay --------------------------------------------------------------------------------------------

    /**
     * Replays recorded traces to every logged-in client (one that logs in while the replay runs gets the rest): each
     * file's packets after its login reply and before its logoff reply, byte for byte with their original Timestamps.
     * Streaming starts once at least one client receives events. {@code speed} 1 keeps the recorded pacing, 2 is twice
     * as fast, 0 sends as fast as possible. Replayed calls do not appear in the list actions' live state.
     *
     * @return completes with the number of packets sent
     * @throws java.io.UncheckedIOException if a file cannot be read (nothing is sent then)
     */
    @Override
    public CompletableFuture<Integer> replay(List<Path> files, double speed) {
        TraceReplayer replayer = new TraceReplayer(files, speed, server::broadcastAsRecorded, server::eventSessionCount);
        replays.add(replayer);
        CompletableFuture<Integer> done = replayer.start();
        done.whenComplete((sent, failure) -> replays.remove(replayer));
        return done;
    }

    // ---- faults --------------------------------------------------------------------------------------------

    /** Cuts every client's TCP connection at once, as a network failure mid-call would. */
    public void dropConnections() {
        server.dropConnections();
    }

    /** While false, new TCP connections are accepted and closed at once, before the banner. */
    public void setAccepting(boolean accepting) {
        server.setAccepting(accepting);
    }

    /** Writes {@code raw} unchanged to every logged-in client, for malformed-input tests. */
    public void sendRaw(String raw) {
        server.sendRaw(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code raw} byte for byte to every logged-in client in one piece: any bytes (not only UTF-8), and many
     * packets at once (fuzzing sends its packets in batches this way).
     */
    public void sendRaw(byte[] raw) {
        server.sendRaw(raw.clone());
    }

    /** Sends one event (stamped with Privilege as given and a fresh Timestamp) to every client, e.g. an unknown event type. */
    public void sendEvent(AmiPacket event) {
        server.broadcast(event);
    }

    /**
     * Events handed to logged-in clients that receive events, counted once per client that took the event: the
     * broadcast events of calls, traffic, replays and {@link #sendEvent}, and the {@code FullyBooted} event after each
     * login. Not counted: replies and list items of actions, {@link #sendRaw} bytes, and events while no client is
     * logged in (they reach no one, as with Asterisk, which replays nothing). An event counted here and still in a
     * session's outbox when its connection is cut is lost with it.
     */
    public long eventsSent() {
        return server.eventsSent();
    }

    /** Logged-in clients that receive events. */
    public int connectedClients() {
        return server.eventSessionCount();
    }

    /** Stops traffic and replays, closes every client connection and the listening socket. */
    @Override
    public void close() {
        replays.forEach(TraceReplayer::cancel);
        scheduler.shutdownNow();
        server.close();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private Runnable guard(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "simulated call step skipped: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulated call step failed", e);
            }
        };
    }
}
