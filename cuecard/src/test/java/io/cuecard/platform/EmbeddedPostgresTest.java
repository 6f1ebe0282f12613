package io.cuecard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL of a first run, with the real binaries from Maven Central: made, started, stopped, started
 * again on the same cluster, never shared by two Cuecards; as root it runs as {@code nobody} and says what to do when
 * that user cannot reach its directory. (The whole first run, from the packaged jar, is {@code .ci/first-run-check}.)
 */
class EmbeddedPostgresTest {

    private Path base;

    @BeforeEach
    void directory() throws Exception {
        // a folder of its own directly in the system's temporary folder (world-traversable), not under target/: as root,
        // the server's user must get through every parent, and a checkout may sit in a private folder (mktemp -d)
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "cuecard-embedded-postgres-test");
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        base = parent.resolve(UUID.randomUUID().toString());
        Files.createDirectories(base);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void remove() throws Exception {
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aClusterIsMadeStartedStoppedAndStartedAgain() throws Exception {
        Path dir = base.resolve("data/postgres");
        String password;
        int port;
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir, 0, "nobody")) {
            assertThat(pg.initialised()).isTrue();
            assertThat(pg.version()).isEqualTo("18");
            assertThat(pg.runAs()).isEqualTo(EmbeddedPostgres.isRoot() ? Optional.of("nobody") : Optional.empty());
            password = pg.superuserPassword();
            port = pg.port();
            assertThat(Files.getPosixFilePermissions(dir.resolve("superuser-password"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Connection c = connect(pg.jdbcUrl("postgres"), "postgres", password); ResultSet rs = c.createStatement()
                    .executeQuery("select current_setting('listen_addresses'), current_setting('server_encoding'), current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
                assertThat(rs.getString(2)).isEqualTo("UTF8");
                assertThat(rs.getString(3)).isEqualTo("postgres");
            }
            assertThatThrownBy(() -> connect(pg.jdbcUrl("postgres"), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        assertThat(dir.resolve("cluster/postmaster.pid")).doesNotExist();
        assertThat(DatabaseChoice.tcp(500).refusal("127.0.0.1", port)).as("stopped").isPresent();

        try (EmbeddedPostgres again = EmbeddedPostgres.start(dir, 0, "nobody")) {
            assertThat(again.initialised()).as("the same cluster").isFalse();
            assertThat(again.superuserPassword()).isEqualTo(password);
            try (Connection c = connect(again.jdbcUrl("postgres"), "postgres", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void twoCuecardsNeverShareOneCluster() {
        Path dir = base.resolve("shared");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dir, 0, "nobody")) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir, 0, "nobody"))
                    .isInstanceOf(StartupProblem.class).hasMessageContaining("Another Cuecard runs the embedded PostgreSQL in " + dir);
            assertThat(DatabaseChoice.tcp(500).refusal("127.0.0.1", first.port())).as("the first one still runs").isEmpty();
        }
    }

    @Test
    void asRootADirectoryTheServersUserCannotReachIsAOneLineMessage() throws Exception {
        Assumptions.assumeTrue(EmbeddedPostgres.isRoot(), "only as root does the server run as another user");
        Path closed = base.resolve("closed");
        Files.createDirectories(closed);
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> EmbeddedPostgres.start(closed.resolve("postgres"), 0, "nobody"))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("runs as user nobody, who cannot reach " + closed.resolve("postgres"))
                .hasMessageContaining("cuecard.database.embedded.directory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void asRootAnUnknownUserIsAOneLineMessage() {
        Assumptions.assumeTrue(EmbeddedPostgres.isRoot(), "only as root does the server run as another user");
        assertThatThrownBy(() -> EmbeddedPostgres.start(base.resolve("pg"), 0, "no-such-user-cuecard"))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("no-such-user-cuecard, which does not exist");
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return new org.postgresql.Driver().connect(url, p);
    }
}
