package io.cuecard.call;

import java.util.ArrayList;
import java.util.List;

/** Test double: records every pause / un-pause the tracker asks for. */
public final class RecordingPbx implements PbxControl {

    /** One request, e.g. {@code pause PJSIP/agent1 wrap-up}. */
    public record Pause(String memberInterface, boolean paused, String reason) {
    }

    public final List<Pause> pauses = new ArrayList<>();

    @Override
    public void pauseAgent(String memberInterface, boolean paused, String reason) {
        pauses.add(new Pause(memberInterface, paused, reason));
    }
}
