package io.cuecard.call;

import java.util.concurrent.CompletionStage;

/**
 * What the call domain asks of the PBX. Implemented in {@code io.cuecard.pbx} over AMI; every method returns at once
 * (the action is sent off the caller's thread). The transfer actions answer with a stage that completes with the
 * PBX's answer on whatever thread it arrives (the tracker hands it back to its own thread): {@link PbxAnswer#accepted},
 * refused with the PBX's message, no answer within the action timeout, or not sent. The stage never completes
 * exceptionally.
 */
public interface PbxControl {

    /** AMI QueuePause for the member interface (e.g. {@code PJSIP/agent1}) in every queue. */
    void pauseAgent(String memberInterface, boolean paused, String reason);

    /**
     * AMI BlindTransfer: the party bridged with {@code agentChannel} (e.g. {@code PJSIP/agent1-00000005}) is sent to
     * {@code extension} in {@code context}; the agent's leg leaves the call.
     */
    CompletionStage<PbxAnswer> blindTransfer(String agentChannel, String extension, String context);

    /**
     * AMI Atxfer: the agent on {@code agentChannel} consults {@code extension} in {@code context} while the customer
     * hears music on hold; the agent completes the transfer by hanging up ({@link #completeAttendedTransfer}) or
     * returns to the customer ({@link #cancelAttendedTransfer}).
     */
    CompletionStage<PbxAnswer> attendedTransfer(String agentChannel, String extension, String context);

    /** AMI CancelAtxfer (Asterisk 13.18+): the consultation of the transferer on {@code agentChannel} ends, the agent is back with the customer. */
    CompletionStage<PbxAnswer> cancelAttendedTransfer(String agentChannel);

    /**
     * Completes the attended transfer of the transferer on {@code agentChannel}: the agent's leg leaves the
     * consultation (AMI Hangup of that channel, as the phone's hang-up: Asterisk 22 has no AMI action to complete an
     * Atxfer), and Asterisk joins the customer and the colleague.
     */
    CompletionStage<PbxAnswer> completeAttendedTransfer(String agentChannel);
}
