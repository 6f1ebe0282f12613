package io.cuecard.agent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AgentDirectory} held in memory: looked up by username, queue member interface and extension.
 * Safe to read from one thread while another {@link #put}s or {@link #remove}s agents.
 */
public final class InMemoryAgentDirectory implements AgentDirectory {

    private final Map<String, AgentRef> byUsername = new ConcurrentHashMap<>();
    private final Map<String, AgentRef> byInterface = new ConcurrentHashMap<>();
    private final Map<String, AgentRef> byExtension = new ConcurrentHashMap<>();

    public InMemoryAgentDirectory(Collection<AgentRef> agents) {
        agents.forEach(this::put);
    }

    public static InMemoryAgentDirectory of(AgentRef... agents) {
        return new InMemoryAgentDirectory(List.of(agents));
    }

    /** Adds or replaces an agent (by username). */
    public void put(AgentRef agent) {
        Objects.requireNonNull(agent.username(), "username");
        remove(agent.username());
        byUsername.put(agent.username(), agent);
        if (agent.memberInterface() != null) {
            byInterface.put(agent.memberInterface(), agent);
        }
        if (agent.extension() != null) {
            byExtension.put(agent.extension(), agent);
        }
    }

    public void remove(String username) {
        AgentRef old = byUsername.remove(username);
        if (old != null) {
            if (old.memberInterface() != null) {
                byInterface.remove(old.memberInterface(), old);
            }
            if (old.extension() != null) {
                byExtension.remove(old.extension(), old);
            }
        }
    }

    @Override
    public Optional<AgentRef> byInterface(String memberInterface) {
        return memberInterface == null ? Optional.empty() : Optional.ofNullable(byInterface.get(memberInterface));
    }

    @Override
    public Optional<AgentRef> byExtension(String extension) {
        return extension == null ? Optional.empty() : Optional.ofNullable(byExtension.get(extension));
    }

    @Override
    public Optional<AgentRef> byUsername(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(byUsername.get(username));
    }

    @Override
    public Collection<AgentRef> all() {
        return List.copyOf(byUsername.values());
    }
}
