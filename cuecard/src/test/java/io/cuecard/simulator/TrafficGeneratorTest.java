package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.pbx.trace.AmiPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generated traffic: every call that comes in is torn down completely, paused agents get nothing, list replies match. */
class TrafficGeneratorTest {

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws IOException {
        pbx = PbxSimulator.start(SimulatorSettings.defaults().withAgents(List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/agent3", "PJSIP/agent4", "PJSIP/agent5"))
                .withTraffic(300, 0.3, 1.2, 0.1, 20261122L));
        // no Cuecard here ends the agents' wrap-ups: the agents' legs do not pause them (WrapUpHandlerTest tests that)
        pbx.setWrapUpPauseAtHangup(false);
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void everyGeneratedCallEndsAndPausedAgentsAreSkipped() throws Exception {
        try (RawAmiClient client = RawAmiClient.loggedIn(pbx.port(), "on")) {
            client.send("Action", "QueuePause", "ActionID", "pause", "Interface", "PJSIP/agent3", "Paused", "true", "Reason", "training");
            assertThat(client.awaitResponse("pause").get("Message")).isEqualTo("Interface paused successfully");
            pbx.startTraffic();
            for (int i = 0; i < 6; i++) {
                Thread.sleep(400);
                String id = "snap-" + i;
                client.send("Action", "CoreShowChannels", "ActionID", id);
                client.await(p -> "CoreShowChannelsComplete".equals(p.event()) && id.equals(p.get("ActionID")), Duration.ofSeconds(3));
                assertListMatchesEventStream(client.received, id);
            }
            int calls = pbx.stopTraffic().get(60, TimeUnit.SECONDS);
            client.send("Action", "Ping", "ActionID", "end");
            client.awaitResponse("end");
            List<AmiPacket> events = client.events();

            assertThat(calls).isGreaterThan(5);
            assertThat(count(events, e -> "QueueCallerJoin".equals(e.event()))).isEqualTo(calls);
            assertThat(count(events, e -> "Newchannel".equals(e.event()) && e.get("Channel").startsWith("PJSIP/customer-"))).isEqualTo(calls);
            assertThat(count(events, e -> "Hangup".equals(e.event()) && e.get("Channel").startsWith("PJSIP/customer-"))).isEqualTo(calls);
            assertThat(count(events, e -> "Hangup".equals(e.event()))).isEqualTo(count(events, e -> "Newchannel".equals(e.event())));
            assertThat(count(events, e -> "BridgeEnter".equals(e.event()))).isEqualTo(count(events, e -> "BridgeLeave".equals(e.event())));
            assertThat(count(events, e -> "DialBegin".equals(e.event()))).isEqualTo(count(events, e -> "DialEnd".equals(e.event())
                    && !"CANCEL".equals(e.get("DialStatus"))) + count(events, e -> "DialEnd".equals(e.event())
                    && "CANCEL".equals(e.get("DialStatus"))) / 2);
            assertThat(events).noneMatch(e -> "AgentCalled".equals(e.event()) && "PJSIP/agent3".equals(e.get("Interface")));
            assertThat(events).anyMatch(e -> "AgentCalled".equals(e.event()) && "PJSIP/agent2".equals(e.get("Interface")));
            Map<String, Integer> perCall = new HashMap<>();
            for (AmiPacket e : events) {
                if ("Newchannel".equals(e.event())) {
                    perCall.merge(e.get("Linkedid"), 1, Integer::sum);
                } else if ("Hangup".equals(e.event())) {
                    perCall.merge(e.get("Linkedid"), -1, Integer::sum);
                }
            }
            assertThat(perCall.values()).allMatch(n -> n == 0);
            assertThat(pbx.liveChannels()).isEmpty();
            assertThat(pbx.activeCalls()).isEmpty();
        }
    }

    /** The channels a CoreShowChannels reply lists are those its preceding events left alive. */
    private static void assertListMatchesEventStream(List<AmiPacket> received, String actionId) {
        Set<String> alive = new HashSet<>();
        Set<String> listed = new HashSet<>();
        boolean inReply = false;
        for (AmiPacket p : received) {
            if (p.isResponse() && actionId.equals(p.get("ActionID"))) {
                inReply = true;
            } else if (inReply && "CoreShowChannel".equals(p.event()) && actionId.equals(p.get("ActionID"))) {
                listed.add(p.get("Channel"));
            } else if (inReply && "CoreShowChannelsComplete".equals(p.event())) {
                break;
            } else if (!inReply && "Newchannel".equals(p.event())) {
                alive.add(p.get("Channel"));
            } else if (!inReply && "Hangup".equals(p.event())) {
                alive.remove(p.get("Channel"));
            }
        }
        assertThat(listed).as("CoreShowChannels " + actionId).isEqualTo(alive);
    }

    private static long count(List<AmiPacket> events, java.util.function.Predicate<AmiPacket> what) {
        return events.stream().filter(what).count();
    }
}
