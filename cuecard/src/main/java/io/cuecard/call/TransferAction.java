package io.cuecard.call;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The transfer actions the console sends the PBX (through {@link PbxControl}); a refusal of any of them reaches the
 * agent ({@link CallObserver#transferRefused}).
 */
public enum TransferAction {
    /** AMI {@code BlindTransfer}: the customer goes to the target, the agent leaves at once. */
    BLIND_TRANSFER("blind-transfer", "BlindTransfer"),
    /** AMI {@code Atxfer}: the agent consults the target while the customer waits on the consultation hold. */
    ATTENDED_TRANSFER("attended-transfer", "Atxfer"),
    /** AMI {@code CancelAtxfer}: the consultation ends, the agent is back with the customer. */
    CANCEL_TRANSFER("cancel-transfer", "CancelAtxfer"),
    /**
     * The agent's leg leaves the consultation (AMI {@code Hangup} of the agent's channel, what the phone's hang-up does):
     * Asterisk joins customer and colleague (BridgeMerge, AttendedTransfer).
     */
    COMPLETE_TRANSFER("complete-transfer", "Hangup");

    private final String json;
    private final String amiAction;

    TransferAction(String json, String amiAction) {
        this.json = json;
        this.amiAction = amiAction;
    }

    /** As the console names it: {@code attended-transfer} … */
    @JsonValue
    public String json() {
        return json;
    }

    /** The AMI action that carries it. */
    public String amiAction() {
        return amiAction;
    }
}
