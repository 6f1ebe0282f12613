package io.cuecard.call;

/**
 * What the call domain asks of the PBX. Implemented in {@code io.cuecard.pbx} over AMI;
 * every method returns at once (the action is sent off the caller's thread).
 */
public interface PbxControl {

    /** AMI QueuePause for the member interface (e.g. {@code PJSIP/agent1}) in every queue. */
    void pauseAgent(String memberInterface, boolean paused, String reason);
}
