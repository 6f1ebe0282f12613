package io.cuecard.pbx;

import static io.cuecard.TestUsers.as;
import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.cuecard.pbx.trace.AmiTrace;
import io.cuecard.simulator.PbxSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad input — on the AMI link and on the API — gets a clear answer and breaks nothing. */
@QuarkusTest
class MalformedInputTest {

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Test
    void malformedAmiPacketsInAReplayDoNotBreakTheLink() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        long reconnects = link.status().reconnects();
        CompletableFuture<Integer> replay = sim.replay(List.of(AmiTrace.sharedTraceDir().resolve("b-inbound-hold-unhold.txt")), 4);
        Thread.sleep(300);
        sim.sendRaw("Event: Hangup\r\nPrivilege: call,all\r\n\r\n");                       // missing every header
        sim.sendRaw("this is not AMI at all\r\n: no key\r\nKey without value\r\n\r\n");      // garbage lines
        sim.sendRaw("Event: VarSet\r\nPrivilege: dialplan,all\r\nValue: " + "x".repeat(100 * 1024) + "\r\n\r\n"); // a 100 KB header
        sim.sendRaw("Event: SomethingNewInAsterisk99\r\nPrivilege: call,all\r\nUniqueid: 1.1\r\n\r\n");           // unknown event
        sim.sendRaw("Event: Hold\r\nPrivilege: call,all\r\nChannel: PJSIP/nobody-1\r\nUniqueid: 9.9\r\nLinkedid: 9.9\r\n\r\n"); // unknown call
        replay.get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> supervisor().get("/api/calls/{id}", "1795367291.2")
                .then().statusCode(200).body("endedAt", notNullValue()));
        JsonPath call = supervisor().get("/api/calls/{id}", "1795367291.2").then().extract().jsonPath();
        assertThat(call.getInt("holdCount")).isEqualTo(1);
        assertThat(call.getList("agents")).containsExactly("agent1");
        assertThat(link.connected()).isTrue();
        assertThat(link.status().reconnects()).isEqualTo(reconnects);
        supervisor().get("/api/calls/{id}", "9.9").then().statusCode(404);
    }

    @Test
    void badJsonToTheApiGets400WithAClearMessage() {
        as("admin").contentType("application/json").body("{\"username\": \"x\",").post("/api/agents")
                .then().statusCode(400).body("error", containsString("Malformed JSON"));
        as("admin").contentType("application/json").body("{\"username\": [1]}").post("/api/agents")
                .then().statusCode(400).body("error", containsString("username"));
        as("admin").contentType("application/json").body("{\"username\":\"Bad Name\",\"password\":\"secret1\"}").post("/api/agents")
                .then().statusCode(400).body("error", containsString("username"));
        as("agent1").contentType("application/json").body("[1,2]").post("/api/phrases/check")
                .then().statusCode(400).body("error", containsString("Invalid JSON"));
        as("agent1").get("/api/calls?from=yesterday").then().statusCode(400).body("error", containsString("ISO-8601"));
        as("agent1").get("/api/calls?size=0").then().statusCode(400);
    }

    @Test
    void phrasesAreCheckedOverRest() {
        as("agent1").contentType("application/json").body("{\"text\":\"喂，我不知道\"}").post("/api/phrases/check")
                .then().statusCode(200).body("hits.phrase", org.hamcrest.Matchers.contains("喂", "我不知道"))
                .body("hits[0].start", org.hamcrest.Matchers.equalTo(0)).body("hits[0].end", org.hamcrest.Matchers.equalTo(1))
                .body("hits[0].row", org.hamcrest.Matchers.equalTo(1)).body("hits[1].row", org.hamcrest.Matchers.equalTo(3));
    }
}
