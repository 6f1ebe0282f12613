package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmiEventsTest {

    final AmiEvents amiEvents = new AmiEvents();
    final Instant at = Instant.parse("2026-11-22T17:00:00Z");

    @Test
    void buildsTypedEventsLikeTheReader() {
        AmiPacket p = AmiPacket.of("Event", "Newchannel", "Privilege", "call,all", "Timestamp", "1795367282.227850",
                "Channel", "PJSIP/customer-00000000", "ChannelState", "4", "AccountCode", "", "Uniqueid",
                "1795367282.0", "Linkedid", "1795367282.0", "CallerIDNum", "+4930123456");

        ManagerEvent e = amiEvents.toEvent(p, at);

        assertThat(e).isInstanceOf(NewChannelEvent.class);
        NewChannelEvent n = (NewChannelEvent) e;
        assertThat(n.getChannel()).isEqualTo("PJSIP/customer-00000000");
        assertThat(n.getLinkedid()).isEqualTo("1795367282.0");
        assertThat(n.getChannelState()).isEqualTo(4);
        assertThat(n.getCallerIdNum()).isEqualTo("+4930123456");
        assertThat(n.getAccountCode()).as("a header without value is dropped, as the reader does").isNull();
        assertThat(n.getTimestamp()).isEqualTo(1795367282.22785);
        assertThat(n.getDateReceived()).isEqualTo(java.util.Date.from(at));
    }

    @Test
    void theTimestampHeaderBecomesTheEventsPbxTime() {
        ManagerEvent stamped = amiEvents.toEvent(AmiPacket.of("Event", "Newchannel", "Timestamp", "1795367282.227850",
                "Channel", "PJSIP/customer-00000000", "Uniqueid", "1795367282.0"), at);
        ManagerEvent unstamped = amiEvents.toEvent(AmiPacket.of("Event", "Newchannel",
                "Channel", "PJSIP/customer-00000000", "Uniqueid", "1795367282.0"), at);

        assertThat(PbxEventPipeline.pbxTimestamp(stamped)).isEqualTo(Instant.parse("2026-11-22T17:08:02.227850Z"));
        assertThat(PbxEventPipeline.pbxTimestamp(unstamped)).as("no Timestamp: no latency sample").isNull();
    }

    @Test
    void readerAttributesLowerCaseKeysDropEmptyValuesAndListRepeatedKeys() {
        AmiPacket p = AmiPacket.of("Event", "UserEvent", "Variable", "a=1", "Variable", "b=2", "Empty", "");
        Map<String, Object> attributes = AmiEvents.readerAttributes(p);
        assertThat(attributes).containsEntry("event", "UserEvent").containsEntry("variable", List.of("a=1", "b=2"))
                .doesNotContainKey("empty");
    }

    @Test
    void originateResponseEventIsAnEventNotAResponse() {
        AmiPacket p = AmiPacket.of("Event", "OriginateResponse", "ActionID", "4711_3#originate-2", "Response",
                "Success", "Channel", "PJSIP/agent1-0000000c", "Reason", "4", "Uniqueid", "1795367347.14");
        ManagerEvent e = amiEvents.toEvent(p, at);
        assertThat(e).isInstanceOf(OriginateResponseEvent.class);
        OriginateResponseEvent o = (OriginateResponseEvent) e;
        assertThat(o.getResponse()).isEqualTo("Success");
        assertThat(o.getReason()).isEqualTo(4);
        assertThat(o.getActionId()).as("asterisk-java strips its internal prefix").isEqualTo("originate-2");
    }

    @Test
    void responsesAndUnknownEventsGiveNull() {
        assertThat(amiEvents.toEvent(AmiPacket.of("Response", "Success", "ActionID", "x"), at)).isNull();
        assertThat(amiEvents.toEvent(AmiPacket.of("Event", "SomethingNewInAsterisk99", "Foo", "bar"), at)).isNull();
        assertThat(amiEvents.toEvent(null, at)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-inbound-queue-answered-customer-hangup.txt", "b-inbound-hold-unhold.txt",
            "c-blind-transfer-agent1-to-agent2.txt", "e-caller-abandons-in-queue.txt",
            "f-outbound-originate-agent1-to-customer.txt"})
    void everyEventOfTheRecordedTracesIsKnownToAsteriskJava(String file) throws Exception {
        AmiTrace trace = AmiTrace.read(AmiTrace.sharedTraceDir().resolve(file));
        long eventPackets = trace.packets().stream().filter(AmiPacket::isEvent).count();

        List<ManagerEvent> events = amiEvents.toEvents(trace.packets(), at);

        assertThat(events).hasSize((int) eventPackets);
        assertThat(events).filteredOn(VarSetEvent.class::isInstance).isNotEmpty();
    }
}
