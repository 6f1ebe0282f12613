package io.cuecard.script;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.as;
import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.call.CallView;
import io.cuecard.script.service.ScriptLibrary;
import io.cuecard.testsupport.FreeAgents;
import io.cuecard.testsupport.TestCalls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A supervisor edits the greeting: a new version is saved, new calls run with it, an old call keeps the version it
 * ran with; scripts go out and come back as YAML; an invalid script is refused field by field.
 */
@QuarkusTest
class ScriptVersionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BuiltInPbx pbx;

    @Inject
    ScriptLibrary library;

    @io.quarkus.test.common.http.TestHTTPResource("/ws/console")
    java.net.URI consoleSocket;

    private String defaultId() {
        return supervisor().get("/api/scripts").then().statusCode(200).extract().path("find { it.appliesTo.direction == 'inbound' && it.language == 'zh-CN' }.id");
    }

    private SimulatedCall answeredCall(String number, String agentInterface) {
        FreeAgents.free(agentInterface.substring("PJSIP/".length()));
        SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall(number, "service").ringAgent(agentInterface).answer();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("script.version", notNullValue()));
        return call;
    }

    @Test
    void aSupervisorEditsTheGreetingAndOldCallsKeepTheirVersion() throws Exception {
        String id = defaultId();
        String original = supervisor().get("/api/scripts/{id}", id).then().statusCode(200).extract().asString();
        int before = JSON.readTree(original).get("version").asInt();

        SimulatedCall oldCall = answeredCall("+4930200001", "PJSIP/agent2");
        int oldVersion = supervisor().get("/api/calls/{id}", oldCall.linkedid()).then().extract().path("script.version");
        assertThat(oldVersion).isEqualTo(before);

        // a finished call the library never pinned (e.g. looked up after a restart) gets a version once, and keeps it
        CallView finishedUnseen = TestCalls.call("script-versions-finished-1", 1, false);
        assertThat(library.forCall(finishedUnseen).version()).isEqualTo(before);

        ObjectNode edited = (ObjectNode) JSON.readTree(original);
        for (var stage : edited.withArray("stages")) {
            if ("greeting".equals(stage.get("id").asText())) {
                ((ObjectNode) stage).put("text", "{centre}客服中心，您好，新问候语测试。");
            }
        }
        // the new version forbids one more phrase: the old call's notes are still checked by the old version
        ObjectNode newRule = edited.withArray("forbidden").addObject();
        newRule.setAll((ObjectNode) edited.withArray("forbidden").get(0));
        newRule.put("id", "test-new-version-only").put("phrase", "新版禁语");
        as("agent1").contentType("application/json").body(edited.toString()).put("/api/scripts/{id}", id).then().statusCode(403);
        try {
            supervisor().contentType("application/json").body(edited.toString()).put("/api/scripts/{id}", id)
                    .then().statusCode(200).body("version", equalTo(before + 1));

            SimulatedCall newCall;
            try (io.cuecard.console.ConsoleClient console = new io.cuecard.console.ConsoleClient(consoleSocket, "agent1", "agent1")) {
                console.await("snapshot", "");
                newCall = answeredCall("+4930200002", "PJSIP/agent1");
                console.await("call", "新问候语测试");
            }
            supervisor().get("/api/calls/{id}", newCall.linkedid()).then().body("script.version", equalTo(before + 1));
            assertThat(library.forCall(finishedUnseen).version()).as("the finished call's version after a new one").isEqualTo(before);
            supervisor().get("/api/calls/{id}", oldCall.linkedid()).then().body("script.version", equalTo(before));
            supervisor().get("/api/scripts/{id}/versions/{v}", id, before).then().statusCode(200)
                    .body(org.hamcrest.Matchers.not(containsString("新问候语测试")));
            supervisor().get("/api/scripts/{id}/versions", id).then().body("version", hasItem(before + 1));
            for (var done : java.util.List.of(java.util.Map.entry(oldCall, "agent2"), java.util.Map.entry(newCall, "agent1"))) {
                try (var console = new io.cuecard.console.ConsoleClient(consoleSocket, done.getValue(), done.getValue())) {
                    console.await("snapshot", "");
                    done.getKey().customerHangsUp();
                    console.await("agent-state", "wrap-up");
                    String callId = done.getKey().linkedid();
                    boolean newVersion = done.getKey() == newCall;
                    for (int check = 1; check <= 2; check++) {
                        console.send("{\"type\":\"notes\",\"callId\":\"" + callId + "\",\"requestId\":" + (90 + check)
                                + ",\"text\":\"客户咨询保养，新版禁语。\"}");
                        String hits = console.await("hits", "\"requestId\":" + (90 + check));
                        assertThat(hits).as("check %d of %s's notes in wrap-up", check, newVersion ? "the new call" : "the old call")
                                .matches(newVersion ? ".*\"ruleId\":\"test-new-version-only\".*" : "(?!.*test-new-version-only).*");
                    }
                    console.finishWrapUp(callId);
                }
            }
        } finally {
            supervisor().contentType("application/json").body(original).put("/api/scripts/{id}", id).then().statusCode(200);
        }
    }

    @Test
    void scriptsGoOutAndComeBackAsYaml() {
        String id = defaultId();
        String yaml = supervisor().get("/api/scripts/{id}/export?format=yaml", id).then().statusCode(200)
                .contentType(containsString("yaml")).extract().asString();
        assertThat(yaml).containsPattern("(?m)^id: \"?" + java.util.regex.Pattern.quote(id) + "\"?$");
        String copy = yaml.replaceFirst("(?m)^id: \"?" + java.util.regex.Pattern.quote(id) + "\"?$", "id: \"copy-of-" + id + "\"");
        supervisor().contentType("application/yaml").body(copy.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/scripts").then().statusCode(201)
                .body("id", equalTo("copy-of-" + id)).body("version", equalTo(1));
        supervisor().get("/api/scripts").then().body("id", hasItem("copy-of-" + id));
    }

    @Test
    void anInvalidScriptIsRefusedFieldByField() {
        String id = defaultId();
        supervisor().contentType("application/json").body(Map.of("id", id, "name", "broken")).put("/api/scripts/{id}", id)
                .then().statusCode(400).body("error", notNullValue()).body("fields[0].field", notNullValue());
        supervisor().contentType("application/json").body("{not json").put("/api/scripts/{id}", id).then().statusCode(400);
        supervisor().get("/api/scripts/{id}", "no-such-script").then().statusCode(404);
    }
}
