package io.cuecard.pbx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code cuecard.pbx.*}: which PBX Cuecard talks to, and the built-in simulator's settings. */
@ConfigMapping(prefix = "cuecard.pbx")
public interface PbxConfig {

    enum Mode {
        /** The built-in PBX simulator generates realistic traffic (the default run). */
        SIMULATOR,
        /** The built-in simulator replays recorded AMI traces. */
        REPLAY,
        /** A real Asterisk at {@code cuecard.ami.*}. */
        ASTERISK
    }

    @WithDefault("simulator")
    Mode mode();

    Replay replay();

    Simulator simulator();

    interface Replay {
        /** Trace files to replay, in order. */
        Optional<List<String>> files();

        /** 1 = the original timing, 0 = as fast as possible. */
        @WithDefault("1")
        double speed();
    }

    interface Simulator {
        /** Port of the simulator's AMI server (0 = any free port); Cuecard connects to it over TCP like to Asterisk. */
        @WithDefault("0")
        int port();

        /** New inbound calls per minute in generated traffic (0 = none; tests place calls themselves). */
        @WithDefault("4")
        double callsPerMinute();

        /** Member interfaces the simulator's agents' phones answer on. */
        @WithDefault("PJSIP/agent1,PJSIP/agent2")
        List<String> agents();

        @WithDefault("service")
        String queue();

        /** Random seed of the generated traffic (same seed, same calls). */
        Optional<Long> seed();
    }

    /** How long a console action may wait for the PBX's answer. */
    @WithDefault("5s")
    Duration actionTimeout();
}
