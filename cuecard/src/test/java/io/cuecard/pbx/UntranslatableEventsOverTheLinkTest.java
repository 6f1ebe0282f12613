package io.cuecard.pbx;

import static io.cuecard.testsupport.Metrics.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cuecard.call.service.CallService;
import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.simulator.PbxSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Over the real AMI link: events Cuecard receives and cannot translate are each counted in
 * {@code cuecard_ami_events_untranslatable_total} (and in {@code cuecard_ami_events_total}, as received), and logged in
 * one rate-limited WARN line, not one per event, never with a stack trace. Well-formed events are not counted.
 */
@QuarkusTest
class UntranslatableEventsOverTheLinkTest {

    private static final int BAD = 30;

    @Inject
    BuiltInPbx pbx;

    @Inject
    AmiLink link;

    @Inject
    CallService calls;

    /** The events the WARN lines so far account for. */
    private static long reported(UntranslatableEventsTest.LogCapture log) {
        return log.lines().stream().mapToLong(l -> Long.parseLong(l.substring(0, l.indexOf(' ')))).sum();
    }

    @Test
    void aFailingEventIsCountedAndLoggedOnce() throws Exception {
        PbxSimulator sim = pbx.simulator(PbxSimulator.class);
        await().atMost(Duration.ofSeconds(10)).until(link::connected);
        double untranslatable = metric("cuecard_ami_events_untranslatable_total");
        double received = metric("cuecard_ami_events_total");
        try (UntranslatableEventsTest.LogCapture log = new UntranslatableEventsTest.LogCapture(UntranslatableEvents.class.getName())) {
            for (int i = 0; i < BAD; i++) {
                // a Hangup without Uniqueid: the translator cannot tell which leg ended
                sim.sendEvent(AmiPacket.of("Event", "Hangup", "Privilege", "call,all", "Channel", "PJSIP/nobody-0000000" + (i % 10),
                        "Cause", "16"));
            }
            // well-formed, for a channel nobody knows: translated (and ignored by the tracker), not counted
            sim.sendEvent(AmiPacket.of("Event", "Hangup", "Privilege", "call,all", "Channel", "PJSIP/nobody-00000001",
                    "Uniqueid", "4100000000.1", "Linkedid", "4100000000.1", "Cause", "16"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(metric("cuecard_ami_events_total")).isEqualTo(received + BAD + 1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(metric("cuecard_ami_events_untranslatable_total")).isEqualTo(untranslatable + BAD));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.queued() == 0);
            Thread.sleep(300);
            assertThat(metric("cuecard_ami_events_untranslatable_total")).as("the well-formed one is not counted")
                    .isEqualTo(untranslatable + BAD);

            // the first line comes at once, the rest at the end of the 10 s window (or all of them then, when an earlier
            // test's events had opened a window)
            await().atMost(Duration.ofSeconds(25)).until(() -> reported(log) >= BAD);
            assertThat(log.lines()).last().asString().contains("last: Hangup, no Uniqueid");
            assertThat(log.records).as("%d events, not one line each", BAD).hasSizeLessThanOrEqualTo(2);
            assertThat(log.records).allSatisfy(r -> assertThat(r.getThrown()).as("no stack trace").isNull());
            assertThat(log.lines()).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
        }
    }
}
