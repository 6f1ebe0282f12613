package io.cuecard.bench;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.simulator.SwitchboardAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The PBX simulator's load mode, for the benchmark (test code: the simulator ships without it and is driven through
 * {@link PbxSimulator#switchboardAccess()}): {@code A} agents each on a connected call, {@code Q} callers waiting in
 * the queue, then a paced stream of {@code E} AMI events a second in the recorded traces' mix. The call share of the
 * stream is real call activity (an agent puts the customer on hold or resumes; a waiting caller gives up and a new one
 * joins the queue), each emitting the events Asterisk emits for it; the rest is noise copied from the traces (VarSet,
 * Newexten, CEL, RTCP, device and member state…) re-addressed to live channels. Every event gets its {@code Timestamp}
 * as the simulator writes it to the socket.
 *
 * <p>Calls come and go as in a contact centre: after {@link #HOLDS_PER_CALL} holds the customer hangs up; once the
 * agent is free again (Cuecard un-pauses the queue member when the agent is Ready after wrap-up) the longest-waiting
 * caller is put through to them and a new caller joins the queue, so the number of calls up and waiting stays put.
 *
 * <p>Per agent it counts the hold toggles and journals every change it makes on the agent's calls ({@link Change}: put
 * through, on hold, resumed, ended), each of which changes what the agent's console must show, so a benchmark can
 * check every frame's content against what happened, not only count frames.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Event types Cuecard's call model ignores; everything else in a trace is call activity. */
    private static final Set<String> NOISE = Set.of("varset", "cel", "newexten", "devicestatechange", "rtcpsent", "rtcpreceived",
            "queuememberstatus", "successfulauth", "challengesent");
    /** VarSet variables that are not noise: Cuecard reads them. */
    private static final Set<String> SIGNIFICANT_VARIABLES = Set.of("AGENT", "CAMPAIGN", "MIXMONITOR_FILENAME");
    /** Share of call operations that are queue churn (a caller gives up, a new one joins) rather than a hold toggle. */
    private static final double CHURN_SHARE = 0.1;
    /** Holds on a call before its customer hangs up. */
    static final int HOLDS_PER_CALL = 2;
    /** Events emitted per hold of the switchboard lock, so scripted steps from other threads interleave. */
    private static final int BATCH = 64;

    /** A change made on an agent's call, as the agent's console must show it. */
    public enum ChangeKind {
        /** The call was put through to the agent and answered: the agent is on it, not on hold, not ended. */
        CONNECTED,
        /** The customer was put on hold ({@link Change#holdCount()} holds so far, this one included). */
        HOLD,
        /** The customer is back from hold. */
        RESUMED,
        /** The customer hung up while the PBX link was up (a client received the events). */
        ENDED,
        /** The customer hung up while no client received events: the console learns it from the resync. */
        ENDED_UNSEEN
    }

    /**
     * One change on agent {@code agent}'s call {@code callId} (its Linkedid), in the order the generator made them.
     *
     * @param holdCount holds of the call so far
     */
    public record Change(int agent, ChangeKind kind, String callId, String customerNumber, int holdCount) {
    }

    /**
     * The recorded traces' event mix.
     *
     * @param callShare share of all recorded events that are call activity (not noise)
     * @param noise     the recorded noise events, in proportion
     */
    public record Mix(double callShare, List<AmiPacket> noise) {

        public Mix {
            noise = List.copyOf(noise);
            if (!(callShare > 0 && callShare <= 1) || noise.isEmpty()) {
                throw new IllegalArgumentException("a mix needs a call share in (0, 1] and some noise events");
            }
        }

        /**
         * The scenario traces the bench's mix is drawn from: the five recorded with the first Asterisk 22.10.1 (the
         * shared set). Fixed, so that a trace added for a test (the lab's attended transfers, ...) does not change the
         * load and every figure in docs/performance.md stays comparable.
         */
        static final List<String> MIX_TRACES = List.of("a-inbound-queue-answered-customer-hangup.txt",
                "b-inbound-hold-unhold.txt", "c-blind-transfer-agent1-to-agent2.txt", "e-caller-abandons-in-queue.txt",
                "f-outbound-originate-agent1-to-customer.txt");

        /** Counts the unsolicited events of the scenario traces of {@link #MIX_TRACES} in {@code dir}. */
        public static Mix fromTraces(Path dir) throws IOException {
            List<AmiPacket> noise = new ArrayList<>();
            int calls = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> MIX_TRACES.contains(f.getFileName().toString())).sorted().toList()) {
                    for (AmiPacket packet : AmiTrace.read(file).packets()) {
                        if (!packet.isEvent() || packet.get("ActionID") != null) {
                            continue;
                        }
                        if (isNoise(packet)) {
                            noise.add(packet);
                        } else {
                            calls++;
                        }
                    }
                }
            }
            return new Mix((double) calls / (calls + noise.size()), noise);
        }

        static boolean isNoise(AmiPacket event) {
            String type = event.event().toLowerCase(Locale.ROOT);
            if (!NOISE.contains(type)) {
                return false;
            }
            return !type.equals("varset") || !SIGNIFICANT_VARIABLES.contains(String.valueOf(event.get("Variable")).toUpperCase(Locale.ROOT));
        }
    }

    private final PbxSimulator simulator;
    private final SwitchboardAccess sb;
    private final Mix mix;
    private final Random random;
    /** Agent {@code i}'s call (null once it ended); guarded by the switchboard. */
    private final SimulatedCall[] agentCalls;
    private final String[] agentInterfaces;
    private final ArrayDeque<SimulatedCall> queued = new ArrayDeque<>();
    private final List<String> callIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicIntegerArray toggles;
    /** Hold toggles of agent {@code i}'s current call; guarded by the switchboard. */
    private final int[] callToggles;
    /**
     * Where agent {@code i} stands after a call ended: {@link #WRAP_UP_AWAITED} until Cuecard pauses the member for the
     * wrap-up (at most {@link #WRAP_UP_WAIT_NANOS}), {@link #WRAP_UP} until the agent is Ready (un-paused), then free.
     */
    private final int[] afterCall;
    private final long[] endedAt;
    /** Agent {@code i}'s changes not yet taken ({@link #takeChanges}); guarded by the switchboard. */
    private final List<List<Change>> changes = new ArrayList<>();
    private static final int FREE = 0;
    private static final int WRAP_UP_AWAITED = 1;
    private static final int WRAP_UP = 2;
    private static final long WRAP_UP_WAIT_NANOS = 5_000_000_000L;
    private volatile double eventsPerSecond;
    private volatile boolean callActivity = true;
    private volatile boolean running;
    private Thread pacer;
    private long customerNumbers = 4_930_100_000_000L;
    /** Guarded by the switchboard. */
    private long callEvents;
    private long noiseEvents;

    /** Load mode on {@code simulator}: calls and a paced event stream in {@code mix}, random choices from {@code seed}. */
    public LoadGenerator(PbxSimulator simulator, Mix mix, long seed) {
        this.simulator = simulator;
        this.sb = simulator.switchboardAccess();
        this.mix = mix;
        this.random = new Random(seed);
        this.agentInterfaces = sb.memberInterfaces().toArray(String[]::new);
        this.agentCalls = new SimulatedCall[agentInterfaces.length];
        this.toggles = new AtomicIntegerArray(agentInterfaces.length);
        this.callToggles = new int[agentInterfaces.length];
        this.afterCall = new int[agentInterfaces.length];
        this.endedAt = new long[agentInterfaces.length];
        for (int i = 0; i < agentInterfaces.length; i++) {
            changes.add(new ArrayList<>());
        }
    }

    /**
     * Puts the first {@code agents} queue members on a connected inbound call each and {@code waiting} callers in the
     * queue, at most {@code callsPerSecond} new calls a second.
     */
    public void setUp(int agents, int waiting, double callsPerSecond) {
        if (agents > agentInterfaces.length) {
            throw new IllegalArgumentException("only " + agentInterfaces.length + " agents are queue members, not " + agents);
        }
        long pause = (long) (1_000_000_000L / Math.max(1, callsPerSecond));
        for (int i = 0; i < agents; i++) {
            SimulatedCall call = newCaller().ringAgent(agentInterfaces[i]).answer();
            synchronized (sb.lock()) {
                agentCalls[i] = call;
                callToggles[i] = 0;
                afterCall[i] = FREE;
                changed(i, ChangeKind.CONNECTED, call);
            }
            LockSupport.parkNanos(pause);
        }
        for (int i = 0; i < waiting; i++) {
            SimulatedCall call = newCaller();
            synchronized (sb.lock()) {
                queued.add(call);
            }
            LockSupport.parkNanos(pause);
        }
    }

    private SimulatedCall newCaller() {
        SimulatedCall call = simulator.inboundCall("+" + customerNumbers++);
        callIds.add(call.linkedid());
        return call;
    }

    /** Starts (or re-paces) the event stream; 0 stops it. */
    public synchronized void pace(double perSecond) {
        eventsPerSecond = perSecond;
        if (perSecond > 0 && pacer == null) {
            running = true;
            pacer = new Thread(this::paceLoop, "pbx-sim-load");
            pacer.setDaemon(true);
            pacer.start();
        } else if (perSecond <= 0 && pacer != null) {
            running = false;
            try {
                pacer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pacer = null;
        }
    }

    /** Whether the stream includes call activity (hold toggles, queue churn) or only noise, e.g. while the link is down. */
    public void callActivity(boolean on) {
        callActivity = on;
    }

    private void paceLoop() {
        double rate = eventsPerSecond;
        long start = System.nanoTime();
        long sentAtStart = emitted();
        while (running) {
            if (eventsPerSecond != rate) {
                rate = eventsPerSecond;
                start = System.nanoTime();
                sentAtStart = emitted();
            }
            long due = (long) (rate * (System.nanoTime() - start) / 1e9);
            long sent;
            do {
                synchronized (sb.lock()) {
                    sent = sb.emitted() - sentAtStart;
                    for (int n = 0; n < BATCH && sent < due; n++) {
                        step();
                        sent = sb.emitted() - sentAtStart;
                    }
                }
            } while (running && sent < due);
            LockSupport.parkNanos(500_000);
        }
    }

    /** One step of the mix: call activity while its share is behind, else one noise event. Switchboard held. */
    private void step() {
        long before = sb.emitted();
        boolean call = callActivity && callEvents < mix.callShare() * (callEvents + noiseEvents + 1);
        if (call && (random.nextDouble() >= CHURN_SHARE || !churn()) && !toggleHold()) {
            call = false;
        }
        if (!call) {
            noise();
            noiseEvents += sb.emitted() - before;
        } else {
            callEvents += sb.emitted() - before;
        }
    }

    /**
     * A random agent's call goes on hold or comes back; after {@link #HOLDS_PER_CALL} holds it ends instead, and an
     * agent without a call who is free gets the longest-waiting caller. False when no agent could be served.
     */
    private boolean toggleHold() {
        for (int tries = 0; tries < 8; tries++) {
            int i = random.nextInt(agentCalls.length);
            SimulatedCall call = agentCalls[i];
            if (call == null) {
                if (putThrough(i)) {
                    return true;
                }
            } else if (call.phase() != SimulatedCall.Phase.CONNECTED) {
                agentCalls[i] = null;
            } else if (call.isOnHold()) {
                call.unhold();
                toggled(i);
                changed(i, ChangeKind.RESUMED, call);
                return true;
            } else if (callToggles[i] >= 2 * HOLDS_PER_CALL) {
                agentCalls[i] = null;
                call.customerHangsUp();
                ended(i, call);
                return true;
            } else {
                call.hold();
                toggled(i);
                changed(i, ChangeKind.HOLD, call);
                return true;
            }
        }
        return false;
    }

    private void ended(int i, SimulatedCall call) {
        afterCall[i] = WRAP_UP_AWAITED;
        endedAt[i] = System.nanoTime();
        changed(i, endKind(), call);
    }

    /** How the end of a call shows: seen as it happens while a client receives events, else only at the next resync. */
    private ChangeKind endKind() {
        return simulator.connectedClients() > 0 ? ChangeKind.ENDED : ChangeKind.ENDED_UNSEEN;
    }

    /** Journals a change on agent {@code i}'s call. Switchboard held. */
    private void changed(int i, ChangeKind kind, SimulatedCall call) {
        changes.get(i).add(new Change(i, kind, call.linkedid(), call.customerNumber(), (callToggles[i] + 1) / 2));
    }

    private void toggled(int i) {
        callToggles[i]++;
        toggles.incrementAndGet(i);
    }

    /** The longest-waiting caller is put through to agent {@code i} if the agent is free; a new caller joins the queue. */
    private boolean putThrough(int i) {
        String member = agentInterfaces[i];
        boolean paused = sb.paused(member);
        if (afterCall[i] == WRAP_UP_AWAITED && (paused || System.nanoTime() - endedAt[i] > WRAP_UP_WAIT_NANOS)) {
            afterCall[i] = paused ? WRAP_UP : FREE;
        } else if (afterCall[i] == WRAP_UP && !paused) {
            afterCall[i] = FREE;
        }
        if (afterCall[i] != FREE || !sb.available(member) || queued.isEmpty()) {
            return false;
        }
        SimulatedCall caller = queued.poll();
        caller.ringAgent(agentInterfaces[i]).answer();
        agentCalls[i] = caller;
        callToggles[i] = 0;
        changed(i, ChangeKind.CONNECTED, caller);
        queued.add(newCaller());
        return true;
    }

    /** The longest-waiting caller gives up, a new one joins the queue; false when nobody waits. */
    private boolean churn() {
        SimulatedCall gone = queued.poll();
        if (gone == null) {
            return false;
        }
        gone.abandon();
        queued.add(newCaller());
        return true;
    }

    /** One recorded noise event, re-addressed to a live channel of a random agent call. */
    private void noise() {
        AmiPacket template = mix.noise().get(random.nextInt(mix.noise().size()));
        SwitchboardAccess.Channel channel = randomChannel();
        if (channel == null || template.get("Channel") == null) {
            sb.emit(template);
            return;
        }
        List<AmiPacket.Header> headers = new ArrayList<>(template.headers().size());
        for (AmiPacket.Header h : template.headers()) {
            String key = h.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "channel" -> headers.add(new AmiPacket.Header(h.key(), channel.name()));
                case "uniqueid" -> headers.add(new AmiPacket.Header(h.key(), channel.uniqueid()));
                case "linkedid" -> headers.add(new AmiPacket.Header(h.key(), channel.linkedid()));
                default -> headers.add(h);
            }
        }
        sb.emit(new AmiPacket(headers));
    }

    private SwitchboardAccess.Channel randomChannel() {
        for (int tries = 0; tries < 4; tries++) {
            SimulatedCall call = agentCalls[random.nextInt(agentCalls.length)];
            if (call != null) {
                String name = random.nextBoolean() ? call.customerChannel() : call.agentChannel();
                if (name != null) {
                    SwitchboardAccess.Channel channel = sb.channel(name).orElse(null);
                    if (channel != null) {
                        return channel;
                    }
                }
            }
        }
        return null;
    }

    // ---- ending calls -------------------------------------------------------------------------------------

    /**
     * Ends the call of some agent whose customer is not on hold (e.g. while the AMI link is down, when the hold state
     * could not reach Cuecard anyway); returns its Linkedid, null when no such call is up.
     */
    public String endSomeCall() {
        synchronized (sb.lock()) {
            for (int tries = 0; tries < 4 * agentCalls.length; tries++) {
                int i = random.nextInt(agentCalls.length);
                SimulatedCall call = agentCalls[i];
                if (call != null && call.phase() == SimulatedCall.Phase.CONNECTED && !call.isOnHold()) {
                    agentCalls[i] = null;
                    String id = call.linkedid();
                    call.customerHangsUp();
                    ended(i, call);
                    return id;
                }
            }
            return null;
        }
    }

    private void endAgentCall(int i) {
        synchronized (sb.lock()) {
            SimulatedCall call = agentCalls[i];
            if (call != null) {
                agentCalls[i] = null;
                if (call.phase() == SimulatedCall.Phase.CONNECTED) {
                    call.customerHangsUp();
                    changed(i, endKind(), call);
                }
            }
        }
    }

    /** Ends every call: customers on agent calls hang up, waiting callers give up. */
    public void hangUpAll() {
        for (int i = 0; i < agentCalls.length; i++) {
            endAgentCall(i);
        }
        synchronized (sb.lock()) {
            for (SimulatedCall call; (call = queued.poll()) != null; ) {
                call.abandon();
            }
        }
    }

    // ---- figures ------------------------------------------------------------------------------------------

    /** Events the simulator has emitted so far (all of them, not only this generator's). */
    public long emitted() {
        synchronized (sb.lock()) {
            return sb.emitted();
        }
    }

    /** Call-activity and noise events emitted by the paced stream so far. */
    public long[] streamEvents() {
        synchronized (sb.lock()) {
            return new long[] {callEvents, noiseEvents};
        }
    }

    /** Hold toggles of agent {@code i}'s call so far (each is one change the agent's console must show). */
    public int toggles(int i) {
        return toggles.get(i);
    }

    /** Agent {@code i}'s changes ({@link Change}) since the last time they were taken, oldest first. */
    public List<Change> takeChanges(int i) {
        synchronized (sb.lock()) {
            List<Change> taken = changes.get(i);
            changes.set(i, new ArrayList<>());
            return taken;
        }
    }

    /** The queue member interface of agent {@code i} (in the simulator's settings order). */
    public String agentInterface(int i) {
        return agentInterfaces[i];
    }

    /** Whether agent {@code i} still has a call that gets hold toggles. */
    public boolean hasCall(int i) {
        synchronized (sb.lock()) {
            return agentCalls[i] != null;
        }
    }

    /** The Linkedid of every call this generator started. */
    public List<String> callIds() {
        synchronized (callIds) {
            return List.copyOf(callIds);
        }
    }

    public Mix mix() {
        return mix;
    }

    @Override
    public void close() {
        pace(0);
    }
}
