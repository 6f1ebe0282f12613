package io.cuecard.pbx.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A started built-in PBX: where its AMI server listens, the login it accepts, and what it can play. */
public interface RunningPbx extends AutoCloseable {

    /** The bound AMI port on 127.0.0.1. */
    int port();

    /** The AMI user name it accepts. */
    String username();

    /** The AMI secret it accepts. */
    String secret();

    /** Starts the generated traffic at the configured rate. */
    void startTraffic();

    /** Replays recorded AMI traces to the connected clients; completes with the number of packets sent. */
    CompletableFuture<Integer> replay(List<Path> files, double speed);

    /** Stops the AMI server, the traffic and the replays. */
    @Override
    void close();
}
