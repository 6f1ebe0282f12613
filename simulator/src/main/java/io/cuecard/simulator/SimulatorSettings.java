package io.cuecard.simulator;

import java.util.List;
import java.util.Objects;

/**
 * How the built-in PBX simulator is set up: where its AMI server listens, the AMI login it accepts,
 * the queue and its member agents, and the shape of generated traffic.
 *
 * @param host           address the AMI server binds to
 * @param port           AMI port; 0 picks a free port ({@link PbxSimulator#port()} tells which)
 * @param username       AMI user name accepted at login
 * @param secret         AMI secret (MD5 challenge and plain login)
 * @param agents         queue member interfaces, e.g. {@code PJSIP/agent1}; agent {@code n} in this list gets
 *                       extension {@code 201 + n}
 * @param queue          the inbound queue all agents are static members of
 * @param callsPerMinute mean rate of generated inbound calls
 * @param minTalkSeconds shortest generated talk time
 * @param maxTalkSeconds longest generated talk time
 * @param ringSeconds    how long a phone rings before the simulated person answers (traffic and Originate)
 * @param seed           seed of the traffic generator's random numbers (same seed, same call pattern)
 * @param transferRingSeconds how long the PBX rings a colleague for a transferred customer before it gives up and
 *                       brings the customer back to the transferring agent, or to the head of the queue (the dialplan's
 *                       Dial timeout, {@code cuecard.transfer.ring-seconds})
 */
public record SimulatorSettings(String host, int port, String username, String secret, List<String> agents, String queue,
        double callsPerMinute, double minTalkSeconds, double maxTalkSeconds, double ringSeconds, long seed,
        double transferRingSeconds) {

    /** The dialplan's ring time for a transfer target, as asterisk-config sets it ({@code cuecard.transfer.ring-seconds}). */
    public static final double DEFAULT_TRANSFER_RING_SECONDS = 20;

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(queue, "queue");
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one agent interface");
        }
        for (String agent : agents) {
            if (!agent.matches("[A-Za-z]+/[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("agent interface must look like PJSIP/agent1, got '" + agent + "'");
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (callsPerMinute < 0 || minTalkSeconds < 0 || ringSeconds < 0 || maxTalkSeconds < minTalkSeconds) {
            throw new IllegalArgumentException("traffic settings must be non-negative with minTalkSeconds <= maxTalkSeconds");
        }
        if (!(transferRingSeconds > 0)) {
            throw new IllegalArgumentException("transferRingSeconds must be positive, got " + transferRingSeconds);
        }
    }

    /** With the default transfer ring time ({@link #DEFAULT_TRANSFER_RING_SECONDS}). */
    public SimulatorSettings(String host, int port, String username, String secret, List<String> agents, String queue,
            double callsPerMinute, double minTalkSeconds, double maxTalkSeconds, double ringSeconds, long seed) {
        this(host, port, username, secret, agents, queue, callsPerMinute, minTalkSeconds, maxTalkSeconds, ringSeconds, seed,
                DEFAULT_TRANSFER_RING_SECONDS);
    }

    /** Loopback, ephemeral port, login cuecard/cuecard, agents PJSIP/agent1 and PJSIP/agent2 in queue
     * {@code service}, 6 calls a minute of 3–12 s talk, phones answered after 1.5 s, transfer targets rung for 20 s. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, "cuecard", "cuecard", List.of("PJSIP/agent1", "PJSIP/agent2"), "service",
                6, 3, 12, 1.5, 42L);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(host, newPort, username, secret, agents, queue, callsPerMinute, minTalkSeconds, maxTalkSeconds, ringSeconds, seed,
                transferRingSeconds);
    }

    public SimulatorSettings withLogin(String newUsername, String newSecret) {
        return new SimulatorSettings(host, port, newUsername, newSecret, agents, queue, callsPerMinute, minTalkSeconds, maxTalkSeconds, ringSeconds, seed,
                transferRingSeconds);
    }

    public SimulatorSettings withAgents(List<String> newAgents) {
        return new SimulatorSettings(host, port, username, secret, newAgents, queue, callsPerMinute, minTalkSeconds, maxTalkSeconds, ringSeconds, seed,
                transferRingSeconds);
    }

    public SimulatorSettings withTraffic(double newCallsPerMinute, double newMinTalkSeconds, double newMaxTalkSeconds, double newRingSeconds,
            long newSeed) {
        return new SimulatorSettings(host, port, username, secret, agents, queue, newCallsPerMinute, newMinTalkSeconds, newMaxTalkSeconds,
                newRingSeconds, newSeed, transferRingSeconds);
    }

    public SimulatorSettings withTransferRingSeconds(double seconds) {
        return new SimulatorSettings(host, port, username, secret, agents, queue, callsPerMinute, minTalkSeconds, maxTalkSeconds, ringSeconds, seed,
                seconds);
    }
}
