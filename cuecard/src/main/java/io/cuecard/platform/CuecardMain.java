package io.cuecard.platform;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Cuecard's entry point ({@code java -jar quarkus-run.jar}): decides, before Quarkus starts, what needs deciding from
 * the configuration alone, and hands the outcome to Quarkus as system properties (which its runtime configuration
 * reads above {@code application.properties} and environment variables):
 * <ul>
 * <li>the database ({@link DatabaseChoice}): the configured one, else PostgreSQL on localhost's default port, else an
 * {@link EmbeddedPostgres} under the data directory, stopped after Quarkus when the JVM exits;</li>
 * <li>the HTTP address: in {@code simulator} and {@code replay} modes (demo users whose passwords are their names)
 * 127.0.0.1 unless {@code quarkus.http.host} is configured; {@code asterisk} mode keeps Quarkus' 0.0.0.0.</li>
 * </ul>
 * Tests ({@code @QuarkusTest}) do not pass through here: they use their configured {@code %test} database.
 */
@QuarkusMain
public final class CuecardMain {

    private static final Logger LOG = Logger.getLogger(CuecardMain.class);

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String HTTP_HOST = "quarkus.http.host";

    private CuecardMain() {
    }

    public static void main(String... args) {
        try {
            prepare(ConfigUtils.emptyConfigBuilder().build());
        } catch (StartupProblem problem) {
            // straight to stderr: log records made before Quarkus configures logging are held back until it does
            System.err.println("Cuecard cannot start: " + problem.getMessage());
            System.exit(1);
        }
        Quarkus.run(args);
    }

    static void prepare(SmallRyeConfig config) {
        Optional<String> url = config.getOptionalValue(JDBC_URL, String.class);
        int defaultPort = config.getOptionalValue("cuecard.database.default-port", Integer.class).orElse(5432);
        DatabaseChoice choice = DatabaseChoice.decide(url, defaultPort, DatabaseChoice.tcp(2000));
        if (choice instanceof DatabaseChoice.Unreachable unreachable) {
            throw new StartupProblem(unreachable.message());
        } else if (choice instanceof DatabaseChoice.Local local) {
            System.setProperty(JDBC_URL, local.url());
            LOG.infof("No database configured (quarkus.datasource.jdbc.url): using the PostgreSQL answering on localhost:%d, database %s",
                    defaultPort, DatabaseChoice.DEFAULT_DATABASE);
        } else if (choice instanceof DatabaseChoice.Embedded embedded) {
            startEmbedded(config, embedded);
        }
        if (choice instanceof DatabaseChoice.Embedded || config.getOptionalValue("cuecard.database.create-if-missing", Boolean.class).orElse(true)) {
            createRoleAndDatabase(config);
        }
        String mode = config.getOptionalValue("cuecard.pbx.mode", String.class).orElse("simulator");
        if (!"asterisk".equalsIgnoreCase(mode.trim()) && config.getOptionalValue(HTTP_HOST, String.class).isEmpty()) {
            System.setProperty(HTTP_HOST, "127.0.0.1");
        }
    }

    private static void startEmbedded(SmallRyeConfig config, DatabaseChoice.Embedded embedded) {
        Path directory = Path.of(config.getOptionalValue("cuecard.database.embedded.directory", String.class).orElse("data/postgres"));
        int port = config.getOptionalValue("cuecard.database.embedded.port", Integer.class).orElse(0);
        String user = config.getOptionalValue("cuecard.database.embedded.user", String.class).orElse("nobody");
        EmbeddedPostgres pg = EmbeddedPostgres.start(directory, port, user);
        System.setProperty(JDBC_URL, pg.jdbcUrl(DatabaseChoice.DEFAULT_DATABASE));
        System.setProperty("cuecard.database.admin-username", pg.superuser());
        System.setProperty("cuecard.database.admin-password", pg.superuserPassword());
        System.setProperty("cuecard.database.create-if-missing", "true");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(pg), "cuecard-embedded-postgres-stop"));
        LOG.infof("No database configured and nothing answers on localhost:%d: embedded PostgreSQL %s %s on 127.0.0.1:%d%s, data in %s",
                embedded.probedPort(), pg.version(), pg.initialised() ? "created and started" : "started", pg.port(),
                pg.runAs().map(u -> " as user " + u).orElse(""), pg.directory());
    }

    /**
     * The role and database, made before Quarkus starts so that nothing connecting at start-up (Hibernate's metadata
     * query, the version check) meets a missing role and warns; {@link DatabaseBootstrap} then only migrates.
     */
    private static void createRoleAndDatabase(SmallRyeConfig config) {
        String url = System.getProperty(JDBC_URL, config.getOptionalValue(JDBC_URL, String.class).orElse(""));
        try {
            DatabaseBootstrap.ensure(url, value(config, "quarkus.datasource.username", "cuecard"), value(config, "quarkus.datasource.password", ""),
                    value(config, "cuecard.database.admin-username", "postgres"), value(config, "cuecard.database.admin-password", ""));
        } catch (IllegalStateException e) {
            throw new StartupProblem(e.getMessage());
        }
    }

    /** A value as Quarkus will see it: a system property set here wins over the configuration read before. */
    private static String value(SmallRyeConfig config, String key, String fallback) {
        return System.getProperty(key, config.getOptionalValue(key, String.class).orElse(fallback));
    }

    /** Quarkus' own shutdown hook stops the application (the call log flushes); the server goes after it. */
    private static void stopAfterQuarkus(EmbeddedPostgres pg) {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "cuecard-await-shutdown");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pg.close();
    }
}
