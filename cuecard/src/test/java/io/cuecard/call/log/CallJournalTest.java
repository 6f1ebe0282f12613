package io.cuecard.call.log;

import static io.cuecard.testsupport.TestCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.testsupport.TestCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call log's journal on disk: append, replay, newest version wins, torn last lines, segments. */
class CallJournalTest {

    @TempDir
    Path dir;

    private CallJournal journal(int segmentCalls) {
        return new CallJournal(dir, TestCalls.json(), segmentCalls);
    }

    @Test
    void appendedCallsAreReadBackAfterAReopen() throws IOException {
        CallJournal journal = journal(100);
        assertThat(journal.isEmpty()).isTrue();
        journal.append(List.of(call("a", 1, true), call("b", 1, false)));
        journal.append(List.of(call("c", 3, false)));
        journal.close();
        assertThat(journal.size()).isEqualTo(3);

        CallJournal reopened = journal(100);
        assertThat(reopened.isEmpty()).isFalse();
        assertThat(reopened.size()).isEqualTo(3);
        Map<String, io.cuecard.call.CallView> all = reopened.readAll();
        assertThat(all.keySet()).containsExactly("a", "b", "c");
        assertThat(all.get("a")).isEqualTo(call("a", 1, true));
        assertThat(all.get("b").endedAt()).isNotNull();
    }

    @Test
    void theNewestVersionOfACallWins() throws IOException {
        CallJournal journal = journal(100);
        journal.append(List.of(call("a", 1, true), call("b", 7, false)));
        journal.append(List.of(call("a", 4, false), call("b", 2, true)));
        journal.append(List.of(call("a", 3, true)));
        Map<String, io.cuecard.call.CallView> all = journal.readAll();
        assertThat(all.get("a").version()).isEqualTo(4);
        assertThat(all.get("a").endedAt()).isNotNull();
        assertThat(all.get("b").version()).isEqualTo(7);
    }

    @Test
    void aTornLastLineIsSkippedAndTheRestIsRead() throws IOException {
        CallJournal journal = journal(100);
        journal.append(List.of(call("a", 1, false), call("b", 2, false)));
        List<Path> segments = journal.seal();
        assertThat(segments).hasSize(1);
        // a crash in the middle of the next write: half a line, cut inside a multi-byte character
        byte[] torn = "{\"id\":\"c\",\"customerNumber\":\"\u00e4".getBytes(StandardCharsets.UTF_8);
        Files.write(segments.get(0), java.util.Arrays.copyOf(torn, torn.length - 1), StandardOpenOption.APPEND);

        CallJournal reopened = journal(100);
        assertThat(reopened.readAll().keySet()).containsExactly("a", "b");
        // the torn segment is never appended to again: new calls go to a new segment and stay readable
        reopened.append(List.of(call("d", 1, false)));
        assertThat(reopened.readAll().keySet()).containsExactly("a", "b", "d");
        assertThat(reopened.seal()).hasSize(2);
    }

    @Test
    void replayedSegmentsAreDeletedAndAppendsAfterASealGoToANewSegment() throws IOException {
        CallJournal journal = journal(2);
        journal.append(List.of(call("a", 1, false), call("b", 1, false), call("c", 1, false)));
        List<Path> sealed = journal.seal();
        assertThat(sealed).hasSize(2); // at most two lines per segment
        journal.append(List.of(call("d", 1, false)));
        for (Path segment : sealed) {
            journal.delete(segment);
        }
        assertThat(journal.size()).isEqualTo(1);
        assertThat(journal.readAll().keySet()).containsExactly("d");
        for (Path segment : journal.seal()) {
            journal.delete(segment);
        }
        assertThat(journal.isEmpty()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
