package io.cuecard.call;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a call's transfer stands (the states of {@link TransferChange}'s table; the call's {@code transferEntries}
 * list the ones it went through). A call starts in {@code NONE}.
 */
public enum TransferState {
    /** No transfer asked for or seen on this call. */
    NONE,
    /** The agent asked the PBX, from the console, to transfer the customer blind; the PBX has not reported it yet. */
    BLIND_REQUESTED,
    /**
     * The agent asked, from the console, for an attended transfer: the PBX dials the target and the agent consults
     * them while the customer waits on the consultation hold.
     */
    CONSULTING,
    /** The PBX handed the customer to the target (blind or attended); the target has not answered yet. */
    RINGING_TARGET,
    /** The target (or an outside party the customer was transferred to) talks to the customer. */
    COMPLETED,
    /**
     * The target did not answer (the transfer's target, or the colleague consulted), or the call ended before the
     * target answered: the console offers a callback task. A late answer still completes the transfer.
     */
    FAILED,
    /** The transfer asked for was not made: the PBX refused or the agent aborted it, or the call ended first. */
    ABANDONED;

    /** A transfer is under way (asked for or handed over, not answered, failed or abandoned yet). */
    public boolean inProgress() {
        return this == BLIND_REQUESTED || this == CONSULTING || this == RINGING_TARGET;
    }

    /** The state as the call's transfer entries name it: {@code ringing-target} … (Jackson reads it back by it too). */
    @JsonValue
    public String json() {
        return name().toLowerCase().replace('_', '-');
    }
}
