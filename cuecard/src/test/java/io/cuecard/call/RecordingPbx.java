package io.cuecard.call;

import java.util.ArrayList;
import java.util.List;

/** Test double: records every pause / un-pause and every transfer the tracker asks for. */
public final class RecordingPbx implements PbxControl {

    /** One request, e.g. {@code pause PJSIP/agent1 wrap-up}. */
    public record Pause(String memberInterface, boolean paused, String reason) {
    }

    /** One transfer request: {@code mode} blind or attended. */
    public record Transfer(String mode, String agentChannel, String extension, String context) {
    }

    public final List<Pause> pauses = new ArrayList<>();
    public final List<Transfer> transfers = new ArrayList<>();

    @Override
    public void pauseAgent(String memberInterface, boolean paused, String reason) {
        pauses.add(new Pause(memberInterface, paused, reason));
    }

    @Override
    public void blindTransfer(String agentChannel, String extension, String context) {
        transfers.add(new Transfer("blind", agentChannel, extension, context));
    }

    @Override
    public void attendedTransfer(String agentChannel, String extension, String context) {
        transfers.add(new Transfer("attended", agentChannel, extension, context));
    }
}
