package io.cuecard.call.service;

import io.cuecard.agent.LiveAgentDirectory;
import io.cuecard.call.CallChange;
import io.cuecard.call.CallObserver;
import io.cuecard.call.CallTracker;
import io.cuecard.call.CallView;
import io.cuecard.call.ConsoleResult;
import io.cuecard.call.PbxControl;
import io.cuecard.call.TrackerSettings;
import io.cuecard.call.TransferRefused;
import io.cuecard.call.TransferRequest;
import io.cuecard.call.event.CallEvent;
import io.cuecard.call.log.CallLogService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the call tracker on its one thread, {@code cuecard-calls}: PBX events (translated there, in order),
 * console actions and timers all queue up for it, so the state machine never needs a lock. Every change goes to
 * the observers: the call log writer, the consoles, and this service's own view of the live calls.
 */
@ApplicationScoped
public class CallService {

    private static final Logger LOG = Logger.getLogger(CallService.class);

    /** The answer to a console action; {@code code} names a refusal the console handles (e.g. {@code consent-missing}). */
    public record ActionResult(boolean ok, String message, String code) {
        public static final ActionResult OK = new ActionResult(true, null, null);

        public ActionResult(boolean ok, String message) {
            this(ok, message, null);
        }
    }

    @Inject
    LiveAgentDirectory agents;

    @Inject
    PbxControl pbx;

    @Inject
    CallLogService callLogReader;

    @Inject
    Instance<CallObserver> observers;

    @Inject
    CallConfig config;

    @Inject
    MeterRegistry metrics;

    private final Map<String, CallView> live = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    /** The largest lag of the PBX inputs processed since the overload monitor last asked; -1: none. */
    private final AtomicLong maxLag = new AtomicLong(-1);
    private ThreadPoolExecutor thread;
    private java.util.concurrent.ScheduledExecutorService timer;
    private CallTracker tracker;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        List<CallObserver> all = observers.stream().toList();
        CallObserver fanOut = new CallObserver() {
            @Override
            public void callChanged(CallChange change) {
                CallView call = change.call();
                if (call.finished()) {
                    live.remove(call.id());
                } else {
                    live.put(call.id(), call);
                }
                for (CallObserver o : all) {
                    o.callChanged(change);
                }
            }

            @Override
            public void transferRefused(TransferRefused refused) {
                for (CallObserver o : all) {
                    o.transferRefused(refused);
                }
            }
        };
        // the PBX's answers to transfer actions come back to the call thread like every other input
        tracker = new CallTracker(agents, pbx, fanOut,
                new TrackerSettings(config.greetingAutoAdvance(), config.wrapUpMaximum(), config.consentWindow(),
                        config.longHold()), Clock.systemUTC(), task -> thread.execute(task));
        thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "cuecard-calls");
            t.setDaemon(true);
            return t;
        });
        metrics.gaugeCollectionSize("cuecard.calls.queue", List.of(), queue);
        metrics.gaugeMapSize("cuecard.calls.live", List.of(), live);
        metrics.more().counter("cuecard.ami.timestamps.implausible", List.of(), lateness, TimestampLateness::misstamped);
        live.clear();
        // the live calls and the open wrap-ups (with their deadlines) of the call log: a restart keeps both
        for (CallLogService.RestorableCall call : callLogReader.restorableCalls()) {
            thread.execute(() -> {
                tracker.restore(call.call(), call.wrapUpDeadlines());
                if (!call.call().finished()) {
                    live.put(call.call().id(), call.call()); // the consoles see the call (a wrap-up: Ready) at once
                    // published as every change is: the console hub indexes it by agent, so the agent's console opens
                    // on the wrap-up (not "idle") after the restart (seen live in the lab, docs/lab/issue-10/w1-…)
                    fanOut.callChanged(new CallChange(call.call(), null));
                }
            });
        }
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cuecard-calls-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> thread.execute(() -> tracker.tick(Instant.now())), 1, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        thread.shutdown();
        try {
            // what is queued still reaches the call log (and a start after this one takes the queue over)
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warnf("The call thread did not finish within 2 s; %d task(s) left", queue.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PBX input: the translation runs on the call thread too, so translator and tracker see one ordered stream. */
    public void fromPbx(Supplier<List<CallEvent>> translation) {
        fromPbx(translation, null);
    }

    /**
     * As {@link #fromPbx(Supplier)}, for one PBX event whose {@code Timestamp} header said {@code pbxTimestamp} (null when
     * it had none): the observers are told it with every change the event causes, for the AMI→console latency.
     */
    public void fromPbx(Supplier<List<CallEvent>> translation, Instant pbxTimestamp) {
        thread.execute(new PbxTask(translation, pbxTimestamp, System.nanoTime()));
    }

    /** One PBX input on its way to the call thread, stamped ({@code System.nanoTime}) when it was queued. */
    private final class PbxTask implements Runnable {
        private final Supplier<List<CallEvent>> translation;
        private final Instant pbxTimestamp;
        final long queuedAt;

        PbxTask(Supplier<List<CallEvent>> translation, Instant pbxTimestamp, long queuedAt) {
            this.translation = translation;
            this.pbxTimestamp = pbxTimestamp;
            this.queuedAt = queuedAt;
        }

        @Override
        public void run() {
            recordLag(Math.max(System.nanoTime() - queuedAt, pbxAge(pbxTimestamp)));
            List<CallEvent> events;
            try {
                events = translation.get();
            } catch (RuntimeException e) {
                LOG.warnf(e, "A PBX event could not be translated; skipped");
                return;
            }
            for (CallEvent e : events) {
                try {
                    tracker.apply(e, pbxTimestamp);
                } catch (RuntimeException ex) {
                    LOG.errorf(ex, "Call event %s could not be applied; skipped", e);
                }
            }
        }
    }

    private static final long MAX_AGE_SECONDS = 1_000_000_000L;
    /** Call thread only. */
    private final TimestampLateness lateness = new TimestampLateness(System.nanoTime());

    /** How much later than usual a PBX event is taken up, by its AMI {@code Timestamp} (see {@link TimestampLateness}); 0 without one. */
    private long pbxAge(Instant timestamp) {
        if (timestamp == null) {
            return 0;
        }
        Instant now = Instant.now();
        // within ±30 years, so a garbled Timestamp cannot overflow the nanoseconds
        long seconds = Math.max(-MAX_AGE_SECONDS, Math.min(MAX_AGE_SECONDS, now.getEpochSecond() - timestamp.getEpochSecond()));
        long age = seconds * 1_000_000_000L + (now.getNano() - timestamp.getNano());
        return lateness.lateness(age, System.nanoTime());
    }

    /** On the call thread, once per PBX input: keeps the largest lag since the last {@link #takeMaxLagNanos()}. */
    private void recordLag(long lag) {
        long max = maxLag.get();
        while (lag > max && !maxLag.compareAndSet(max, lag)) {
            max = maxLag.get();
        }
    }

    /**
     * The largest lag (queued → taken up by the call thread, nanoseconds) of the PBX inputs processed since the previous
     * call, or -1 when none was; resets it. For the overload monitor.
     */
    public long takeMaxLagNanos() {
        return maxLag.getAndSet(-1);
    }

    /** How long the PBX input at the head of the call thread's queue has waited (0 when the head is something else). */
    public long oldestWaitingNanos(long now) {
        return queue.peek() instanceof PbxTask task ? Math.max(0, now - task.queuedAt) : 0;
    }

    public ActionResult confirmPhrase(String callId, String username) {
        return await(() -> tracker.confirmPhrase(callId, username, Instant.now()));
    }

    public ActionResult moveToClosing(String callId, String username) {
        return await(() -> tracker.moveToClosing(callId, username, Instant.now()));
    }

    public ActionResult ready(String username) {
        return await(() -> tracker.ready(username, Instant.now()));
    }

    public ActionResult recordHoldConsent(String callId, String username) {
        return await(() -> tracker.recordHoldConsent(callId, username, Instant.now()));
    }

    public ActionResult recordTransferConsent(String callId, String username) {
        return await(() -> tracker.recordTransferConsent(callId, username, Instant.now()));
    }

    /** Transfers the customer of {@code callId} to {@code extension} in the configured transfer context. */
    public ActionResult transfer(String callId, String username, TransferRequest.Mode mode, String extension) {
        TransferRequest request = new TransferRequest(mode, extension, config.transferContext());
        return await(() -> tracker.requestTransfer(callId, username, request, Instant.now()));
    }

    /** The agent consulting a colleague completes the attended transfer (their leg leaves the consultation). */
    public ActionResult completeTransfer(String callId, String username) {
        return await(() -> tracker.completeTransfer(callId, username, Instant.now()));
    }

    /** The agent consulting a colleague cancels the attended transfer and is back with the customer. */
    public ActionResult cancelTransfer(String callId, String username) {
        return await(() -> tracker.cancelTransfer(callId, username, Instant.now()));
    }

    public ActionResult recordCallback(String callId, String username, String note) {
        return await(() -> tracker.recordCallback(callId, username, note, Instant.now()));
    }

    /** The extension a transfer to {@code queue} dials ({@code cuecard.call.queue-extensions}). */
    public Optional<String> queueExtension(String queue) {
        for (String entry : config.queueExtensions()) {
            int eq = entry.indexOf('=');
            if (eq > 0 && entry.substring(0, eq).trim().equals(queue)) {
                return Optional.of(entry.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** Flags the call: notes with forbidden phrases were submitted with a reason ({@code detail}). */
    public ActionResult recordJustification(String callId, String username, String detail) {
        return await(() -> tracker.recordJustification(callId, username, detail, Instant.now()));
    }

    /**
     * The calls not finished: live, or an agent still wrapping them up. The one published copy of them, updated on the
     * call thread before the observers are told of a change (the console hub reads it).
     */
    public Collection<CallView> liveCalls() {
        return live.values();
    }

    /** A call not finished (see {@link #liveCalls}). */
    public Optional<CallView> liveCall(String id) {
        return Optional.ofNullable(live.get(id));
    }

    public int queued() {
        return queue.size();
    }

    private ActionResult await(Callable<ConsoleResult> action) {
        Future<ConsoleResult> result = thread.submit(action);
        try {
            return switch (result.get(5, TimeUnit.SECONDS)) {
                case OK -> ActionResult.OK;
                case NOT_YOUR_CALL -> new ActionResult(false, "This call's stage belongs to another agent");
                case NO_SUCH_CALL -> new ActionResult(false, "No such live call");
                case WRONG_STAGE -> new ActionResult(false, "Not possible in the call's current stage");
                case CONSENT_MISSING -> new ActionResult(false, "Tick \"customer agreed\" before transferring: no transfer"
                        + " consent in the last " + config.consentWindow().toSeconds() + " s", "consent-missing");
            };
        } catch (java.util.concurrent.TimeoutException e) {
            return new ActionResult(false, "The call tracker is busy; try again");
        } catch (Exception e) {
            LOG.error("Console action failed", e);
            return new ActionResult(false, "The action failed: " + e.getMessage());
        }
    }
}
