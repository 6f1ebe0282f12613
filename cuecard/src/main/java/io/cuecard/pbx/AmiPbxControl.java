package io.cuecard.pbx;

import io.cuecard.call.PbxControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.jboss.logging.Logger;

/** The call domain's requests to the PBX, sent as AMI actions without waiting for the answer. */
@ApplicationScoped
public class AmiPbxControl implements PbxControl {

    private static final Logger LOG = Logger.getLogger(AmiPbxControl.class);

    @Inject
    AmiLink link;

    @Override
    public void pauseAgent(String memberInterface, boolean paused, String reason) {
        QueuePauseAction action = new QueuePauseAction(memberInterface, paused);
        action.setReason(reason);
        send(action, "QueuePause " + memberInterface + " paused=" + paused);
    }

    @Override
    public void blindTransfer(String agentChannel, String extension, String context) {
        send(new BlindTransferAction(agentChannel, extension, context),
                "BlindTransfer of " + agentChannel + " to " + extension + "@" + context);
    }

    @Override
    public void attendedTransfer(String agentChannel, String extension, String context) {
        send(new AtxferAction(agentChannel, context, extension, 1),
                "Atxfer of " + agentChannel + " to " + extension + "@" + context);
    }

    private void send(ManagerAction action, String what) {
        boolean sent = link.sendAsync(action, response -> {
            if (!"Success".equalsIgnoreCase(response.getResponse())) {
                LOG.warnf("%s refused by the PBX: %s", what, response.getMessage());
            }
        });
        if (!sent) {
            LOG.warnf("%s not sent: the PBX link is down", what);
        }
    }
}
