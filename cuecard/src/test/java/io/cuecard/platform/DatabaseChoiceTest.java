package io.cuecard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which database Cuecard uses before Quarkus starts, with real TCP probes: a listening socket stands for a server that
 * answers, a port nothing listens on (closed just before) for one that does not.
 */
class DatabaseChoiceTest {

    private ServerSocket listening;
    private int answeringPort;
    private int closedPort;

    @BeforeEach
    void ports() throws Exception {
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        answeringPort = listening.getLocalPort();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterEach
    void close() throws Exception {
        listening.close();
    }

    private static DatabaseChoice decide(String configuredUrl, int defaultPort) {
        return DatabaseChoice.decide(Optional.ofNullable(configuredUrl), defaultPort, DatabaseChoice.tcp(1000));
    }

    @Test
    void aConfiguredDatabaseThatAnswersIsUsedAsItIs() {
        String url = "jdbc:postgresql://127.0.0.1:" + answeringPort + "/somewhere?sslmode=disable";
        assertThat(decide(url, closedPort)).isEqualTo(new DatabaseChoice.Configured(url));
    }

    @Test
    void aConfiguredDatabaseIsUsedEvenWhenTheDefaultPortAnswersToo() {
        String url = "jdbc:postgresql://127.0.0.1:" + answeringPort + "/other";
        assertThat(decide(url, answeringPort)).isEqualTo(new DatabaseChoice.Configured(url));
    }

    @Test
    void aConfiguredDatabaseThatDoesNotAnswerIsAnErrorNeverAFallback() {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/cuecard";
        // the default port answers, and nothing else would stop an embedded start: still an error
        DatabaseChoice choice = decide(url, answeringPort);
        assertThat(choice).isInstanceOf(DatabaseChoice.Unreachable.class);
        DatabaseChoice.Unreachable unreachable = (DatabaseChoice.Unreachable) choice;
        assertThat(unreachable.message()).contains(url).contains("127.0.0.1:" + closedPort).contains("does not answer")
                .doesNotContain("\n");
    }

    @Test
    void aMultiHostUrlAnswersWhenAnyOfItsServersDoes() {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + ",127.0.0.1:" + answeringPort + "/cuecard";
        assertThat(decide(url, closedPort)).isEqualTo(new DatabaseChoice.Configured(url));
        String down = "jdbc:postgresql://127.0.0.1:" + closedPort + ",127.0.0.1:" + closedPort + "/cuecard";
        assertThat(decide(down, answeringPort)).isInstanceOf(DatabaseChoice.Unreachable.class);
    }

    @Test
    void nothingConfiguredAndTheDefaultPortAnswersMeansThatServersCuecardDatabase() {
        assertThat(decide(null, answeringPort)).isEqualTo(new DatabaseChoice.Local("jdbc:postgresql://localhost:" + answeringPort + "/cuecard"));
        assertThat(decide("  ", answeringPort)).isInstanceOf(DatabaseChoice.Local.class);
    }

    @Test
    void nothingConfiguredAndNothingAnsweringMeansTheEmbeddedOne() {
        assertThat(decide(null, closedPort)).isEqualTo(new DatabaseChoice.Embedded(closedPort));
    }

    @Test
    void serversAreReadFromTheUrl() {
        assertThat(DatabaseChoice.servers("jdbc:postgresql://db.example:6543/cuecard?ssl=true"))
                .containsExactly(InetSocketAddress.createUnresolved("db.example", 6543));
        assertThat(DatabaseChoice.servers("jdbc:postgresql://db.example/cuecard"))
                .containsExactly(InetSocketAddress.createUnresolved("db.example", 5432));
        assertThat(DatabaseChoice.servers("jdbc:postgresql://[::1]:5433/cuecard"))
                .containsExactly(InetSocketAddress.createUnresolved("::1", 5433));
        assertThat(DatabaseChoice.servers("jdbc:postgresql:cuecard"))
                .containsExactly(InetSocketAddress.createUnresolved("localhost", 5432));
        assertThat(DatabaseChoice.servers("jdbc:otherdb://x/y")).isEqualTo(List.of());
    }
}
