package io.cuecard.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agent directory the call tracker reads on its own thread: an immutable in-memory snapshot,
 * replaced whole by {@link AgentService} after every change, so lookups never touch the database.
 */
@ApplicationScoped
public class LiveAgentDirectory implements AgentDirectory {

    private record Snapshot(Map<String, AgentRef> byInterface, Map<String, AgentRef> byExtension, Map<String, AgentRef> byUsername) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());

    public void replaceAll(List<AgentRef> agents) {
        snapshot = new Snapshot(
                index(agents, a -> a.memberInterface().toLowerCase()),
                index(agents.stream().filter(a -> a.extension() != null).toList(), AgentRef::extension),
                index(agents, AgentRef::username));
    }

    private static Map<String, AgentRef> index(List<AgentRef> agents, Function<AgentRef, String> key) {
        return agents.stream().collect(Collectors.toUnmodifiableMap(key, a -> a, (a, b) -> a));
    }

    @Override
    public Optional<AgentRef> byInterface(String memberInterface) {
        return memberInterface == null ? Optional.empty() : Optional.ofNullable(snapshot.byInterface().get(memberInterface.toLowerCase()));
    }

    @Override
    public Optional<AgentRef> byExtension(String extension) {
        return extension == null ? Optional.empty() : Optional.ofNullable(snapshot.byExtension().get(extension));
    }

    @Override
    public Optional<AgentRef> byUsername(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(snapshot.byUsername().get(username));
    }

    @Override
    public Collection<AgentRef> all() {
        return snapshot.byUsername().values();
    }
}
