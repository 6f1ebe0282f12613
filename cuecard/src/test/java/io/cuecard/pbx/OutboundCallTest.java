package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
import io.cuecard.pbx.Packets.Ch;
import org.junit.jupiter.api.Test;

/**
 * Follow-up (outbound) calls as Asterisk reports them: the customer's number is the number the agent's side dialled
 * (the Originate's {@code Exten}, run in the agent channel's dialplan), not the caller ID of the channel it dialled; a
 * customer who rejects the call (busy) hung up.
 */
class OutboundCallTest {

    final PbxHarness h = new PbxHarness();
    final Packets p = new Packets();

    /** The Originate's agent leg: after the answer it runs the dialled number in the follow-up context. */
    final Ch agentLeg = new Ch("PJSIP/agent1-00000040", "1800000000.40", "1800000000.40", "201", "agents", "s");
    /** The customer endpoint's channel shows the endpoint's own caller ID (trace f: +4930123456). */
    final Ch callee = new Ch("PJSIP/customer-00000041", "1800000000.41", "1800000000.40", "+4930123456",
            "from-customer", "s");

    @Test
    void theCustomerNumberOfTheRecordedFollowUpCallIsTheNumberDialled() {
        CallView v = new PbxHarness().replay(TraceScenarioTest.F).onlyCall();

        assertThat(v.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(v.customerNumber()).as("the Originate's Exten, not the customer channel's caller ID +4930123456")
                .isEqualTo("030123456");
    }

    @Test
    void aCustomerWhoIsBusyRejectedTheCall() {
        agentAnswersAndDialsTheCustomer("030555000");
        p.after(1).dialEnd(agentLeg, callee, "BUSY");
        p.hangup(callee, 17, "User busy");
        p.hangup(agentLeg, 16, "Normal Clearing");
        CallView v = call();

        assertThat(v.outcome()).isEqualTo("busy");
        assertThat(v.hangupBy()).as("SIP 486: DialStatus BUSY, hangup cause 17").isEqualTo("customer");
        assertThat(v.customerNumber()).isEqualTo("030555000");
        assertThat(v.flags()).extracting(CallView.Flag::rule).doesNotContain("pbx-hangup");
    }

    @Test
    void aCustomerWhoDoesNotAnswerDidNotHangUp() {
        agentAnswersAndDialsTheCustomer("030555001");
        p.after(45).dialEnd(agentLeg, callee, "NOANSWER");
        p.hangup(callee, 19, "User alerting, no answer");
        p.hangup(agentLeg, 16, "Normal Clearing");
        CallView v = call();

        assertThat(v.outcome()).isEqualTo("no-answer");
        assertThat(v.hangupBy()).isEqualTo("system");
        assertThat(v.customerNumber()).isEqualTo("030555001");
    }

    private void agentAnswersAndDialsTheCustomer(String number) {
        p.newchannel(agentLeg, 0);
        p.varSet(agentLeg, "CAMPAIGN", "followup-42");
        p.varSet(agentLeg, "AGENT", "agent1");
        p.dialBegin(null, agentLeg, "agent1");
        p.state(agentLeg, 5);
        p.after(1.5).state(agentLeg, 6);
        p.dialEnd(null, agentLeg, "ANSWER");
        p.originateResponse("originate-40", "Success", agentLeg.channel, agentLeg.uniqueId, 4);
        agentLeg.context = "cuecard-outbound";
        agentLeg.exten = number;
        p.newchannel(callee, 0);
        callee.exten = number; // Dial copies the caller's extension to the channel it dials
        p.dialBegin(agentLeg, callee, number + "@customer");
        p.state(callee, 5);
    }

    private CallView call() {
        h.feed(p.packets);
        return h.call(agentLeg.linkedId);
    }
}
