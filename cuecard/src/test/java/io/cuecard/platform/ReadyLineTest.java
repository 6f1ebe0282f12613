package io.cuecard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The last line of start-up: where to open the console, the demo users in simulator/replay mode, never a password. */
class ReadyLineTest {

    @Test
    void simulatorAndReplayNameTheDemoUsersButNoPassword() {
        for (String mode : new String[] {"simulator", "replay"}) {
            String line = ReadyLine.line(mode, "127.0.0.1", 8080);
            assertThat(line).isEqualTo("Cuecard is ready: open http://127.0.0.1:8080/; demo users agent1, agent2, supervisor, admin;"
                    + " password = user name, see README");
            assertThat(line).doesNotContainPattern("password\\W+(agent1|agent2|supervisor|admin)");
        }
    }

    @Test
    void asteriskModeHasNoDemoUsersAndEveryAddressReadsAsLocalhost() {
        assertThat(ReadyLine.line("asterisk", "0.0.0.0", 8080))
                .isEqualTo("Cuecard is ready: open http://localhost:8080/ (listening on every address) and log in as admin");
        assertThat(ReadyLine.line("asterisk", "::1", 9090)).startsWith("Cuecard is ready: open http://[::1]:9090/");
    }
}
