package io.cuecard.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The agent directory the call tracker reads on its own thread: an in-memory copy of the agents table, replaced
 * whole by {@link AgentService} after every change, so lookups never touch the database and never see a half-made
 * change.
 */
@ApplicationScoped
public class LiveAgentDirectory implements AgentDirectory {

    private volatile InMemoryAgentDirectory current = new InMemoryAgentDirectory(List.of());

    public void replaceAll(List<AgentRef> agents) {
        current = new InMemoryAgentDirectory(agents);
    }

    @Override
    public Optional<AgentRef> byInterface(String memberInterface) {
        return current.byInterface(memberInterface);
    }

    @Override
    public Optional<AgentRef> byExtension(String extension) {
        return current.byExtension(extension);
    }

    @Override
    public Optional<AgentRef> byUsername(String username) {
        return current.byUsername(username);
    }

    @Override
    public Collection<AgentRef> all() {
        return current.all();
    }
}
