package io.cuecard.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Makes the database ready before anything else starts: on a fresh PostgreSQL it creates Cuecard's role and
 * database (through the admin role, {@code postgres} by default, as local trust authentication allows), then runs
 * the Flyway migrations. Turn the creation off with {@code cuecard.database.create-if-missing=false} where the
 * database is managed by someone else.
 */
@ApplicationScoped
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "cuecard.database.create-if-missing", defaultValue = "true")
    boolean createIfMissing;

    @ConfigProperty(name = "cuecard.database.admin-username", defaultValue = "postgres")
    String adminUsername;

    @ConfigProperty(name = "cuecard.database.admin-password")
    Optional<String> adminPassword;

    @ConfigProperty(name = "cuecard.database.clean-at-start", defaultValue = "false")
    boolean cleanAtStart;

    @Inject
    Flyway flyway;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (createIfMissing) {
            ensureDatabase();
        }
        if (cleanAtStart) {
            flyway.clean();
        }
        flyway.migrate();
    }

    private void ensureDatabase() {
        ensure(url, username, password.orElse(""), adminUsername, adminPassword.orElse(""));
    }

    /**
     * Creates the role and the database of a JDBC URL through the admin role when they are missing (SQL state 3D000:
     * no such database; 28000 or 28P01: no such role, or its password refused). Returns quietly when the role can
     * log in to the database or the server does not answer (Flyway then reports it); a refused admin login, or a
     * role that exists with another password, is an {@link IllegalStateException} saying what to do.
     * {@link CuecardMain} calls it before Quarkus starts, so nothing (Hibernate's metadata query) warns on a fresh
     * server; the start-up observer calls it again for tests and dev mode.
     */
    static void ensure(String url, String username, String password, String adminUsername, String adminPassword) {
        boolean passwordRefused;
        try (Connection ignored = connect(url, username, password)) {
            return;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState()) && !"28000".equals(e.getSQLState()) && !"28P01".equals(e.getSQLState())) {
                LOG.warnf("Database %s not reachable yet (%s); migrations will report it", url, e.getMessage());
                return;
            }
            passwordRefused = "28P01".equals(e.getSQLState());
        }
        String database = databaseName(url);
        String adminUrl = url.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(\\?|$)", "/postgres$1");
        try (Connection admin = connect(adminUrl, adminUsername, adminPassword)) {
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", username)) {
                try (Statement s = admin.createStatement()) {
                    s.execute("create role " + quote(username) + " login password '" + password.replace("'", "''") + "'");
                }
                LOG.infof("Created database role %s", username);
            } else if (passwordRefused) {
                throw new IllegalStateException("Database role " + username + " exists but refuses the configured password"
                        + " (quarkus.datasource.password): set the right one");
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                try (Statement s = admin.createStatement()) {
                    s.execute("create database " + quote(database) + " owner " + quote(username));
                }
                LOG.infof("Created database %s", database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database " + database + " or role " + username + " is missing and could not be created as "
                    + adminUsername + " (" + e.getMessage() + "). Create them, or set cuecard.database.admin-username/password.", e);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url, "08001");
        }
        return connection;
    }

    static String databaseName(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
