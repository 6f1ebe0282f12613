package io.cuecard.pbx.spi;

import java.io.IOException;

/**
 * A PBX that can run inside Cuecard (the simulator of the {@code simulator} and {@code replay} modes), found with
 * {@link java.util.ServiceLoader}: the product depends on this interface only, never on the module that implements it
 * (the simulator is on the distribution's class path at run time, registered in its
 * {@code META-INF/services/io.cuecard.pbx.spi.BuiltInPbxProvider}).
 */
public interface BuiltInPbxProvider {

    /** Starts the PBX's AMI server on 127.0.0.1; it accepts clients as soon as this returns. */
    RunningPbx start(BuiltInPbxSettings settings) throws IOException;
}
