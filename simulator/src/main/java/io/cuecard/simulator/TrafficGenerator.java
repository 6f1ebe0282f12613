package io.cuecard.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Generates inbound queue traffic: callers arrive at random (Poisson, the configured calls per minute), wait in the
 * queue, are offered to free unpaused agents in member order (linear strategy), and talk for a random time. Some are
 * put on hold, transferred to a colleague, hung up on by the agent, let ring out, or abandon the queue. All steps run on
 * the simulator's single scheduler thread, so one seed gives one call pattern.
 */
final class TrafficGenerator {

    private static final Logger LOG = Logger.getLogger(TrafficGenerator.class.getName());
    private static final long DISPATCH_MILLIS = 200;

    private final Switchboard sb;
    private final ScheduledExecutorService scheduler;
    private final SimulatorSettings settings;
    private final Function<String, SimulatedCall> inbound;
    private final Random random;
    private final double callsPerMinute;
    private final Set<SimulatedCall> live = new HashSet<>();
    private final Set<SimulatedCall> ringingScheduled = new HashSet<>();
    private final CompletableFuture<Integer> drained = new CompletableFuture<>();
    private ScheduledFuture<?> dispatcher;
    /** The call this generator is transferring right now (its own transfers are answered by {@link #transferOrFinish}). */
    private SimulatedCall transferring;
    private volatile boolean arriving;
    private int generated;

    TrafficGenerator(Switchboard sb, ScheduledExecutorService scheduler, SimulatorSettings settings, double callsPerMinute,
            Function<String, SimulatedCall> inbound) {
        this.sb = sb;
        this.scheduler = scheduler;
        this.settings = settings;
        this.callsPerMinute = callsPerMinute;
        this.inbound = inbound;
        this.random = new Random(settings.seed());
    }

    void start() {
        if (callsPerMinute <= 0) {
            throw new IllegalArgumentException("calls per minute must be positive to generate traffic");
        }
        arriving = true;
        scheduler.execute(this::scheduleNextArrival);
        dispatcher = scheduler.scheduleWithFixedDelay(guard(this::dispatch), DISPATCH_MILLIS, DISPATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops new arrivals; the future completes with the number of generated calls once all of them have ended. */
    CompletableFuture<Integer> stop() {
        arriving = false;
        scheduler.execute(this::checkDrained);
        return drained;
    }

    private void scheduleNextArrival() {
        if (!arriving) {
            return;
        }
        double meanMillis = 60_000.0 / callsPerMinute;
        long delay = (long) (-Math.log(1 - random.nextDouble()) * meanMillis);
        scheduler.schedule(guard(() -> {
            if (arriving) {
                arrive();
                scheduleNextArrival();
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void arrive() {
        String number = "+4930" + (1_000_000 + random.nextInt(9_000_000));
        SimulatedCall call = inbound.apply(number);
        generated++;
        live.add(call);
        boolean impatient = random.nextDouble() < 0.1;
        double patience = impatient ? 2 + random.nextDouble() * 6 : 60 + random.nextDouble() * 60;
        later(patience, () -> {
            SimulatedCall.Phase phase = call.phase();
            if (phase == SimulatedCall.Phase.QUEUED || (phase == SimulatedCall.Phase.RINGING && ringingScheduled.contains(call))) {
                call.abandon();
                finished(call);
            }
        });
    }

    /** Offers waiting callers, oldest first, to free unpaused members in member order. */
    private void dispatch() {
        List<SimulatedCall> offers = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        synchronized (sb) {
            List<SimQueueMember> free = new ArrayList<>(sb.members().stream().filter(SimQueueMember::available).toList());
            for (SimulatedCall call : sb.waitingCallers()) {
                if (free.isEmpty()) {
                    break;
                }
                // generated callers, and any caller an unanswered transfer put back first in line
                if ((live.contains(call) || sb.priority(call) > 0) && call.phase() == SimulatedCall.Phase.QUEUED) {
                    offers.add(call);
                    agents.add(free.remove(0).iface);
                }
            }
            for (int i = 0; i < offers.size(); i++) {
                offers.get(i).ringAgent(agents.get(i));
            }
        }
        for (SimulatedCall call : offers) {
            ringingScheduled.add(call);
            later(ringTime(), () -> {
                ringingScheduled.remove(call);
                if (call.phase() != SimulatedCall.Phase.RINGING) {
                    return;
                }
                if (random.nextDouble() < 0.05) {
                    call.agentRingNoAnswer();
                } else {
                    call.answer();
                    talk(call);
                }
            });
        }
    }

    private void talk(SimulatedCall call) {
        double talk = settings.minTalkSeconds() + random.nextDouble() * (settings.maxTalkSeconds() - settings.minTalkSeconds());
        double roll = random.nextDouble();
        if (roll < 0.2) {
            later(talk / 3, () -> whenConnected(call, call::hold));
            later(talk / 2, () -> whenConnected(call, () -> {
                if (call.isOnHold()) {
                    call.unhold();
                }
            }));
            hangUpAfter(call, talk);
        } else if (roll < 0.3) {
            later(talk / 2, () -> whenConnected(call, () -> transferOrFinish(call, talk / 2)));
        } else {
            hangUpAfter(call, talk);
        }
    }

    private void transferOrFinish(SimulatedCall call, double remaining) {
        SimQueueMember target;
        synchronized (sb) {
            target = sb.members().stream().filter(SimQueueMember::available).findFirst().orElse(null);
        }
        if (target == null) {
            hangUpAfter(call, remaining);
            return;
        }
        transferring = call;
        try {
            call.blindTransfer(target.extension);
        } finally {
            transferring = null;
        }
        later(ringTime(), () -> {
            if (call.phase() == SimulatedCall.Phase.RINGING) {
                call.answer();
                hangUpAfter(call, remaining);
            }
        });
    }

    /**
     * A phone rings for a transferred customer that this generator did not transfer itself (a console's transfer, or
     * the transferring agent the customer comes back to): the simulated agent answers after a ring time unless paused
     * (in wrap-up, on a break; the transferring agent answers their returning customer even so), and the customer talks on and hangs up. An unanswered phone rings until the PBX gives up.
     */
    void transferRinging(SimulatedCall call, int ring) {
        if (call == transferring) {
            return;
        }
        // on the scheduler thread, as every step of the generator (the ring may start on an AMI action's thread)
        scheduler.execute(guard(() -> later(ringTime(), () -> {
            synchronized (sb) {
                SimQueueMember ringing = call.ringingMember();
                // a colleague in wrap-up or on a break lets it ring; the transferring agent takes their customer back
                // although paused (the wrap-up pause of the call they transferred)
                if (ringing == null || (ringing.paused && !call.isReturning()) || !call.ringsForTransfer(ring)) {
                    return;
                }
                call.answer();
            }
            double talk = settings.minTalkSeconds() + random.nextDouble() * (settings.maxTalkSeconds() - settings.minTalkSeconds());
            hangUpAfter(call, talk);
        })));
    }

    private void hangUpAfter(SimulatedCall call, double seconds) {
        boolean agentFirst = random.nextDouble() < 0.15;
        later(seconds, () -> whenConnected(call, () -> {
            if (agentFirst) {
                call.agentHangsUp();
            } else {
                call.customerHangsUp();
            }
            finished(call);
        }));
    }

    private void whenConnected(SimulatedCall call, Runnable step) {
        if (call.phase() == SimulatedCall.Phase.CONNECTED) {
            step.run();
        } else if (call.phase() == SimulatedCall.Phase.ENDED) {
            finished(call);
        }
    }

    private void finished(SimulatedCall call) {
        live.remove(call);
        checkDrained();
    }

    private void checkDrained() {
        live.removeIf(c -> c.phase() == SimulatedCall.Phase.ENDED);
        if (!arriving && live.isEmpty()) {
            if (dispatcher != null) {
                dispatcher.cancel(false);
            }
            drained.complete(generated);
        }
    }

    private double ringTime() {
        return settings.ringSeconds() * (0.5 + random.nextDouble());
    }

    private void later(double seconds, Runnable step) {
        scheduler.schedule(guard(step), (long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** A step that fails (e.g. the call was hung up through AMI meanwhile) is logged and does not stop the generator. */
    private Runnable guard(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "traffic step skipped: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "traffic step failed", e);
            }
            if (!arriving) {
                checkDrained();
            }
        };
    }
}
