package io.cuecard.agent;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * First-start users. With the built-in PBX simulator or a replay, demo users are seeded so the console works at
 * once; never against a real Asterisk, where the first admin comes from {@code CUECARD_ADMIN_PASSWORD}.
 */
@ApplicationScoped
public class UserSeeder {

    private static final Logger LOG = Logger.getLogger(UserSeeder.class);

    /** Demo users: user name = password. */
    static final List<AgentRequest> DEMO = List.of(
            new AgentRequest("agent1", "agent1", "Agent One", "1001", "PJSIP/agent1", "201", List.of(User.AGENT), "zh-CN"),
            new AgentRequest("agent2", "agent2", "Agent Two", "1002", "PJSIP/agent2", "202", List.of(User.AGENT), "zh-CN"),
            new AgentRequest("supervisor", "supervisor", "Supervisor", "9001", "PJSIP/supervisor", "299", List.of(User.SUPERVISOR), "zh-CN"),
            new AgentRequest("admin", "admin", "Administrator", null, "PJSIP/admin", null, List.of(User.ADMIN, User.SUPERVISOR), "zh-CN"));

    @ConfigProperty(name = "cuecard.pbx.mode")
    String pbxMode;

    @ConfigProperty(name = "cuecard.admin-password")
    Optional<String> adminPassword;

    @Inject
    AgentService agents;

    void onStart(@Observes @Priority(5) StartupEvent event) {
        if ("asterisk".equalsIgnoreCase(pbxMode)) {
            seedFirstAdmin();
        } else {
            for (AgentRequest demo : DEMO) {
                if (io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> User.findByUsername(demo.username()).isEmpty())) {
                    agents.create(demo);
                    LOG.infof("Seeded demo user %s for PBX mode %s", demo.username(), pbxMode);
                }
            }
        }
    }

    private void seedFirstAdmin() {
        boolean hasAdmin = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> User.<User>listAll().stream().anyMatch(u -> u.roleList().contains(User.ADMIN)));
        if (hasAdmin) {
            return;
        }
        if (adminPassword.isEmpty() || adminPassword.get().isBlank()) {
            LOG.warn("No admin user exists. Set CUECARD_ADMIN_PASSWORD and restart to create user 'admin'.");
            return;
        }
        agents.create(new AgentRequest("admin", adminPassword.get(), "Administrator", null, "PJSIP/admin", null,
                List.of(User.ADMIN, User.SUPERVISOR), "zh-CN"));
        LOG.info("Created the first admin user 'admin' from CUECARD_ADMIN_PASSWORD");
    }
}
