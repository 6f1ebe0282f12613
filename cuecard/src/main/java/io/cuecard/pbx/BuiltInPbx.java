package io.cuecard.pbx.simulator;

import io.cuecard.pbx.AmiEndpoint;
import io.cuecard.pbx.BuiltInEndpoint;
import io.cuecard.pbx.PbxConfig;
import io.cuecard.pbx.PbxLinkChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The built-in PBX of the {@code simulator} and {@code replay} modes: starts the simulator's AMI server before the
 * AMI link connects to it, then — once Cuecard is logged in — starts the generated traffic or the replay.
 * In {@code asterisk} mode it does nothing.
 */
@ApplicationScoped
public class BuiltInPbx implements BuiltInEndpoint {

    private static final Logger LOG = Logger.getLogger(BuiltInPbx.class);

    @Inject
    PbxConfig config;

    private volatile PbxSimulator simulator;
    private final AtomicBoolean started = new AtomicBoolean();

    void onStart(@Observes @Priority(25) StartupEvent event) throws IOException {
        if (config.mode() == PbxConfig.Mode.ASTERISK) {
            return;
        }
        PbxConfig.Simulator s = config.simulator();
        SimulatorSettings defaults = SimulatorSettings.defaults();
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", s.port(), defaults.username(), defaults.secret(), s.agents(),
                s.queue(), s.callsPerMinute(), defaults.minTalkSeconds(), defaults.maxTalkSeconds(), defaults.ringSeconds(),
                s.seed().orElse(System.nanoTime()));
        simulator = PbxSimulator.start(settings);
        LOG.infof("Built-in PBX simulator listening on 127.0.0.1:%d (%s mode)", simulator.port(), config.mode().name().toLowerCase());
    }

    /** First login of Cuecard to the simulator: the traffic or the replay begins. */
    void onLink(@Observes PbxLinkChanged change) {
        if (!change.connected() || simulator == null || !started.compareAndSet(false, true)) {
            return;
        }
        if (config.mode() == PbxConfig.Mode.REPLAY) {
            List<Path> files = config.replay().files().orElse(List.of()).stream().map(Path::of).toList();
            try {
                simulator.replay(files, config.replay().speed()).whenComplete((packets, failure) -> {
                    if (failure != null) {
                        LOG.errorf("Replay failed: %s", failure.getMessage());
                    } else {
                        LOG.infof("Replayed %d AMI packets from %s", packets, files);
                    }
                });
            } catch (UncheckedIOException e) {
                LOG.errorf("Cannot replay %s: %s", files, e.getMessage());
            }
        } else if (config.simulator().callsPerMinute() > 0) {
            simulator.startTraffic();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (simulator != null) {
            simulator.close();
        }
    }

    public boolean running() {
        return simulator != null;
    }

    @Override
    public Optional<AmiEndpoint.Target> target() {
        PbxSimulator running = simulator;
        return running == null ? Optional.empty()
                : Optional.of(new AmiEndpoint.Target("127.0.0.1", running.port(), running.settings().username(), running.settings().secret()));
    }

    /** The simulator (for tests and the demo); fails in {@code asterisk} mode. */
    public PbxSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("No built-in PBX in mode " + config.mode());
        }
        return simulator;
    }
}
