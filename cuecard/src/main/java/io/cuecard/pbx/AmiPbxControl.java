package io.cuecard.pbx;

import io.cuecard.call.PbxAnswer;
import io.cuecard.call.PbxControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.jboss.logging.Logger;

/**
 * The call domain's requests to the PBX, sent as AMI actions without waiting for the answer. The transfer actions
 * answer with a stage completed by the PBX's response (Success: accepted; anything else: refused with Asterisk's
 * {@code Message}), or with "no answer" once {@code cuecard.pbx.action-timeout} has passed without one.
 */
@ApplicationScoped
public class AmiPbxControl implements PbxControl {

    private static final Logger LOG = Logger.getLogger(AmiPbxControl.class);

    @Inject
    AmiLink link;

    @Inject
    PbxConfig config;

    @Override
    public void pauseAgent(String memberInterface, boolean paused, String reason) {
        QueuePauseAction action = new QueuePauseAction(memberInterface, paused);
        action.setReason(reason);
        String what = "QueuePause " + memberInterface + " paused=" + paused;
        request(action, what).thenAccept(answer -> {
            if (!answer.isAccepted()) {
                LOG.warnf("%s: %s", what, answer.describe());
            }
        });
    }

    @Override
    public CompletionStage<PbxAnswer> blindTransfer(String agentChannel, String extension, String context) {
        return request(new BlindTransferAction(agentChannel, extension, context),
                "BlindTransfer of " + agentChannel + " to " + extension + "@" + context);
    }

    @Override
    public CompletionStage<PbxAnswer> attendedTransfer(String agentChannel, String extension, String context) {
        return request(new AtxferAction(agentChannel, context, extension, 1),
                "Atxfer of " + agentChannel + " to " + extension + "@" + context);
    }

    @Override
    public CompletionStage<PbxAnswer> cancelAttendedTransfer(String agentChannel) {
        return request(new CancelAtxferAction(agentChannel), "CancelAtxfer of " + agentChannel);
    }

    /**
     * Asterisk 22 has no AMI action that completes an attended transfer (Atxfer's {@code atxfercomplete} key is a DTMF
     * code of the phone's); what the phone's hang-up does is what completes it: the transferer's channel leaves, Asterisk
     * merges the bridges and reports AttendedTransfer (lab recording s8b). So: AMI Hangup of the agent's channel.
     */
    @Override
    public CompletionStage<PbxAnswer> completeAttendedTransfer(String agentChannel) {
        return request(new HangupAction(agentChannel, 16), "Hangup (complete the attended transfer) of " + agentChannel);
    }

    /**
     * Sends the action; the stage completes with the PBX's answer, with "no answer" after the action timeout, or at once
     * with "not sent" when the link is down. Never exceptionally.
     */
    CompletionStage<PbxAnswer> request(ManagerAction action, String what) {
        CompletableFuture<PbxAnswer> answer = new CompletableFuture<>();
        boolean sent = link.sendAsync(action, response -> answer.complete(answerOf(response)));
        if (!sent) {
            LOG.warnf("%s not sent: the PBX link is down", what);
            return CompletableFuture.completedFuture(PbxAnswer.notSent("the PBX link is down"));
        }
        Duration timeout = config.actionTimeout();
        return answer.completeOnTimeout(PbxAnswer.noAnswer(timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static PbxAnswer answerOf(ManagerResponse response) {
        if (response == null) {
            return PbxAnswer.refused(null);
        }
        return "Success".equalsIgnoreCase(response.getResponse()) ? PbxAnswer.accepted() : PbxAnswer.refused(response.getMessage());
    }
}
