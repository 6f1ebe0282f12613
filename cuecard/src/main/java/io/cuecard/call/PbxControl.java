package io.cuecard.call;

/**
 * What the call domain asks of the PBX. Implemented in {@code io.cuecard.pbx} over AMI;
 * every method returns at once (the action is sent off the caller's thread).
 */
public interface PbxControl {

    /** AMI QueuePause for the member interface (e.g. {@code PJSIP/agent1}) in every queue. */
    void pauseAgent(String memberInterface, boolean paused, String reason);

    /**
     * AMI BlindTransfer: the party bridged with {@code agentChannel} (e.g. {@code PJSIP/agent1-00000005}) is sent to
     * {@code extension} in {@code context}; the agent's leg leaves the call.
     */
    void blindTransfer(String agentChannel, String extension, String context);

    /**
     * AMI Atxfer: the agent on {@code agentChannel} consults {@code extension} in {@code context} while the customer
     * hears music on hold; the agent completes the transfer by hanging up (or returns by cancelling it).
     */
    void attendedTransfer(String agentChannel, String extension, String context);
}
