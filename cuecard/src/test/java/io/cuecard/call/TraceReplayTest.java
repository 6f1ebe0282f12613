package io.cuecard.call;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.pbx.trace.AmiTrace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each recorded Asterisk 22 trace, replayed by the simulator over a real AMI connection to Cuecard, ends up in
 * the call log as the scenario says.
 */
@QuarkusTest
class TraceReplayTest {

    @Inject
    BuiltInPbx pbx;

    private JsonPath replayAndFetch(String file, String callId) throws Exception {
        pbx.simulator(PbxSimulator.class).replay(List.of(AmiTrace.sharedTraceDir().resolve(file)), 0).get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> supervisor().get("/api/calls/{id}", callId)
                .then().statusCode(200).body("endedAt", notNullValue()));
        return supervisor().get("/api/calls/{id}", callId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void inboundAnsweredByAgent1AndHungUpByTheCustomer() throws Exception {
        JsonPath call = replayAndFetch("a-inbound-queue-answered-customer-hangup.txt", "1795367282.0");
        assertThat(call.getString("direction")).isEqualTo("inbound");
        assertThat(call.getList("agents")).containsExactly("agent1");
        assertThat(call.getString("queue")).isEqualTo("service");
        assertThat(call.getString("customerNumber")).isEqualTo("+4930123456");
        assertThat(call.getString("hangupBy")).isEqualTo("customer");
        assertThat(call.getString("outcome")).isEqualTo("answered");
        assertThat(call.getBoolean("abandoned")).isFalse();
        assertThat(call.getString("answeredAt")).isNotNull();
        assertThat(call.getLong("talkSeconds")).isBetween(2L, 5L);
        assertThat(call.getList("stages.stage")).startsWith("ringing", "greeting").contains("ended");
        assertThat(call.getList("timeline")).isNotEmpty();
        assertThat(call.getString("recording")).isNotBlank();
    }

    @Test
    void oneHoldOfAboutThreeSeconds() throws Exception {
        JsonPath call = replayAndFetch("b-inbound-hold-unhold.txt", "1795367291.2");
        assertThat(call.getInt("holdCount")).isEqualTo(1);
        assertThat(call.getLong("holdSeconds")).isBetween(2L, 4L);
        assertThat(call.getList("agents")).containsExactly("agent1");
        assertThat(call.getList("stages.stage")).contains("hold");
    }

    @Test
    void blindTransferFromAgent1ToAgent2() throws Exception {
        JsonPath call = replayAndFetch("c-blind-transfer-agent1-to-agent2.txt", "1795367305.4");
        assertThat(call.getList("agents")).containsExactly("agent1", "agent2");
        List<Map<String, Object>> transfers = call.getList("transfers");
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0)).containsEntry("type", "blind").containsEntry("from", "agent1").containsEntry("to", "agent2")
                .containsEntry("answered", true);
        assertThat(call.getString("hangupBy")).isEqualTo("customer");
        assertThat(call.getList("stages.stage")).contains("transfer");
    }

    @Test
    void callerAbandonsInTheQueue() throws Exception {
        JsonPath call = replayAndFetch("e-caller-abandons-in-queue.txt", "1795367337.12");
        assertThat(call.getBoolean("abandoned")).isTrue();
        assertThat(call.getString("outcome")).isEqualTo("abandoned");
        assertThat(call.getList("agents")).isEmpty();
        assertThat(call.getString("hangupBy")).isEqualTo("customer");
        assertThat(call.getString("answeredAt")).isNull();
        assertThat(call.getLong("waitSeconds")).isBetween(3L, 8L);
    }

    @Test
    void outboundFollowUpPlacedByAgent1() throws Exception {
        JsonPath call = replayAndFetch("f-outbound-originate-agent1-to-customer.txt", "1795367347.14");
        assertThat(call.getString("direction")).isEqualTo("outbound");
        assertThat(call.getList("agents")).containsExactly("agent1");
        assertThat(call.getString("placedBy")).isEqualTo("agent1");
        assertThat(call.getString("campaign")).isEqualTo("followup-42");
        assertThat(call.getString("outcome")).isEqualTo("answered");
        assertThat(call.getString("recording")).isNotBlank();
    }

    @Test
    void replayingTheSameTraceAgainUpdatesTheSameRecord() throws Exception {
        JsonPath first = replayAndFetch("a-inbound-queue-answered-customer-hangup.txt", "1795367282.0");
        JsonPath again = replayAndFetch("a-inbound-queue-answered-customer-hangup.txt", "1795367282.0");
        assertThat(again.getList("agents")).isEqualTo(first.getList("agents"));
        assertThat(again.getString("startedAt")).isEqualTo(first.getString("startedAt"));
        assertThat(again.getString("endedAt")).isEqualTo(first.getString("endedAt"));
        assertThat(again.getList("stages")).hasSameSizeAs(first.getList("stages"));
        int total = supervisor().get("/api/calls?from=2026-11-22T17:08:00Z&to=2026-11-22T17:08:10Z")
                .then().statusCode(200).extract().path("total");
        assertThat(total).isEqualTo(1);
    }
}
