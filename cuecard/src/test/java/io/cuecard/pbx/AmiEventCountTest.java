package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.simulator.SimulatorClientTestBase;
import io.cuecard.simulator.SimulatorSettings;
import java.time.Duration;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;

/**
 * What {@link PbxSimulator#eventsSent()} counts is what {@link AmiLink} counts as received PBX events (on the
 * connection AmiLink uses): list items of our own actions, asterisk-java's pseudo events and its synthesised legacy
 * {@code Dial} events are in neither, {@code OriginateResponse} and {@code FullyBooted} are in both.
 */
class AmiEventCountTest extends SimulatorClientTestBase {

    @Override
    protected SimulatorSettings settings() {
        return SimulatorSettings.defaults().withTraffic(0, 0.2, 0.2, 0.1, 7);
    }

    @Override
    protected ManagerConnection connect(int port) {
        return AmiLink.connection(new AmiEndpoint.Target("127.0.0.1", port, "cuecard", "cuecard"), Duration.ofSeconds(10));
    }

    @Test
    void theSimulatorsSentEventsAreTheLinksReceivedEvents() throws Exception {
        SimulatedCall call = pbx.inboundCall("+4930333").ringAgent("PJSIP/agent1").answer();
        call.hold().unhold();
        assertThat(connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 3000).getEvents())
                .filteredOn(CoreShowChannelEvent.class::isInstance).hasSize(2);
        connection.sendEventGeneratingAction(new QueueStatusAction(), 3000);
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/agent2");
        originate.setContext("outbound");
        originate.setExten("+4930444");
        originate.setPriority(1);
        originate.setAsync(true);
        connection.sendAction(originate, 3000);
        pbx.sendRaw("Event: Newexten\r\nPrivilege: dialplan,all\r\nChannel: PJSIP/x-1\r\nUniqueid: 1.1\r\n\r\n");
        call.customerHangsUp();
        // both calls over: two legs each hung up
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(HangupEvent.class::isInstance).count() == 4);

        // every event the simulator counted arrives and is counted, and nothing else is (but the raw packet)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.stream().filter(AmiLink::fromPbx).count()).isEqualTo(pbx.eventsSent() + 1)); // + the raw one
        assertThat(events).anyMatch(ConnectEvent.class::isInstance).anyMatch(CoreShowChannelEvent.class::isInstance)
                .anyMatch(e -> e.getClass() == DialEvent.class).anyMatch(QueueMemberStatusEvent.class::isInstance)
                .filteredOn(e -> !AmiLink.fromPbx(e)).noneMatch(OriginateResponseEvent.class::isInstance);
    }
}
