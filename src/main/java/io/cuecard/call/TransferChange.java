package io.cuecard.call;

import static io.cuecard.call.TransferState.ABANDONED;
import static io.cuecard.call.TransferState.BLIND_REQUESTED;
import static io.cuecard.call.TransferState.COMPLETED;
import static io.cuecard.call.TransferState.CONSULTING;
import static io.cuecard.call.TransferState.FAILED;
import static io.cuecard.call.TransferState.NONE;
import static io.cuecard.call.TransferState.RINGING_TARGET;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The transfer's transitions, as a table (in the spirit of wazo-calld's {@code transfers/state.py}): each names its
 * cause (kept with the transfer entry it starts, in the call's {@code transferEntries}), the {@link TransferState} it
 * leads to, and the states it may start from. The one place to read how a transfer goes on, and why. A change the
 * table does not allow is logged by the call (and still taken: the PBX said it happened).
 */
public enum TransferChange {

    /** The agent asked for a blind transfer from the console (after the customer's consent). */
    BLIND_REQUESTED_BY_AGENT("blind-requested", BLIND_REQUESTED,
            EnumSet.of(NONE, BLIND_REQUESTED, CONSULTING, COMPLETED, FAILED, ABANDONED)),
    /** The agent asked for an attended transfer from the console: they consult the target first. */
    ATTENDED_REQUESTED_BY_AGENT("attended-requested", CONSULTING,
            EnumSet.of(NONE, BLIND_REQUESTED, CONSULTING, COMPLETED, FAILED, ABANDONED)),
    /** The PBX reported a blind transfer of the customer (asked for from the console or made on the phone). */
    BLIND_TRANSFERRED("blind-transfer", RINGING_TARGET,
            EnumSet.of(NONE, BLIND_REQUESTED, RINGING_TARGET, COMPLETED, FAILED, ABANDONED)),
    /** The PBX reported an attended transfer: the consultation is over, the customer goes to the target. */
    ATTENDED_TRANSFERRED("attended-transfer", RINGING_TARGET,
            EnumSet.of(NONE, CONSULTING, RINGING_TARGET, COMPLETED, FAILED, ABANDONED)),
    /** The target (or an outside party) talks to the customer, or already did when the transfer was reported. */
    TARGET_ANSWERED("target-answered", COMPLETED, EnumSet.of(RINGING_TARGET, FAILED)),
    /** The target's phone rang and was not answered. */
    TARGET_UNANSWERED("target-unanswered", FAILED, EnumSet.of(RINGING_TARGET)),
    /** The colleague the agent consults (an attended transfer's target, or a call from the phone) did not answer. */
    CONSULTATION_UNANSWERED("consultation-unanswered", FAILED,
            EnumSet.of(NONE, BLIND_REQUESTED, CONSULTING, COMPLETED, FAILED, ABANDONED)),
    /** The call ended while the target had not answered and nobody talked to the customer since the transfer. */
    ENDED_UNANSWERED("ended-unanswered", FAILED, EnumSet.of(RINGING_TARGET)),
    /** The PBX refused the transfer asked for, or the agent aborted the attended transfer. */
    ABORTED("aborted", ABANDONED, EnumSet.of(BLIND_REQUESTED, CONSULTING)),
    /** The call ended with a transfer still under way. */
    CALL_ENDED("call-ended", ABANDONED, EnumSet.of(BLIND_REQUESTED, CONSULTING, RINGING_TARGET));

    private final String cause;
    private final TransferState to;
    private final Set<TransferState> from;

    TransferChange(String cause, TransferState to, Set<TransferState> from) {
        this.cause = cause;
        this.to = to;
        this.from = from;
    }

    /** The state this change leads to. */
    public TransferState to() {
        return to;
    }

    /** Whether the change may start from {@code current}. */
    public boolean allowedFrom(TransferState current) {
        return from.contains(current);
    }

    /** The cause as the call's transfer entries name it. */
    @JsonValue
    public String cause() {
        return cause;
    }
}
