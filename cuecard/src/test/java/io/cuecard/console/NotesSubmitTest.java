package io.cuecard.console;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.cuecard.notes.NotesService;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Notes are submitted at Ready only when complete: a disposition, the template's required fields (complaints need
 * serial and plate numbers), and a reason when block-level forbidden phrases remain — the reason is logged.
 */
@QuarkusTest
class NotesSubmitTest {

    @Inject
    BuiltInPbx pbx;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    /** Frees agent2 for the tests that follow, whatever happened here. */
    interface HangUp extends AutoCloseable {
        @Override
        void close();
    }

    private static void hangUpIfLive(SimulatedCall call) {
        if (call.phase() != SimulatedCall.Phase.ENDED) {
            call.customerHangsUp();
        }
    }

    /**
     * Long Chinese notes make a call frame of more than 64 KB: it must reach the console whole (a frame fragmented at a
     * fixed byte count can cut a character in two, which some clients, Java's own WebSocket among them, refuse).
     */
    @Test
    void aFrameWithLongChineseNotesArrivesWhole() throws Exception {
        FreeAgents.free("agent2");
        SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall("+4930300002", "service").ringAgent("PJSIP/agent2").answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id).then()
                .statusCode(200).body("agents", hasItem("agent2")));
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "agent2", "agent2"); HangUp ignored = () -> hangUpIfLive(call)) {
            console.await("snapshot", id);
            String text = "我不知道客户反映异响".repeat(1_980) + "结束";
            assertThat(text.length()).isLessThan(NotesService.MAX_TEXT);
            console.send("{\"type\":\"notes\",\"callId\":\"" + id + "\",\"requestId\":1,\"text\":\"" + text + "\"}");
            String frame = console.await("call", "结束");
            assertThat(frame).contains(text);
            assertThat(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("frame bytes").isGreaterThan(65_536);
            call.customerHangsUp();
            console.await("agent-state", "wrap-up");
            console.send("{\"type\":\"disposition\",\"callId\":\"" + id + "\",\"code\":\"consulting\"}");
            console.send("{\"type\":\"ready\",\"requestId\":2}");
            console.await("agent-state", "idle");
        }
    }

    @Test
    void readyRefusesIncompleteNotesAndLogsTheJustification() throws Exception {
        FreeAgents.free("agent2");
        SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall("+4930300001", "service").ringAgent("PJSIP/agent2").answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id).then()
                .statusCode(200).body("agents", hasItem("agent2")));
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "agent2", "agent2"); HangUp ignored = () -> hangUpIfLive(call)) {
            console.await("snapshot", id);
            console.send("{\"type\":\"notes\",\"callId\":\"" + id + "\",\"requestId\":1,\"text\":\"您说话呀？客户投诉服务态度。\","
                    + "\"template\":\"complaint-service-attitude\",\"fields\":{\"serialNumber\":\"\"}}");
            assertThat(console.await("hits", id)).contains("您说话呀").contains("\"severity\":\"block\"");
            call.customerHangsUp();
            console.await("agent-state", "wrap-up");

            console.send("{\"type\":\"ready\",\"requestId\":2}");
            assertThat(console.await("error", "\"requestId\":2")).contains("missing-disposition");
            console.send("{\"type\":\"disposition\",\"callId\":\"" + id + "\",\"code\":\"complaint\"}");
            console.send("{\"type\":\"ready\",\"requestId\":3}");
            assertThat(console.await("error", "\"requestId\":3")).contains("missing-fields").contains("serialNumber").contains("plateNumber");

            java.util.List<String> ids = io.cuecard.TestUsers.as("agent2").get("/api/note-templates").then().extract()
                    .path("find { it.id == 'complaint-service-attitude' }.fields.id");
            StringBuilder fields = new StringBuilder("{");
            for (String f : ids) {
                fields.append(fields.length() > 1 ? "," : "").append('"').append(f).append("\":\"")
                        .append(f.equals("serialNumber") ? "SN123" : f.equals("plateNumber") ? "京A12345" : "x").append('"');
            }
            fields.append('}');
            console.send("{\"type\":\"notes\",\"callId\":\"" + id + "\",\"requestId\":4,\"text\":\"您说话呀？客户投诉服务态度。\","
                    + "\"template\":\"complaint-service-attitude\",\"fields\":" + fields + "}");
            console.await("hits", "\"requestId\":4");
            console.send("{\"type\":\"ready\",\"requestId\":5}");
            String refused = console.await("error", "\"requestId\":5");
            assertThat(refused).contains("blocked-phrases").contains("您说话呀");
            console.send("{\"type\":\"ready\",\"requestId\":8,\"justification\":\"客户原话，记录投诉内容\"}");
            console.await("agent-state", "idle");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", id).then()
                .body("notesFinal", equalTo(true)).body("justification", equalTo("客户原话，记录投诉内容"))
                .body("noteTemplate", equalTo("complaint-service-attitude")).body("noteFields.serialNumber", equalTo("SN123"))
                .body("forbiddenHits.phrase", hasItem("您说话呀")).body("flags.rule", hasItem("blocked-phrases-justified")));
    }
}
