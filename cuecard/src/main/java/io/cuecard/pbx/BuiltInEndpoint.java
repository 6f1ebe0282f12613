package io.cuecard.pbx;

import java.util.Optional;

/**
 * A PBX that runs inside Cuecard (the simulator of the {@code simulator} and {@code replay} modes) and where to reach
 * its AMI server. The PBX link asks every such bean; none answers in {@code asterisk} mode. An interface here so that
 * the link never depends on the simulator: the simulator depends on the link's package, not the other way round.
 */
public interface BuiltInEndpoint {

    /** The AMI server to connect to while this built-in PBX runs, else empty. */
    Optional<AmiEndpoint.Target> target();
}
