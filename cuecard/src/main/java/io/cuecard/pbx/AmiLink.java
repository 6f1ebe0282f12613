package io.cuecard.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.jboss.logging.Logger;

/**
 * The AMI link to the PBX. Cuecard owns the connect loop: the first login and every reconnect are retried with
 * back-off (asterisk-java itself retries neither a failed first login nor faster than every 5 s); a keep-alive
 * Ping plus a socket read timeout detect a half-open link. After every (re)connect the live calls are resynced
 * from {@code CoreShowChannels} and {@code QueueStatus}.
 *
 * <p>The asterisk-java listener runs on the library's single event-pump thread: it only stamps the receipt time
 * and hands the event to {@link PbxEventPipeline}, whose one ordered consumer does all the work.
 */
@ApplicationScoped
public class AmiLink {

    private static final Logger LOG = Logger.getLogger(AmiLink.class);

    public enum State { STARTING, CONNECTING, CONNECTED, STOPPED }

    /** What the health check and the consoles are told about the link. */
    public record Status(State state, String host, int port, String asteriskVersion, Instant since, long reconnects, String lastError) {
    }

    @Inject
    AmiConfig config;

    @Inject
    PbxEventPipeline pipeline;

    @Inject
    MeterRegistry metrics;

    @Inject
    AmiEndpoint endpoint;

    @Inject
    PbxConfig pbxConfig;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lost = lock.newCondition();
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.STARTING, null, 0, null, Instant.now(), 0, null));
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong dropSweeps = new AtomicLong();
    private volatile Instant lastResyncAt;
    private volatile ManagerConnection connection;
    /** The connection whose loss was signalled last (a disconnect, a failed resync); guarded by {@link #lock}. */
    private ManagerConnection lostConnection;
    private volatile boolean running;
    private Thread supervisor;
    private PingThread pingThread;
    private ScheduledExecutorService sweeper;

    void onStart(@Observes @Priority(30) StartupEvent event) {
        metrics.gauge("cuecard.ami.connected", this, link -> link.status().state() == State.CONNECTED ? 1 : 0);
        metrics.more().counter("cuecard.ami.events", List.of(), eventsReceived);
        metrics.more().counter("cuecard.ami.reconnects", List.of(), reconnects);
        metrics.more().counter("cuecard.ami.resyncs", List.of(), resyncs);
        running = true;
        supervisor = new Thread(this::superviseLink, "cuecard-ami-link");
        supervisor.setDaemon(true);
        supervisor.start();
        if (pbxConfig.mode() != PbxConfig.Mode.REPLAY) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cuecard-ami-sweep");
                t.setDaemon(true);
                return t;
            });
            long sweepMillis = config.sweepInterval().toMillis();
            if (sweepMillis > 0) {
                sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * An overload episode in which asterisk-java dropped events is over. A dropped {@code Hangup} would leave its call
     * live (and its agent on the call) until the next periodic sweep, or for good with the sweep switched off: the
     * live channels are swept now, on the sweep thread, once the event queue has room again for the reply.
     */
    public void sweepAfterDroppedEvents(long dropped) {
        ScheduledExecutorService s = sweeper;
        if (dropped > 0 && s != null && !s.isShutdown()) {
            LOG.infof("Sweeping the live channels: asterisk-java dropped %d AMI event(s) during the overload", dropped);
            s.execute(() -> {
                if (sweep()) {
                    dropSweeps.incrementAndGet();
                }
            });
        }
    }

    /** Sweeps done after an overload episode with dropped events ({@link #sweepAfterDroppedEvents}). */
    public long dropSweeps() {
        return dropSweeps.get();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        if (pingThread != null) {
            pingThread.die();
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        abandon(connection);
        status.set(new Status(State.STOPPED, null, 0, null, Instant.now(), reconnects.get(), null));
    }

    public Status status() {
        return status.get();
    }

    public boolean connected() {
        ManagerConnection c = connection;
        return c != null && c.getState() == ManagerConnectionState.CONNECTED && status.get().state() == State.CONNECTED;
    }

    /**
     * Unsolicited PBX events received so far (metric {@code cuecard.ami.events}): not the list items answering
     * Cuecard's own actions ({@code CoreShowChannel}, {@code QueueEntry} … of a resync or sweep), not asterisk-java's
     * pseudo events (connect, disconnect, protocol identifier).
     */
    public long eventsReceived() {
        return eventsReceived.get();
    }

    /** Resyncs completed so far (metric {@code cuecard.ami.resyncs}): one after every (re)connect. */
    public long resyncs() {
        return resyncs.get();
    }

    /**
     * When the last resync was completed: the PBX's live channels and queue entries were listed and the call tracker
     * has applied them (calls that ended while the link was down are closed, calls that began meanwhile are known).
     * Null before the first.
     */
    public Instant lastResyncAt() {
        return lastResyncAt;
    }

    /** Sends an action without waiting; the callback gets the response (or nothing when the link is down). */
    public boolean sendAsync(ManagerAction action, java.util.function.Consumer<ManagerResponse> callback) {
        ManagerConnection c = connection;
        if (c == null || c.getState() != ManagerConnectionState.CONNECTED) {
            return false;
        }
        try {
            c.sendAction(action, callback::accept);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not send %s: %s", action.getAction(), e.getMessage());
            return false;
        }
    }

    /** The connect loop: log in with back-off, resync, wait for the link to drop, repeat. */
    private void superviseLink() {
        long backoff = config.loginBackoffMin().toMillis();
        boolean first = true;
        long lastWarning = 0;
        while (running) {
            AmiEndpoint.Target target = endpoint.target();
            status.set(new Status(State.CONNECTING, target.host(), target.port(), null, Instant.now(), reconnects.get(), status.get().lastError()));
            ReaderHardenedConnection c = connection(target, config.pingInterval());
            c.addEventListener(listener(c));
            // before any event of this connection: a channel first seen on it survives the resync's lists (the PBX
            // may have read them before the channel existed); one known from before must be in them to live on
            pipeline.markResync();
            try {
                c.login(config.events());
            } catch (Exception e) {
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                // a PBX that serves AMI and refuses the login is asked less often than one that is not there (yet)
                long cap = (c.bannerSeen() ? config.loginBackoffMax() : config.connectBackoffMax()).toMillis();
                backoff = Math.min(backoff, cap);
                if (first || System.nanoTime() - lastWarning >= TimeUnit.MINUTES.toNanos(1)) {
                    LOG.warnf("AMI login to %s:%d failed (%s); retrying in %d ms", target.host(), target.port(), why, backoff);
                    lastWarning = System.nanoTime();
                }
                status.set(new Status(State.CONNECTING, target.host(), target.port(), null, Instant.now(), reconnects.get(), why));
                abandon(c);
                first = false;
                sleep(backoff);
                backoff = Math.min(backoff * 2, cap);
                continue;
            }
            backoff = config.loginBackoffMin().toMillis();
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            connection = c;
            startPing(c);
            String version = String.valueOf(c.getVersion());
            LOG.infof("AMI link up: %s:%d (%s)", target.host(), target.port(), version);
            status.set(new Status(State.CONNECTED, target.host(), target.port(), version, Instant.now(), reconnects.get(), null));
            pipeline.linkUp(Instant.now());
            resync(c);
            awaitLoss(c);
            if (!running) {
                return;
            }
            LOG.warnf("AMI link to %s:%d lost; reconnecting", target.host(), target.port());
            connection = null;
            abandon(c);
            status.set(new Status(State.CONNECTING, target.host(), target.port(), null, Instant.now(), reconnects.get(), "link lost"));
            pipeline.linkLost(Instant.now());
        }
    }

    /**
     * A connection made as Cuecard makes its own: {@link ReaderHardenedConnection} (asterisk-java's bridge
     * back-compatibility layer off), a socket read timeout of three ping intervals (a half-open link is noticed) and a
     * 5 s socket timeout. The benchmark's asterisk-java yardstick and the AMI fuzz test's reference connection are made
     * by this method too, so they read the PBX exactly as Cuecard does.
     */
    static ReaderHardenedConnection connection(AmiEndpoint.Target target, Duration pingInterval) {
        ReaderHardenedConnection c = new ReaderHardenedConnection(target.host(), target.port(), target.username(), target.secret());
        c.setSocketReadTimeout((int) pingInterval.toMillis() * 3);
        c.setSocketTimeout(5_000);
        return c;
    }

    /** The keep-alive Ping of a connection (see {@link #connection}), started. */
    static PingThread startPing(ManagerConnection c, Duration interval) {
        PingThread ping = new PingThread(c);
        ping.setInterval(interval.toMillis());
        ping.setDaemon(true);
        ping.setName("cuecard-ami-ping");
        ping.start();
        return ping;
    }

    private ManagerEventListener listener(ManagerConnection c) {
        return event -> {
            // asterisk-java's pump thread: stamp, hand over, return. Nothing else happens here.
            if (event instanceof DisconnectEvent) {
                if (c == connection) {
                    signalLoss(c); // not for a failed login attempt or an abandoned connection
                }
                return;
            }
            if (!fromPbx(event)) {
                return;
            }
            eventsReceived.incrementAndGet();
            pipeline.accept(event, Instant.now());
        };
    }

    /**
     * An event the PBX sent of its own accord. asterisk-java also hands its listeners the list items answering our
     * actions (response events carrying the action's internal id; they reach {@link #listAction} as well), its own
     * connect/disconnect/protocol pseudo events, and pre-Asterisk-12 events it synthesises: a {@code DialEvent} copy
     * of every {@code DialBegin} (and {@code BridgeEvent}s, should {@link ReaderHardenedConnection} fail to switch that
     * layer off); Asterisk 12+ sends neither {@code Dial} nor {@code Bridge}. Some PBX events are response events in
     * asterisk-java without being answers: {@code QueueMemberStatus} carries no action id, and {@code OriginateResponse}
     * carries our Originate's id but is sent to every session as an event when the originated call is answered or fails.
     */
    static boolean fromPbx(ManagerEvent event) {
        if (event instanceof ResponseEvent r && r.getInternalActionId() != null) {
            return event instanceof OriginateResponseEvent;
        }
        Class<?> type = event.getClass();
        return type != DialEvent.class && type != BridgeEvent.class && !(event instanceof ConnectEvent
                || event instanceof DisconnectEvent || event instanceof ProtocolIdentifierReceivedEvent);
    }

    private void resync(ManagerConnection c) {
        try {
            List<ManagerEvent> channels = listAction(c, new CoreShowChannelsAction());
            List<ManagerEvent> queues = listAction(c, new QueueStatusAction());
            pipeline.resync(channels, queues, Instant.now(), () -> {
                lastResyncAt = Instant.now();
                resyncs.incrementAndGet();
            });
            LOG.info(resyncLine(channels, queues));
        } catch (Exception e) {
            LOG.warnf("Resync after connect failed (%s); dropping the link to try again", e.getMessage());
            signalLoss(c);
        }
    }

    /**
     * The log line of a resync: the channels and the waiting callers the lists showed (the lists' other items, such as
     * {@code CoreShowChannelsComplete} or a queue's {@code QueueParams} and {@code QueueMember}, are not counted).
     */
    static String resyncLine(List<ManagerEvent> channels, List<ManagerEvent> queues) {
        long live = channels.stream().filter(CoreShowChannelEvent.class::isInstance).count();
        long waiting = queues.stream().filter(QueueEntryEvent.class::isInstance).count();
        return "Resynced from the PBX: " + live + " live channel(s), " + waiting + " caller(s) waiting in queues";
    }

    /**
     * Sweeps the live channels once: the translator notes the channels it knows (in order with the events), then
     * {@code CoreShowChannels} is asked; noted channels it does not list are gone (see {@link AmiConfig#sweepInterval()}).
     *
     * @return false when the link is down or the PBX did not answer
     */
    boolean sweep() {
        ManagerConnection c = connection;
        if (c == null || c.getState() != ManagerConnectionState.CONNECTED || status.get().state() != State.CONNECTED) {
            return false;
        }
        try {
            pipeline.markSweep();
            List<ManagerEvent> channels = listAction(c, new CoreShowChannelsAction());
            pipeline.sweep(channels, Instant.now());
            return true;
        } catch (Exception e) {
            LOG.debugf("Channel sweep failed: %s", e.getMessage());
            return false;
        }
    }

    /**
     * The items of a list action's reply. A refused action fails (a list the PBX did not give is no list of no channels
     * or no members): e.g. {@code QueueStatus} while a starting Asterisk already serves AMI but has not loaded app_queue.
     */
    private static List<ManagerEvent> listAction(ManagerConnection c, EventGeneratingAction action) throws Exception {
        ResponseEvents reply = c.sendEventGeneratingAction(action, 10_000);
        if (reply.getResponse() instanceof ManagerError error) {
            throw new IOException(action.getAction() + " refused: " + error.getMessage());
        }
        List<ManagerEvent> events = new ArrayList<>(reply.getEvents().size());
        for (ResponseEvent e : reply.getEvents()) {
            events.add(e);
        }
        return events;
    }

    private void startPing(ManagerConnection c) {
        if (pingThread != null) {
            pingThread.die();
        }
        pingThread = startPing(c, config.pingInterval());
    }

    private void awaitLoss(ManagerConnection c) {
        lock.lock();
        try {
            while (running && c.getState() == ManagerConnectionState.CONNECTED && lostConnection != c) {
                lost.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** {@code c} is lost; a late disconnect of an earlier or a failed connection does not end the current one. */
    private void signalLoss(ManagerConnection c) {
        lock.lock();
        try {
            lostConnection = c;
            lost.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops a connection for good, including asterisk-java's own reconnect thread (Cuecard reconnects itself). */
    private static void abandon(ManagerConnection c) {
        if (c == null) {
            return;
        }
        ManagerConnectionState state = c.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                c.logoff();
            } catch (RuntimeException e) {
                LOG.debugf("Logoff of an abandoned AMI connection: %s", e.getMessage());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
