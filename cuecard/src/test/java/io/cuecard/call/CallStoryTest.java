package io.cuecard.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cuecard.call.CallView.Flag;
import io.cuecard.call.CallView.TimelineEntry;
import io.cuecard.call.CallView.TransferEntry;
import io.cuecard.call.RecordingPbx.Pause;
import io.cuecard.call.event.CallEvent;
import io.cuecard.call.event.CallEvent.Leg;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state machine told in Cuecard's own call events ({@link CallStory}): an inbound call through a queue to an
 * agent, hold and resume, the end of the call and the wrap-up, the agent hanging up first, a blind transfer request,
 * blind and attended transfers through to the target (each transfer state in the call's transfer entries, with its
 * cause), and a blind transfer whose target does not answer.
 */
class CallStoryTest {

    final CallStory story = new CallStory("1800000100.1");
    Leg customer;
    Leg agent;

    /** +4930123 calls the service queue; agent1 rings, answers and is bridged with the customer. */
    private CallView answered() {
        customer = story.opens("PJSIP/trunk", "+4930123", true);
        story.joinsQueue(customer, "service");
        agent = story.opens("PJSIP/agent1", null, false);
        story.agentRings(customer, agent, "service", "PJSIP/agent1")
                .answers(agent)
                .agentConnects(customer, agent, "service", "PJSIP/agent1")
                .bridged("bridge-1", customer, agent);
        return story.call();
    }

    @Test
    void aQueueCallAnsweredByAnAgentStartsWithTheGreeting() {
        CallView call = answered();
        assertThat(call.direction()).isEqualTo(Direction.INBOUND);
        assertThat(call.customerNumber()).isEqualTo("+4930123");
        assertThat(call.queue()).isEqualTo("service");
        assertThat(call.agents()).containsExactly("agent1");
        assertThat(call.stage()).isEqualTo(Stage.GREETING);
        assertThat(call.stageAgent()).isEqualTo("agent1");
        assertThat(call.answeredAt()).isEqualTo(story.now());
        assertThat(call.stages()).extracting(CallView.StageEntry::stage).containsExactly(Stage.RINGING, Stage.GREETING);
        assertThat(call.timeline()).extracting(TimelineEntry::type).contains("queue-joined", "agent-ringing", "agent-connected", "bridged");
        assertThat(story.observer.versions(story.callId)).as("every published version one more than the last")
                .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    }

    @Test
    void aHoldWithoutConsentIsFlaggedAndTheCallGoesBackToTheConversation() {
        answered();
        story.holds(agent);
        assertThat(story.call().stage()).isEqualTo(Stage.HOLD);
        assertThat(story.call().holdCount()).isEqualTo(1);
        assertThat(story.call().flags()).extracting(Flag::rule).containsExactly("hold-without-consent");

        story.after(30).resumes(agent);
        CallView resumed = story.call();
        assertThat(resumed.stage()).isEqualTo(Stage.CONVERSATION);
        assertThat(resumed.holdSeconds()).isEqualTo(30);
    }

    @Test
    void aHoldAfterTheCustomerAgreedIsNotFlagged() {
        answered();
        assertThat(story.tracker.recordHoldConsent(story.callId, "agent1", story.now())).isEqualTo(ConsoleResult.OK);
        story.holds(agent);
        assertThat(story.call().stage()).isEqualTo(Stage.HOLD);
        assertThat(story.call().flags()).isEmpty();
    }

    @Test
    void theCustomerHangsUpAndTheAgentWrapsUpPaused() {
        answered();
        story.after(60).hangsUp(customer, "bridge-1");
        CallView ended = story.call();
        assertThat(ended.endedAt()).isEqualTo(story.now());
        assertThat(ended.hangupBy()).isEqualTo("customer");
        assertThat(ended.talkSeconds()).isEqualTo(60);
        assertThat(ended.stage()).isEqualTo(Stage.WRAP_UP);
        assertThat(ended.wrappingUp("agent1")).isTrue();
        assertThat(ended.flags()).extracting(Flag::rule).containsExactly("closing-not-confirmed");
        assertThat(story.pbx.pauses).containsExactly(new Pause("PJSIP/agent1", true, "wrap-up"));

        // the agent's leg hangs up after the end: events of an ended call change nothing
        long version = ended.version();
        story.hangsUp(agent, null);
        assertThat(story.call().version()).isEqualTo(version);

        assertThat(story.tracker.ready("agent1", story.now().plusSeconds(20))).isEqualTo(ConsoleResult.OK);
        assertThat(story.call().wrappingUp("agent1")).isFalse();
        assertThat(story.pbx.pauses).endsWith(new Pause("PJSIP/agent1", false, "wrap-up"));
    }

    @Test
    void theAgentHangingUpFirstIsFlagged() {
        answered();
        story.hangsUp(agent, "bridge-1").hangsUp(customer, null);
        CallView ended = story.call();
        assertThat(ended.hangupBy()).isEqualTo("agent");
        assertThat(ended.flags()).extracting(Flag::rule).contains("agent-hung-up-first");
    }

    @Test
    void aTransferNeedsTheCustomersConsentAndAsksThePbx() {
        answered();
        assertThat(story.tracker.requestTransfer(story.callId, "agent1",
                new TransferRequest(TransferRequest.Mode.BLIND, "202", "agents"), story.now())).isEqualTo(ConsoleResult.CONSENT_MISSING);
        assertThat(story.pbx.transfers).isEmpty();

        story.tracker.recordTransferConsent(story.callId, "agent1", story.now());
        assertThat(story.tracker.requestTransfer(story.callId, "agent1",
                new TransferRequest(TransferRequest.Mode.BLIND, "202", "agents"), story.now())).isEqualTo(ConsoleResult.OK);
        assertThat(story.pbx.transfers).hasSize(1);
        assertThat(story.pbx.transfers.get(0).agentChannel()).isEqualTo(agent.channel());
        assertThat(story.pbx.transfers.get(0).extension()).isEqualTo("202");
        // the console saw the request before the PBX was asked
        List<CallView> views = story.observer.views;
        assertThat(views.get(views.size() - 1).timeline()).extracting(TimelineEntry::type).contains("transfer-requested");
    }

    @Test
    void everyChangeCarriesTheTimestampOfThePbxEventThatCausedIt() {
        answered();
        java.time.Instant stamp = java.time.Instant.parse("2026-11-22T17:00:30.123456Z");
        int before = story.observer.changes.size();
        story.tracker.apply(new io.cuecard.call.event.CallEvent.Hold(story.now().plusSeconds(1), story.callId, agent), stamp);
        assertThat(story.observer.changes.subList(before, story.observer.changes.size()))
                .isNotEmpty().allSatisfy(change -> assertThat(change.pbxTimestamp()).isEqualTo(stamp));
        // a console action has no PBX event behind it
        int afterHold = story.observer.changes.size();
        story.tracker.recordHoldConsent(story.callId, "agent1", story.now().plusSeconds(2));
        assertThat(story.observer.changes.subList(afterHold, story.observer.changes.size()))
                .isNotEmpty().allSatisfy(change -> assertThat(change.pbxTimestamp()).isNull());
    }

    /** agent1 asks for a transfer to agent2 (202) from the console, the customer having agreed. */
    private void requested(TransferRequest.Mode mode) {
        story.tracker.recordTransferConsent(story.callId, "agent1", story.now());
        assertThat(story.tracker.requestTransfer(story.callId, "agent1", new TransferRequest(mode, "202", "agents"), story.now()))
                .isEqualTo(ConsoleResult.OK);
    }

    @Test
    void aBlindTransferGoesFromTheRequestToTheTargetsGreeting() {
        answered();
        requested(TransferRequest.Mode.BLIND);
        assertThat(story.call().transferState()).isEqualTo(TransferState.BLIND_REQUESTED);

        // the PBX transfers: the customer leaves agent1's bridge for the dialplan, agent1 hangs up, agent2's phone rings
        story.blindTransfer(agent, customer, "202").leaves("bridge-1", customer).hangsUp(agent, "bridge-1");
        assertThat(story.call().stage()).isEqualTo(Stage.TRANSFER);
        assertThat(story.call().transferState()).isEqualTo(TransferState.RINGING_TARGET);
        Leg target = story.opens("PJSIP/agent2", null, false);
        story.dials(customer, target, "PJSIP/agent2").answers(target).dialEnds(customer, target, CallEvent.DialStatus.ANSWER)
                .bridged("bridge-2", customer, target);

        CallView call = story.call();
        assertThat(call.transferEntries()).extracting(TransferEntry::state, TransferEntry::cause, TransferEntry::agent)
                .containsExactly(
                        tuple(TransferState.BLIND_REQUESTED, "blind-requested", "agent1"),
                        tuple(TransferState.RINGING_TARGET, "blind-transfer", "agent1"),
                        tuple(TransferState.COMPLETED, "target-answered", "agent2"));
        assertThat(call.transferEntries()).extracting(TransferEntry::at).isSorted();
        assertThat(call.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("blind");
            assertThat(t.to()).isEqualTo("agent2");
            assertThat(t.answered()).isTrue();
        });
        assertThat(call.stage()).isEqualTo(Stage.GREETING);
        assertThat(call.stageAgent()).isEqualTo("agent2");
        assertThat(call.flags()).as("consented").isEmpty();
        assertThat(call.timeline()).extracting(TimelineEntry::type).containsSubsequence("transfer-requested", "blind-transfer");

        story.hangsUp(customer, "bridge-2");
        assertThat(story.call().transferState()).as("nothing changes the transfer at the end").isEqualTo(TransferState.COMPLETED);
        assertThat(story.call().transferEntries()).hasSize(3);
    }

    @Test
    void anAttendedTransferConsultsTheTargetOnHoldThenHandsTheCustomerOver() {
        answered();
        requested(TransferRequest.Mode.ATTENDED);
        assertThat(story.pbx.transfers).singleElement().satisfies(t -> assertThat(t.mode()).isEqualTo("attended"));
        assertThat(story.call().transferState()).isEqualTo(TransferState.CONSULTING);

        // the PBX puts the customer on the consultation hold and dials agent2 from agent1's phone
        story.holds(agent);
        Leg consultation = story.opens("PJSIP/agent1", null, true);
        Leg target = story.opens("PJSIP/agent2", null, false);
        story.dials(consultation, target, "PJSIP/agent2").answers(target)
                .dialEnds(consultation, target, CallEvent.DialStatus.ANSWER).bridged("bridge-2", consultation, target);
        assertThat(story.call().stage()).as("the consultation hold is the transfer's (issue 10, item 3)").isEqualTo(Stage.TRANSFER);
        assertThat(story.call().transferState()).isEqualTo(TransferState.CONSULTING);

        // agent1 completes the transfer: the customer joins agent2, both of agent1's legs go
        story.leaves("bridge-1", customer).enters("bridge-2", customer).leaves("bridge-2", consultation)
                .attendedTransfer(agent, consultation, customer, target)
                .hangsUp(agent, "bridge-1").hangsUp(consultation, null);

        CallView call = story.call();
        assertThat(call.transferEntries()).extracting(TransferEntry::state, TransferEntry::cause, TransferEntry::agent)
                .containsExactly(
                        tuple(TransferState.CONSULTING, "attended-requested", "agent1"),
                        tuple(TransferState.RINGING_TARGET, "attended-transfer", "agent1"),
                        tuple(TransferState.COMPLETED, "target-answered", "agent2"));
        assertThat(call.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("attended");
            assertThat(t.from()).isEqualTo("agent1");
            assertThat(t.to()).isEqualTo("agent2");
            assertThat(t.answered()).isTrue();
        });
        assertThat(call.stages()).extracting(CallView.StageEntry::stage).containsSubsequence(Stage.GREETING,
                Stage.TRANSFER, Stage.TRANSFER, Stage.GREETING).doesNotContain(Stage.HOLD);
        assertThat(call.stages()).extracting(CallView.StageEntry::cause).containsSubsequence("consultation", "transferred",
                "transfer-answered");
        assertThat(call.holdCount()).as("the consultation hold still counts").isEqualTo(1);
        assertThat(call.flags()).extracting(CallView.Flag::rule).doesNotContain("hold-without-consent");
        assertThat(call.stageAgent()).isEqualTo("agent2");
        assertThat(call.live()).as("agent1 hanging up ends nothing").isTrue();
    }

    @Test
    void aBlindTransferWhoseTargetDoesNotAnswerFails() {
        answered();
        requested(TransferRequest.Mode.BLIND);
        story.blindTransfer(agent, customer, "202").leaves("bridge-1", customer).hangsUp(agent, "bridge-1");
        Leg target = story.opens("PJSIP/agent2", null, false);
        story.dials(customer, target, "PJSIP/agent2").after(20).dialEnds(customer, target, CallEvent.DialStatus.NOANSWER);

        CallView failed = story.call();
        assertThat(failed.transferFailed()).isTrue();
        assertThat(failed.transferEntries()).extracting(TransferEntry::state, TransferEntry::cause).containsExactly(
                tuple(TransferState.BLIND_REQUESTED, "blind-requested"),
                tuple(TransferState.RINGING_TARGET, "blind-transfer"),
                tuple(TransferState.FAILED, "target-unanswered"));
        assertThat(failed.timeline()).extracting(TimelineEntry::type).contains("transfer-failed");

        story.hangsUp(customer, null);
        assertThat(story.call().transferState()).isEqualTo(TransferState.FAILED);
        assertThat(story.call().stageAgent()).as("the transferer wraps up").isEqualTo("agent1");
    }

    /** A blind transfer to agent2 whose target lets it ring out (the PBX hangs the target's leg up). */
    private void transferredAndUnanswered() {
        answered();
        requested(TransferRequest.Mode.BLIND);
        story.blindTransfer(agent, customer, "202").leaves("bridge-1", customer).hangsUp(agent, "bridge-1");
        Leg target = story.opens("PJSIP/agent2", null, false);
        story.dials(customer, target, "PJSIP/agent2").after(20).dialEnds(customer, target, CallEvent.DialStatus.NOANSWER)
                .tell(new CallEvent.ChannelHungUp(story.now(), story.callId, target, 0, "Unknown"));
    }

    @Test
    void theTargetThatDidNotAnswerNoLongerOwnsTheStage() {
        transferredAndUnanswered();
        CallView unanswered = story.call();
        assertThat(unanswered.live()).isTrue();
        assertThat(unanswered.stage()).isEqualTo(Stage.TRANSFER);
        assertThat(unanswered.stageAgent()).as("nobody talks to the customer, agent2 is not on the call").isNull();
        assertThat(unanswered.ownStages()).extracting(CallView.StageEntry::cause).endsWith("transferred", "target-unanswered");
        assertThat(unanswered.transferFailed()).isTrue();
    }

    @Test
    void theCustomerGivenBackToTheTransfererReturnsToTheirConversation() {
        transferredAndUnanswered();
        // the dialplan rings agent1 again from the customer's channel (asterisk-config's sub-transfer-target)
        Leg back = story.opens("PJSIP/agent1", null, false);
        story.dials(customer, back, "PJSIP/agent1").answers(back).dialEnds(customer, back, CallEvent.DialStatus.ANSWER)
                .bridged("bridge-3", back, customer);

        CallView returned = story.call();
        assertThat(returned.stage()).as("no second greeting").isEqualTo(Stage.CONVERSATION);
        assertThat(returned.stageAgent()).isEqualTo("agent1");
        assertThat(returned.ownStages()).extracting(CallView.StageEntry::cause).endsWith("target-unanswered", "returned");
        assertThat(returned.transferFailed()).as("the colleague-unavailable phrase, the callback task").isTrue();
        assertThat(returned.agents()).containsExactly("agent1");
        assertThat(returned.transfers()).singleElement().satisfies(t -> assertThat(t.answered()).isFalse());
        assertThat(returned.transferState()).isEqualTo(TransferState.FAILED);
        assertThat(returned.stages()).filteredOn(s -> s.stage() == Stage.WRAP_UP).as("agent1's wrap-up from the transfer ended"
                + " when the customer came back").allSatisfy(s -> assertThat(s.leftAt()).isNotNull());
        assertThat(returned.timeline()).extracting(CallView.TimelineEntry::type).contains("wrap-up-back-on-call");

        story.after(10).hangsUp(customer, "bridge-3");
        CallView ended = story.call();
        assertThat(ended.hangupBy()).isEqualTo("customer");
        assertThat(ended.talkSeconds()).as("before the transfer and after the return").isPositive();
        assertThat(ended.stageAgent()).isEqualTo("agent1");
        assertThat(story.pbx.pauses).as("paused when agent1 left after the transfer, again (still) at the call's end")
                .containsOnly(new Pause("PJSIP/agent1", true, "wrap-up"));
        assertThat(ended.stages()).filteredOn(s -> s.stage() == Stage.WRAP_UP && s.leftAt() == null)
                .extracting(CallView.StageEntry::agent, CallView.StageEntry::enteredAt)
                .as("agent1 wraps the call up from its end").containsExactly(tuple("agent1", ended.endedAt()));
    }

    @Test
    void theCustomerPutBackFirstInTheQueueWaitsThereInTheTransferStage() {
        transferredAndUnanswered();
        story.joinsQueue(customer, "service");
        CallView queued = story.call();
        assertThat(queued.stage()).isEqualTo(Stage.TRANSFER);
        assertThat(queued.stageAgent()).isNull();
        assertThat(queued.queue()).isEqualTo("service");
        assertThat(queued.timeline()).extracting(TimelineEntry::type).filteredOn("queue-joined"::equals).hasSize(2);

        // agent1, free again, takes the customer from the queue: back to agent1's conversation too
        Leg again = story.opens("PJSIP/agent1", null, false);
        story.agentRings(customer, again, "service", "PJSIP/agent1").answers(again)
                .agentConnects(customer, again, "service", "PJSIP/agent1").bridged("bridge-4", customer, again);
        assertThat(story.call().stage()).isEqualTo(Stage.CONVERSATION);
        assertThat(story.call().stages()).extracting(CallView.StageEntry::cause).endsWith("returned");
    }
}
