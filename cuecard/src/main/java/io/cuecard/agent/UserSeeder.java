package io.cuecard.agent;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
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
 * once (user name = password, exempt from the password length rule, never logged); never against a real Asterisk,
 * where the first admin comes from {@code CUECARD_ADMIN_PASSWORD} (at least 12 characters).
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
            removeDemoUsers(DEMO);
            seedFirstAdmin();
        } else {
            for (AgentRequest demo : DEMO) {
                if (io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> User.findByUsername(demo.username()).isEmpty())) {
                    agents.createDemo(demo);
                    LOG.infof("Seeded demo user %s for PBX mode %s", demo.username(), pbxMode);
                }
            }
        }
    }

    /**
     * Demo users exist only in simulator and replay modes: a database that served one of them and now serves a real
     * Asterisk loses the demo users that still have their demo password (user name = password), admin/admin first of
     * all. A demo user whose password was changed is a real user now and stays.
     *
     * @return the users removed
     */
    List<String> removeDemoUsers(List<AgentRequest> demos) {
        List<String> removed = new java.util.ArrayList<>();
        for (AgentRequest demo : demos) {
            boolean withDemoPassword = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> User.findByUsername(demo.username())
                    .map(u -> io.quarkus.elytron.security.common.BcryptUtil.matches(demo.password(), u.passwordHash)).orElse(false));
            if (withDemoPassword) {
                agents.delete(demo.username());
                removed.add(demo.username());
                LOG.warnf("Removed demo user %s, which still had its demo password: demo users exist only in simulator and replay modes",
                        demo.username());
            }
        }
        return removed;
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
        requireAdminPassword(adminPassword.get());
        agents.create(new AgentRequest("admin", adminPassword.get(), "Administrator", null, "PJSIP/admin", null,
                List.of(User.ADMIN, User.SUPERVISOR), "zh-CN"));
        LOG.info("Created the first admin user 'admin' from CUECARD_ADMIN_PASSWORD");
    }

    /** Refuses (one line, at start-up) a configured first-admin password shorter than the password rule. */
    static void requireAdminPassword(String password) {
        if (password.length() < AgentRequest.MIN_PASSWORD) {
            throw new ConfigurationException("CUECARD_ADMIN_PASSWORD (cuecard.admin-password) is " + password.length()
                    + " characters long; the first admin's password needs at least " + AgentRequest.MIN_PASSWORD);
        }
    }
}
