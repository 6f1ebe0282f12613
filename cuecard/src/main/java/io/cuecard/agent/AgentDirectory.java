package io.cuecard.agent;

import java.util.Collection;
import java.util.Optional;

/** Finds agents without touching the database on the caller's thread (an in-memory view kept up to date). */
public interface AgentDirectory {

    Optional<AgentRef> byInterface(String memberInterface);

    Optional<AgentRef> byExtension(String extension);

    Optional<AgentRef> byUsername(String username);

    Collection<AgentRef> all();
}
