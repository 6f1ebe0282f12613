package io.cuecard.call;

import static io.cuecard.call.TransferState.ABANDONED;
import static io.cuecard.call.TransferState.BLIND_REQUESTED;
import static io.cuecard.call.TransferState.COMPLETED;
import static io.cuecard.call.TransferState.CONSULTING;
import static io.cuecard.call.TransferState.FAILED;
import static io.cuecard.call.TransferState.NONE;
import static io.cuecard.call.TransferState.RINGING_TARGET;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The transfer's transitions, as a table (in the spirit of wazo-calld's {@code transfers/state.py}): each names its
 * cause (kept with the transfer entry it starts, in the call's {@code transferEntries}) and the {@link TransferState}
 * it leads to; {@code ORIGINS} lists the states it may start from. The one place to read how a transfer goes on, and why. A change the
 * table does not allow is logged by the call (and still taken: the PBX said it happened).
 */
public enum TransferChange {

    /** The agent asked for a blind transfer from the console (after the customer's consent). */
    BLIND_REQUESTED_BY_AGENT("blind-requested", BLIND_REQUESTED),
    /** The agent asked for an attended transfer from the console: they consult the target first. */
    ATTENDED_REQUESTED_BY_AGENT("attended-requested", CONSULTING),
    /**
     * The agent consults a colleague while the customer is on hold, without having asked from the console: the PBX's
     * Atxfer sent by someone else, or a second call from the agent's phone.
     */
    CONSULTATION_STARTED("consultation-started", CONSULTING),
    /** The PBX reported a blind transfer of the customer (asked for from the console or made on the phone). */
    BLIND_TRANSFERRED("blind-transfer", RINGING_TARGET),
    /** The PBX reported an attended transfer: the consultation is over, the customer goes to the target. */
    ATTENDED_TRANSFERRED("attended-transfer", RINGING_TARGET),
    /** The target (or an outside party) talks to the customer, or already did when the transfer was reported. */
    TARGET_ANSWERED("target-answered", COMPLETED),
    /** The target's phone rang and was not answered. */
    TARGET_UNANSWERED("target-unanswered", FAILED),
    /** The colleague the agent consults (an attended transfer's target, or a call from the phone) did not answer. */
    CONSULTATION_UNANSWERED("consultation-unanswered", FAILED),
    /** The call ended while the target had not answered and nobody talked to the customer since the transfer. */
    ENDED_UNANSWERED("ended-unanswered", FAILED),
    /** The PBX refused the transfer asked for, or the agent aborted the attended transfer. */
    ABORTED("aborted", ABANDONED),
    /** The call ended with a transfer still under way. */
    CALL_ENDED("call-ended", ABANDONED);

    /** The table's other column: the states each change may start from. */
    private static final Map<TransferChange, Set<TransferState>> ORIGINS = new EnumMap<>(TransferChange.class);

    static {
        Set<TransferState> noneUnderWay = EnumSet.of(NONE, BLIND_REQUESTED, CONSULTING, COMPLETED, FAILED, ABANDONED);
        Set<TransferState> handedOverBefore = EnumSet.of(RINGING_TARGET, COMPLETED, FAILED, ABANDONED);
        ORIGINS.put(BLIND_REQUESTED_BY_AGENT, noneUnderWay);
        ORIGINS.put(ATTENDED_REQUESTED_BY_AGENT, noneUnderWay);
        ORIGINS.put(CONSULTATION_STARTED, EnumSet.of(NONE, COMPLETED, FAILED, ABANDONED));
        ORIGINS.put(BLIND_TRANSFERRED, with(handedOverBefore, NONE, BLIND_REQUESTED));
        ORIGINS.put(ATTENDED_TRANSFERRED, with(handedOverBefore, NONE, CONSULTING));
        ORIGINS.put(TARGET_ANSWERED, EnumSet.of(RINGING_TARGET, FAILED));
        ORIGINS.put(TARGET_UNANSWERED, EnumSet.of(RINGING_TARGET));
        ORIGINS.put(CONSULTATION_UNANSWERED, noneUnderWay);
        ORIGINS.put(ENDED_UNANSWERED, EnumSet.of(RINGING_TARGET));
        ORIGINS.put(ABORTED, EnumSet.of(BLIND_REQUESTED, CONSULTING));
        ORIGINS.put(CALL_ENDED, EnumSet.of(BLIND_REQUESTED, CONSULTING, RINGING_TARGET));
    }

    private static Set<TransferState> with(Set<TransferState> states, TransferState... more) {
        Set<TransferState> all = EnumSet.copyOf(states);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private final String cause;
    private final TransferState target;

    TransferChange(String cause, TransferState target) {
        this.cause = cause;
        this.target = target;
    }

    /** Whether the transfer may take this change in the state {@code current}. */
    public boolean allowedFrom(TransferState current) {
        return ORIGINS.get(this).contains(current);
    }

    /** The transfer's state after this change. */
    public TransferState to() {
        return target;
    }

    /** Why the transfer changed, as its entries in the call say it. */
    @JsonValue
    public String cause() {
        return cause;
    }
}
