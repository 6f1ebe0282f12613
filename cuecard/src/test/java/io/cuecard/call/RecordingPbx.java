package io.cuecard.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Test double: records every pause / un-pause and every transfer action the tracker asks for. Transfer actions are
 * answered with {@link #answerWith} at once (accepted unless a test says otherwise); with {@code answerWith} null they
 * stay pending in {@link #answers} for the test to complete (the PBX's late answer, or none).
 */
public final class RecordingPbx implements PbxControl {

    /** One request, e.g. {@code pause PJSIP/agent1 wrap-up}. */
    public record Pause(String memberInterface, boolean paused, String reason) {
    }

    /** One transfer action: {@code mode} blind, attended, cancel or complete (the last two without a target). */
    public record Transfer(String mode, String agentChannel, String extension, String context) {
    }

    public final List<Pause> pauses = new ArrayList<>();
    public final List<Transfer> transfers = new ArrayList<>();
    /** The answer of each transfer action, in the order of {@link #transfers}. */
    public final List<CompletableFuture<PbxAnswer>> answers = new ArrayList<>();
    /** What the next transfer actions are answered with at once; null: they stay pending. */
    public PbxAnswer answerWith = PbxAnswer.accepted();

    @Override
    public void pauseAgent(String memberInterface, boolean paused, String reason) {
        pauses.add(new Pause(memberInterface, paused, reason));
    }

    @Override
    public CompletionStage<PbxAnswer> blindTransfer(String agentChannel, String extension, String context) {
        return record(new Transfer("blind", agentChannel, extension, context));
    }

    @Override
    public CompletionStage<PbxAnswer> attendedTransfer(String agentChannel, String extension, String context) {
        return record(new Transfer("attended", agentChannel, extension, context));
    }

    @Override
    public CompletionStage<PbxAnswer> cancelAttendedTransfer(String agentChannel) {
        return record(new Transfer("cancel", agentChannel, null, null));
    }

    @Override
    public CompletionStage<PbxAnswer> completeAttendedTransfer(String agentChannel) {
        return record(new Transfer("complete", agentChannel, null, null));
    }

    private CompletionStage<PbxAnswer> record(Transfer transfer) {
        transfers.add(transfer);
        CompletableFuture<PbxAnswer> answer = new CompletableFuture<>();
        answers.add(answer);
        if (answerWith != null) {
            answer.complete(answerWith);
        }
        return answer;
    }
}
