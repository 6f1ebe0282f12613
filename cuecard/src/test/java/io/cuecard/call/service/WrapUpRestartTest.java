package io.cuecard.call.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cuecard.call.CallView;
import io.cuecard.call.Stage;
import io.cuecard.call.log.CallLogService;
import io.cuecard.call.log.CallLogWriter;
import io.cuecard.pbx.AmiLink;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Cuecard restart during a wrap-up (issue 10, item 4): the call service is stopped and started again over the same
 * database, as at a restart (the tracker is rebuilt from what the call log and {@code open_wrap_up} hold), and the PBX
 * link reconnects. The agent's wrap-up is still there: Ready ends it and un-pauses the agent, and without Ready the
 * wrap-up maximum still ends it at the deadline it had before the restart.
 */
@QuarkusTest
@TestProfile(WrapUpRestartTest.ShortWrapUp.class)
class WrapUpRestartTest {

    static final Duration MAXIMUM = Duration.ofSeconds(8);

    /** A wrap-up maximum the test can wait for. */
    public static class ShortWrapUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cuecard.call.wrap-up-maximum", MAXIMUM.toSeconds() + "s");
        }
    }

    @Inject
    CallService calls;

    @Inject
    CallLogWriter writer;

    @Inject
    CallLogService log;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    private int numbers;

    @Test
    void readyEndsAWrapUpAfterARestart() {
        String id = wrapUpThenRestart("PJSIP/agent1");

        CallService.ActionResult ready = calls.ready("agent1");

        assertThat(ready.ok()).as("Ready after the restart: %s", ready.message()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !paused("PJSIP/agent1"));
        CallView after = calls.liveCall(id).orElse(null);
        assertThat(after).as("the call is finished once its wrap-up ended").isNull();
    }

    @Test
    void theWrapUpMaximumStillEndsAWrapUpAfterARestart() {
        String id = wrapUpThenRestart("PJSIP/agent2");
        CallView restored = calls.liveCall(id).orElseThrow();
        Instant deadline = restored.stages().stream().filter(s -> s.stage() == Stage.WRAP_UP).findFirst().orElseThrow()
                .enteredAt().plus(MAXIMUM);

        await().atMost(MAXIMUM.plusSeconds(10)).until(() -> !paused("PJSIP/agent2"));

        assertThat(calls.liveCall(id)).isEmpty();
        assertThat(writer.awaitDrained(10_000)).isTrue();
        CallView logged = log.get(id).orElseThrow().call();
        assertThat(logged.stages()).filteredOn(s -> s.stage() == Stage.WRAP_UP).singleElement()
                .satisfies(s -> assertThat(s.leftAt()).as("ended at its deadline").isEqualTo(deadline));
        assertThat(logged.timeline()).extracting(CallView.TimelineEntry::type).contains("wrap-up-maximum");
    }

    /**
     * The agent answers a queue call, the customer hangs up: the agent is in wrap-up, paused in the queue. Then Cuecard
     * "restarts": the call log is written, the call service stops and starts again (rebuilding the tracker from the
     * database), and the AMI link is cut and reconnects. Returns the call's id.
     */
    private String wrapUpThenRestart(String agentInterface) {
        String agent = agentInterface.substring("PJSIP/".length());
        FreeAgents.free("agent1", "agent2");
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        SimulatedCall call = sim.inboundCall(String.format("+49307%06d", ++numbers), "service");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> call.ringAgent(agentInterface) != null);
        call.answer();
        String id = call.linkedid();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(id).isPresent());
        call.customerHangsUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.liveCall(id).map(c -> c.wrappingUp(agent)).orElse(false));
        assertThat(paused(agentInterface)).isTrue();
        assertThat(writer.awaitDrained(10_000)).isTrue();

        CallService service = ClientProxy.unwrap(calls);
        long resyncs = link.resyncs();
        service.onStop(null);
        service.onStart(null);
        sim.dropConnections();

        await().atMost(Duration.ofSeconds(10)).until(() -> link.resyncs() > resyncs);
        assertThat(calls.liveCall(id)).as("the wrap-up is back after the restart")
                .hasValueSatisfying(c -> assertThat(c.wrappingUp(agent)).isTrue());
        assertThat(paused(agentInterface)).as("still paused").isTrue();
        return id;
    }

    private boolean paused(String agentInterface) {
        return pbx.simulator(PbxSimulator.class).pausedReason(agentInterface) != null;
    }
}
