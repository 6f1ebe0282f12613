package io.cuecard.pbx;

import io.cuecard.call.PbxControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        boolean sent = link.sendAsync(action, response -> {
            if (!"Success".equalsIgnoreCase(response.getResponse())) {
                LOG.warnf("QueuePause %s paused=%s refused by the PBX: %s", memberInterface, paused, response.getMessage());
            }
        });
        if (!sent) {
            LOG.warnf("QueuePause %s paused=%s not sent: the PBX link is down", memberInterface, paused);
        }
    }
}
