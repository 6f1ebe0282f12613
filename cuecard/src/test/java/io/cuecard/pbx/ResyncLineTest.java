package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * The resync's log line counts what the lists showed: live channels and waiting callers, not every item of the lists
 * (issue 10, item 9: it counted {@code CoreShowChannelsComplete}, {@code QueueParams}, {@code QueueMember} …). The
 * lists are the real replies of Asterisk 22 to {@code CoreShowChannels} and {@code QueueStatus}.
 */
class ResyncLineTest {

    private static List<ManagerEvent> reply(String file) {
        return new AmiEvents().toEvents(PbxHarness.trace(file).packets().stream().filter(p -> p.isEvent()).toList(), Instant.EPOCH);
    }

    @Test
    void theLineCountsLiveChannelsAndWaitingCallers() {
        List<ManagerEvent> channels = reply("action-CoreShowChannels.txt");   // 2 CoreShowChannel + the Complete
        List<ManagerEvent> queues = reply("action-QueueStatus-caller-waiting.txt"); // params, 2 members, 1 entry, Complete
        assertThat(channels).hasSize(3);
        assertThat(queues).hasSize(5);
        assertThat(AmiLink.resyncLine(channels, queues))
                .isEqualTo("Resynced from the PBX: 2 live channel(s), 1 caller(s) waiting in queues");
        assertThat(AmiLink.resyncLine(List.of(), List.of()))
                .isEqualTo("Resynced from the PBX: 0 live channel(s), 0 caller(s) waiting in queues");
    }
}
