package io.cuecard.pbx.spi;

import java.util.List;

/**
 * How Cuecard wants its built-in PBX ({@code cuecard.pbx.simulator.*}); the provider chooses the rest (AMI login,
 * talk and ring times).
 *
 * @param port           AMI port on 127.0.0.1; 0 picks a free one ({@link RunningPbx#port()} tells which)
 * @param agents         queue member interfaces, e.g. {@code PJSIP/agent1}
 * @param queue          the inbound queue the agents are members of
 * @param callsPerMinute mean rate of generated inbound calls ({@link RunningPbx#startTraffic()})
 * @param seed           seed of the generated traffic (same seed, same calls)
 * @param transferRingSeconds how long a colleague's phone rings for a transferred customer before the PBX brings the
 *                       customer back ({@code cuecard.transfer.ring-seconds}, the same as in asterisk-config)
 */
public record BuiltInPbxSettings(int port, List<String> agents, String queue, double callsPerMinute, long seed,
        int transferRingSeconds) {

    public BuiltInPbxSettings {
        agents = List.copyOf(agents);
    }
}
