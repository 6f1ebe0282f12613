package io.cuecard.agent;

import io.cuecard.agent.auth.SessionStore;
import io.cuecard.platform.audit.AuditLog;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Users and agents: creation, change, removal; keeps {@link LiveAgentDirectory} in step with the database. A changed
 * password, changed roles or a deleted user end that user's sessions (and close their consoles) once the change is
 * committed; every change is audited (never the password).
 */
@ApplicationScoped
public class AgentService {

    @Inject
    LiveAgentDirectory directory;

    @Inject
    SessionStore sessions;

    @Inject
    AuditLog audit;

    /** Loads the directory before the PBX link starts (higher priority observers run first). */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        refreshDirectory();
    }

    @Transactional
    public void refreshDirectory() {
        directory.replaceAll(list().stream().map(AgentView::ref).toList());
    }

    @Transactional
    public List<AgentView> list() {
        Map<String, User> users = User.<User>listAll().stream().collect(Collectors.toMap(u -> u.username, Function.identity()));
        return Agent.<Agent>list("order by username").stream()
                .filter(a -> users.containsKey(a.username))
                .map(a -> AgentView.of(users.get(a.username), a))
                .toList();
    }

    @Transactional
    public AgentView get(String username) {
        Agent agent = Agent.findById(username);
        User user = User.findByUsername(username).orElse(null);
        if (agent == null || user == null) {
            throw new NotFoundException("No agent '" + username + "'");
        }
        return AgentView.of(user, agent);
    }

    /** Creates the user (role agent unless roles are given) and the agent record. */
    public AgentView create(AgentRequest request) {
        request.validateForCreate();
        AgentView created = changeThenRefresh(() -> doCreate(request));
        audit.record("user.created", created.username(), Map.of("roles", created.roles()));
        return created;
    }

    /** A demo user of the simulator/replay modes (its password is its name, shorter than the rule). */
    AgentView createDemo(AgentRequest request) {
        request.validateForCreate(true);
        AgentView created = changeThenRefresh(() -> doCreate(request));
        audit.record("system", "user.created", created.username(), Map.of("roles", created.roles(), "demo", true), null);
        return created;
    }

    public AgentView update(String username, AgentRequest request) {
        request.validateForUpdate();
        Set<String> rolesBefore = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).map(u -> Set.copyOf(u.roleList())).orElse(Set.of()));
        AgentView updated = changeThenRefresh(() -> doUpdate(username, request));
        boolean rolesChanged = !Set.copyOf(updated.roles()).equals(rolesBefore);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("changed", changedFields(request));
        if (rolesChanged) {
            detail.put("rolesBefore", rolesBefore.stream().sorted().toList());
            detail.put("roles", updated.roles());
        }
        audit.record("user.changed", username, detail);
        if (request.password() != null) {
            sessions.revokeAll(username, "password-changed", null, true);
        } else if (rolesChanged) {
            sessions.revokeAll(username, "roles-changed", null, true);
        }
        return updated;
    }

    public void delete(String username) {
        changeThenRefresh(() -> {
            // the agent row goes with its user (on delete cascade)
            if (Agent.findById(username) == null || User.delete("username", username) == 0) {
                throw new NotFoundException("No agent '" + username + "'");
            }
            return null;
        });
        audit.record("user.deleted", username, Map.of());
        sessions.revokeAll(username, "user-deleted", null, true);
    }

    /** A user's own new password (the current one was checked); their sessions are the caller's business. */
    public void changeOwnPassword(String username, String newPassword) {
        AgentRequest.checkPassword("new", newPassword);
        QuarkusTransaction.requiringNew().run(() -> User.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("No user '" + username + "'")).setPassword(newPassword));
        audit.record("password.changed", username, Map.of());
    }

    /** The names of the fields a change sets ("password" only as a name). */
    private static List<String> changedFields(AgentRequest r) {
        List<String> fields = new java.util.ArrayList<>();
        if (r.password() != null) {
            fields.add("password");
        }
        if (r.displayName() != null) {
            fields.add("displayName");
        }
        if (r.employeeNo() != null) {
            fields.add("employeeNo");
        }
        if (r.memberInterface() != null) {
            fields.add("memberInterface");
        }
        if (r.extension() != null) {
            fields.add("extension");
        }
        if (r.roles() != null) {
            fields.add("roles");
        }
        if (r.language() != null) {
            fields.add("language");
        }
        return fields;
    }

    /** The change commits in its own transaction; the directory is reloaded after it. */
    private <T> T changeThenRefresh(java.util.concurrent.Callable<T> change) {
        T result = QuarkusTransaction.requiringNew().call(change);
        refreshDirectory();
        return result;
    }

    private AgentView doCreate(AgentRequest request) {
        if (User.findByUsername(request.username()).isPresent()) {
            throw conflict("User '" + request.username() + "' exists already");
        }
        User user = new User();
        user.username = request.username();
        user.setPassword(request.password());
        user.roles = String.join(",", request.rolesOrDefault());
        user.displayName = request.displayName() == null ? request.username() : request.displayName();
        user.language = request.language() == null ? "zh-CN" : request.language();
        user.persist();
        Agent agent = new Agent();
        agent.username = user.username;
        apply(agent, request);
        agent.persist();
        return AgentView.of(user, agent);
    }

    private AgentView doUpdate(String username, AgentRequest request) {
        Agent agent = Agent.findById(username);
        User user = User.findByUsername(username).orElse(null);
        if (agent == null || user == null) {
            throw new NotFoundException("No agent '" + username + "'");
        }
        if (request.displayName() != null) {
            user.displayName = request.displayName();
        }
        if (request.password() != null) {
            user.setPassword(request.password());
        }
        if (request.roles() != null) {
            user.roles = String.join(",", request.rolesOrDefault());
        }
        if (request.language() != null) {
            user.language = request.language();
        }
        apply(agent, request);
        return AgentView.of(user, agent);
    }

    /** Checks the new interface and extension against the other agents first, then changes the entity. */
    private void apply(Agent agent, AgentRequest request) {
        String memberInterface = request.memberInterface() != null ? request.memberInterface()
                : agent.memberInterface != null ? agent.memberInterface : Agent.defaultInterface(agent.username);
        String extension = request.extension() == null ? agent.extension : request.extension().isBlank() ? null : request.extension();
        if (Agent.count("memberInterface = ?1 and username <> ?2", memberInterface, agent.username) > 0) {
            throw conflict("Interface " + memberInterface + " belongs to another agent");
        }
        if (extension != null && Agent.count("extension = ?1 and username <> ?2", extension, agent.username) > 0) {
            throw conflict("Extension " + extension + " belongs to another agent");
        }
        agent.memberInterface = memberInterface;
        agent.extension = extension;
        if (request.employeeNo() != null) {
            agent.employeeNo = request.employeeNo();
        }
    }

    private static WebApplicationException conflict(String message) {
        return new WebApplicationException(message, Response.Status.CONFLICT);
    }
}
