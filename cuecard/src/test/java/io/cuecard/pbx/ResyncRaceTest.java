package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.pbx.trace.AmiPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call whose first events arrive while the lists of a (re)connect's resync are being read (issue 10, item 1). The
 * PBX answers {@code CoreShowChannels} and {@code QueueStatus} from what it has when it reads them, so a call that
 * begins after the lists were asked for is not in them although its events reach Cuecard before the lists do. Such a
 * call must survive the resync: each recorded scenario, with the (empty) lists arriving after any number of its
 * events, is logged exactly as without a resync, and never flagged {@code link-lost}.
 */
class ResyncRaceTest {

    private static final List<String> SCENARIOS = List.of(
            "a-inbound-queue-answered-customer-hangup.txt",
            "b-inbound-hold-unhold.txt",
            "c-blind-transfer-agent1-to-agent2.txt",
            "e-caller-abandons-in-queue.txt",
            "f-outbound-originate-agent1-to-customer.txt");

    /** What the call log says of a call, without the times of the resync itself. */
    record Logged(String direction, String customerNumber, String queue, List<String> agents, String outcome,
                  String hangupBy, boolean abandoned, int holdCount, List<String> stages, List<String> flags,
                  List<String> transfers, boolean ended) {

        static Logged of(CallView c) {
            return new Logged(String.valueOf(c.direction()), c.customerNumber(), c.queue(), c.agents(), c.outcome(),
                    c.hangupBy(), c.abandoned(), c.holdCount(), c.stages().stream().map(s -> s.stage().name()).toList(),
                    c.flags().stream().map(CallView.Flag::rule).toList(),
                    c.transfers().stream().map(t -> t.type() + " " + t.from() + "->" + t.to() + " " + t.answered()).toList(),
                    c.endedAt() != null);
        }
    }

    @Test
    void aCallThatBeginsWhileTheListsAreReadSurvivesTheResync() {
        for (String file : SCENARIOS) {
            List<AmiPacket> packets = PbxHarness.trace(file).scenarioPackets();
            Logged expected = Logged.of(new PbxHarness().replay(file).onlyCall());
            assertThat(expected.ended()).as("%s ends", file).isTrue();
            for (int k = 0; k <= packets.size(); k++) {
                PbxHarness h = new PbxHarness();
                h.translator.markResync();                              // a (re)connect logs in; the lists are asked for
                h.feed(packets.subList(0, k));                          // the call's first events arrive meanwhile
                h.apply(h.translator.resync(List.of(), List.of(), PbxHarness.T0)); // lists read before it began
                h.feed(packets.subList(k, packets.size()));
                Logged logged = Logged.of(h.onlyCall());
                assertThat(logged).as("%s with the lists after %d of %d packets", file, k, packets.size()).isEqualTo(expected);
                assertThat(logged.flags()).as("%s after %d packets", file, k).doesNotContain("link-lost");
            }
        }
    }

    @Test
    void aCallKnownBeforeTheListsWereAskedForAndNotInThemIsGone() {
        List<AmiPacket> packets = PbxHarness.trace("a-inbound-queue-answered-customer-hangup.txt").scenarioPackets();
        PbxHarness h = new PbxHarness();
        h.feed(packets.subList(0, packets.size() / 2));                // the call is up, then the link drops
        h.apply(h.translator.linkLost(PbxHarness.T0));
        h.translator.markResync();                                      // reconnected: the lists are asked for
        h.apply(h.translator.resync(List.of(), List.of(), PbxHarness.T0)); // and the call is not in them
        CallView call = h.onlyCall();
        assertThat(call.endedAt()).as("ended").isNotNull();
        assertThat(call.flags()).extracting(CallView.Flag::rule).contains("link-lost");
    }
}
