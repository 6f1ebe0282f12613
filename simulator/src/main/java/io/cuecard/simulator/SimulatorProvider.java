package io.cuecard.simulator;

import io.cuecard.pbx.spi.BuiltInPbxProvider;
import io.cuecard.pbx.spi.BuiltInPbxSettings;
import io.cuecard.pbx.spi.RunningPbx;
import java.io.IOException;

/**
 * The simulator as Cuecard's built-in PBX ({@code simulator} and {@code replay} modes), registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.cuecard.pbx.spi.BuiltInPbxProvider}: Cuecard's
 * settings (with {@code cuecard.transfer.ring-seconds}), the rest (AMI login, talk and ring times) from {@link SimulatorSettings#defaults()}.
 */
public final class SimulatorProvider implements BuiltInPbxProvider {

    @Override
    public RunningPbx start(BuiltInPbxSettings wanted) throws IOException {
        SimulatorSettings defaults = SimulatorSettings.defaults();
        return PbxSimulator.start(new SimulatorSettings("127.0.0.1", wanted.port(), defaults.username(), defaults.secret(), wanted.agents(),
                wanted.queue(), wanted.callsPerMinute(), defaults.minTalkSeconds(), defaults.maxTalkSeconds(), defaults.ringSeconds(),
                wanted.seed(), wanted.transferRingSeconds()));
    }
}
