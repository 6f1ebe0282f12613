package io.cuecard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.event.UnholdEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

/** The simulator as asterisk-java 3.42.2 sees it over TCP: login, version detection, actions, typed events, faults. */
class AsteriskJavaClientTest extends SimulatorClientTestBase {

    @Override
    protected SimulatorSettings settings() {
        return SimulatorSettings.defaults().withTraffic(6, 0.3, 0.3, 0.1, 7);
    }

    @Override
    protected ManagerConnection connect(int port) {
        return new ManagerConnectionFactory("127.0.0.1", port, "cuecard", "cuecard").createManagerConnection();
    }

    @Test
    void logsInAndDeterminesTheAsteriskVersion() throws Exception {
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        assertThat(connection.getVersion().isAtLeast(AsteriskVersion.ASTERISK_22)).isTrue();
        assertThat(connection.sendAction(new PingAction(), 2000).getResponse()).isEqualTo("Success");
        ManagerResponse version = connection.sendAction(new CommandAction("core show version"), 2000);
        assertThat(version).isInstanceOf(CommandResponse.class);
        assertThat(((CommandResponse) version).getResult()).singleElement().asString().startsWith("Asterisk 22.");
    }

    @Test
    void wrongSecretFailsTheLogin() {
        ManagerConnection wrong = new ManagerConnectionFactory("127.0.0.1", pbx.port(), "cuecard", "not-the-secret").createManagerConnection();
        assertThatThrownBy(wrong::login).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void scriptedInboundCallArrivesAsTypedEventsInOrder() {
        SimulatedCall call = pbx.inboundCall("+4930123456").ringAgent("PJSIP/agent1").answer().hold().unhold().blindTransfer("202").answer()
                .customerHangsUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(HangupEvent.class::isInstance).count() == 3);
        List<Class<?>> order = events.stream().<Class<?>>map(Object::getClass)
                .filter(c -> List.of(QueueCallerJoinEvent.class, AgentCalledEvent.class, QueueCallerLeaveEvent.class, AgentConnectEvent.class,
                        HoldEvent.class, UnholdEvent.class, BlindTransferEvent.class, AgentCompleteEvent.class, HangupEvent.class).contains(c))
                .toList();
        assertThat(order).containsExactly(QueueCallerJoinEvent.class, AgentCalledEvent.class, QueueCallerLeaveEvent.class,
                AgentConnectEvent.class, HoldEvent.class, UnholdEvent.class, BlindTransferEvent.class, AgentCompleteEvent.class,
                HangupEvent.class, HangupEvent.class, HangupEvent.class);
        QueueCallerJoinEvent join = first(QueueCallerJoinEvent.class);
        assertThat(join.getQueue()).isEqualTo("service");
        assertThat(join.getCallerIdNum()).isEqualTo("+4930123456");
        assertThat(join.getLinkedId()).isEqualTo(call.linkedid());
        AgentConnectEvent connect = first(AgentConnectEvent.class);
        assertThat(connect.getInterface()).isEqualTo("PJSIP/agent1");
        assertThat(connect.getMemberName()).isEqualTo("Agent One");
        assertThat(first(BlindTransferEvent.class).getExtension()).isEqualTo("202");
        assertThat(first(AgentCompleteEvent.class).getReason()).isEqualTo("transfer");
        assertThat(first(HangupEvent.class).getCause()).isEqualTo(16);
        assertThat(first(BridgeEnterEvent.class).getBridgeUniqueId()).isNotBlank();
        assertThat(first(HoldEvent.class).getDateReceived()).isNotNull();
        assertThat(first(HoldEvent.class).getTimestamp()).isPositive();
    }

    @Test
    void listActionsReflectTheLiveCall() throws Exception {
        SimulatedCall talking = pbx.inboundCall("+4930111").ringAgent("PJSIP/agent1").answer();
        SimulatedCall waiting = pbx.inboundCall("+4930222");

        ResponseEvents channels = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 3000);
        assertThat(channels.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance).extracting(e -> ((CoreShowChannelEvent) e).getChannel())
                .containsExactlyInAnyOrder(talking.customerChannel(), talking.agentChannel(), waiting.customerChannel());

        ResponseEvents status = connection.sendEventGeneratingAction(new StatusAction(), 3000);
        assertThat(status.getEvents()).filteredOn(StatusEvent.class::isInstance).hasSize(3);

        ResponseEvents queue = connection.sendEventGeneratingAction(new QueueStatusAction(), 3000);
        assertThat(queue.getEvents()).filteredOn(QueueParamsEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((QueueParamsEvent) e).getCalls()).isEqualTo(1));
        assertThat(queue.getEvents()).filteredOn(QueueMemberEvent.class::isInstance).hasSize(2)
                .anySatisfy(e -> assertThat(((QueueMemberEvent) e).getIncall()).isEqualTo(1));
        assertThat(queue.getEvents()).filteredOn(QueueEntryEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((QueueEntryEvent) e).getChannel()).isEqualTo(waiting.customerChannel()));

        talking.customerHangsUp();
        waiting.abandon();
        ResponseEvents none = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 3000);
        assertThat(none.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance).isEmpty();
    }

    @Test
    void originateRunsTheOutboundCallAndReportsWithItsActionId() throws Exception {
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/agent1");
        originate.setContext("outbound-followup");
        originate.setExten("030123456");
        originate.setPriority(1);
        originate.setAsync(true);
        originate.setVariable("CAMPAIGN", "followup-42");
        originate.setVariable("AGENT", "agent1");
        ManagerResponse queued = connection.sendAction(originate, 3000);
        assertThat(queued.getMessage()).isEqualTo("Originate successfully queued");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(HangupEvent.class::isInstance).count() == 2);
        OriginateResponseEvent response = first(OriginateResponseEvent.class);
        assertThat(response.getResponse()).isEqualTo("Success");
        assertThat(response.getReason()).isEqualTo(4);
        assertThat(events).filteredOn(VarSetEvent.class::isInstance).extracting(e -> ((VarSetEvent) e).getVariable())
                .contains("CAMPAIGN", "AGENT");
    }

    @Test
    void queuePauseUpdatesTheMemberAndEmitsQueueMemberPause() throws Exception {
        ManagerResponse paused = connection.sendAction(new QueuePauseAction("PJSIP/agent1", "service", true), 2000);
        assertThat(paused.getResponse()).isEqualTo("Success");
        assertThat(paused.getMessage()).isEqualTo("Interface paused successfully");
        await().atMost(Duration.ofSeconds(2)).until(() -> events.stream().anyMatch(QueueMemberPauseEvent.class::isInstance));
        assertThat(first(QueueMemberPauseEvent.class).getPaused()).isTrue();
        ResponseEvents queue = connection.sendEventGeneratingAction(new QueueStatusAction(), 3000);
        assertThat(queue.getEvents()).filteredOn(QueueMemberEvent.class::isInstance)
                .anySatisfy(e -> assertThat(((QueueMemberEvent) e).getPaused()).isTrue());
        assertThat(connection.sendAction(new QueuePauseAction("PJSIP/nobody", true), 2000).getResponse()).isEqualTo("Error");
    }

    @Test
    void reconnectsAfterTheLinkIsCutAndWhileRefused() throws Exception {
        SimulatedCall call = pbx.inboundCall("+4930888").ringAgent("PJSIP/agent2").answer();
        pbx.setAccepting(false);
        pbx.dropConnections();
        await().atMost(Duration.ofSeconds(3)).until(() -> events.stream().anyMatch(DisconnectEvent.class::isInstance));
        long connectsBefore = events.stream().filter(ConnectEvent.class::isInstance).count();
        pbx.setAccepting(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().filter(ConnectEvent.class::isInstance).count() > connectsBefore
                && connection.getState() == ManagerConnectionState.CONNECTED);
        ResponseEvents resync = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 3000);
        assertThat(resync.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance)
                .extracting(e -> ((CoreShowChannelEvent) e).getChannel()).containsExactlyInAnyOrder(call.customerChannel(), call.agentChannel());
        call.customerHangsUp();
        await().atMost(Duration.ofSeconds(3)).until(() -> events.stream().filter(HangupEvent.class::isInstance).count() == 2);
    }

    @Test
    void malformedInputDoesNotBreakTheReader() throws Exception {
        pbx.sendRaw("garbage without colon\r\n\r\n");
        pbx.sendRaw("Foo: bar\r\nBaz: qux\r\n\r\n");
        pbx.sendRaw("Event: SomethingNewInAsterisk99\r\nPrivilege: call,all\r\nWhatever: 1\r\n\r\n");
        pbx.sendRaw("Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/x-1\r\nCause: not-a-number\r\nTechCause: 200\r\n\r\n");
        pbx.sendRaw("Event: VarSet\r\nPrivilege: dialplan,all\r\nVariable: BIG\r\nValue: " + "v".repeat(100_000) + "\r\n\r\n");
        pbx.sendRaw("Response: Success\r\nMessage: reply nobody asked for\r\n\r\n");
        pbx.sendRaw("\r\n\r\n\r\n");
        pbx.inboundCall("+4930777").abandon();
        await().atMost(Duration.ofSeconds(3)).until(() -> events.stream().anyMatch(e -> e instanceof HangupEvent h
                && h.getChannel().startsWith("PJSIP/customer-")));
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        assertThat(connection.sendAction(new PingAction(), 2000).getResponse()).isEqualTo("Success");
    }

    private <T> T first(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type));
    }
}
