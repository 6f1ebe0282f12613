package io.cuecard.pbx;

import io.cuecard.pbx.spi.BuiltInPbxProvider;
import io.cuecard.pbx.spi.BuiltInPbxSettings;
import io.cuecard.pbx.spi.RunningPbx;
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
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The built-in PBX of the {@code simulator} and {@code replay} modes: starts the simulator's AMI server before the
 * AMI link connects to it, then — once Cuecard is logged in — starts the generated traffic or the replay.
 * The simulator is found with {@link ServiceLoader} ({@link BuiltInPbxProvider}, module {@code simulator}, on the
 * class path at run time only): Cuecard does not depend on it. In {@code asterisk} mode it does nothing and loads
 * nothing.
 */
@ApplicationScoped
public class BuiltInPbx implements BuiltInEndpoint {

    private static final Logger LOG = Logger.getLogger(BuiltInPbx.class);

    @Inject
    PbxConfig config;

    @Inject
    TransferConfig transfer;

    private volatile RunningPbx simulator;
    private final AtomicBoolean started = new AtomicBoolean();

    void onStart(@Observes @Priority(25) StartupEvent event) throws IOException {
        if (config.mode() == PbxConfig.Mode.ASTERISK) {
            return;
        }
        PbxConfig.Simulator s = config.simulator();
        BuiltInPbxProvider provider = ServiceLoader.load(BuiltInPbxProvider.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("cuecard.pbx.mode=" + config.mode().name().toLowerCase()
                        + " needs the built-in PBX simulator (io.cuecard:simulator) on the class path"));
        simulator = provider.start(new BuiltInPbxSettings(s.port(), s.agents(), s.queue(), s.callsPerMinute(), s.seed().orElse(System.nanoTime()),
                transfer.ringSeconds()));
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
        RunningPbx running = simulator;
        return running == null ? Optional.empty()
                : Optional.of(new AmiEndpoint.Target("127.0.0.1", running.port(), running.username(), running.secret()));
    }

    /** The simulator as its own type (for tests: {@code simulator(PbxSimulator.class)}); fails in {@code asterisk} mode. */
    public <T extends RunningPbx> T simulator(Class<T> type) {
        if (simulator == null) {
            throw new IllegalStateException("No built-in PBX in mode " + config.mode());
        }
        return type.cast(simulator);
    }
}
