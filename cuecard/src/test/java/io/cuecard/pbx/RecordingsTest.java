package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.CallView;
import io.cuecard.testsupport.TestCalls;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call lists every leg's recording, in the order they started: on the lab's Asterisk 22.10.1 (the project's
 * asterisk-config) an attended transfer from agent1 to agent2 records agent1's leg, then agent2's (capture
 * {@code ami-traces/lab/s4-attended-transfer-atxfer.txt}); the call log kept only the first. Read as the call log and
 * the API show the call: its JSON.
 */
class RecordingsTest {

    static final String ATTENDED_TRANSFER = "lab/s4-attended-transfer-atxfer.txt";
    static final String MONITOR = "/var/spool/asterisk/monitor/";

    final ObjectMapper json = TestCalls.json();

    private List<String> recordings(CallView call) {
        JsonNode list = json.valueToTree(call).get("recordings");
        assertThat(list).as("the call's recordings").isNotNull();
        List<String> files = new ArrayList<>();
        list.forEach(f -> files.add(f.asText()));
        return files;
    }

    @Test
    void anAttendedTransferListsAgent1sRecordingThenAgent2s() {
        CallView v = new PbxHarness().replay(ATTENDED_TRANSFER).call("1796325108.0");

        assertThat(v.agents()).containsExactly("agent1", "agent2");
        assertThat(recordings(v)).containsExactly(
                MONITOR + "1796325108.0-1796325108.1.wav",  // agent1's leg, MixMonitorStart at 19:11:49.86
                MONITOR + "1796325108.0-1796325112.4.wav"); // agent2's leg, MixMonitorStart at 19:11:53.78
        assertThat(v.recording()).as("the first, for readers of the single field")
                .isEqualTo(MONITOR + "1796325108.0-1796325108.1.wav");
        assertThat(v.timeline()).filteredOn(e -> e.type().equals("recording-started")).hasSize(2);
    }

    @Test
    void theRecordedTracesKeepTheirOneRecording() {
        CallView a = new PbxHarness().replay(TraceScenarioTest.A).onlyCall();
        assertThat(recordings(a)).containsExactly("/var/spool/asterisk/monitor/20261122-170803-1795367282.0.wav");
        CallView f = new PbxHarness().replay(TraceScenarioTest.F).onlyCall();
        assertThat(recordings(f)).containsExactly(f.recording());
    }

    @Test
    void aCallLoggedWithOnlyTheFirstRecordingReadsAsAListOfIt() throws Exception {
        CallView none = TestCalls.call("rec-1", 1, false);
        assertThat(recordings(none)).isEmpty();

        String logged = json.writeValueAsString(none).replace("\"recording\":null", "\"recording\":\"" + MONITOR + "a.wav\"")
                .replaceAll(",\"recordings\":\\[[^\\]]*\\]", "");
        assertThat(logged).doesNotContain("recordings");
        CallView read = json.readValue(logged, CallView.class);
        assertThat(recordings(read)).containsExactly(MONITOR + "a.wav");
        assertThat(read.recording()).isEqualTo(MONITOR + "a.wav");
    }
}
