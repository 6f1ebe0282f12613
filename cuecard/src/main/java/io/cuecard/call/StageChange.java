package io.cuecard.call;

import static io.cuecard.call.Stage.CLOSING;
import static io.cuecard.call.Stage.CONVERSATION;
import static io.cuecard.call.Stage.ENDED;
import static io.cuecard.call.Stage.GREETING;
import static io.cuecard.call.Stage.HOLD;
import static io.cuecard.call.Stage.RINGING;
import static io.cuecard.call.Stage.TRANSFER;
import static io.cuecard.call.Stage.WRAP_UP;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The stage machine's transitions, as a table: each names its cause (kept with the stage entry it starts, in the
 * call's {@code stages}), the stage it leads to, and the stages it may start from. The one place to read which stage
 * follows which, and why.
 */
public enum StageChange {

    /** A customer call begins: it rings in a queue, at an agent, or at the customer (outbound). */
    OFFERED("offered", RINGING, EnumSet.noneOf(Stage.class)),
    /** An agent is connected with the customer: the greeting. */
    ANSWERED("answered", GREETING, EnumSet.of(RINGING, TRANSFER)),
    /** Found connected after a link loss (the resync): the greeting is long past. */
    FOUND_CONNECTED("found-connected", CONVERSATION, EnumSet.of(RINGING, TRANSFER)),
    /** The agent said the greeting ("said it"). */
    PHRASE_SAID("phrase-said", CONVERSATION, EnumSet.of(GREETING)),
    /** The greeting stage lasted its limit without "said it". */
    GREETING_TIMEOUT("greeting-timeout", CONVERSATION, EnumSet.of(GREETING)),
    /** The agent put the customer on hold. */
    HELD("held", HOLD, EnumSet.of(GREETING, CONVERSATION, CLOSING)),
    /**
     * The agent consults a colleague while the customer waits (an attended transfer's consultation): the customer's
     * hold is the transfer's, and the stage is the transfer's from the start of that hold.
     */
    CONSULTATION("consultation", TRANSFER, EnumSet.of(GREETING, CONVERSATION, HOLD, CLOSING)),
    /** The hold (or a consultation the agent gave up) ended, or the held agent's leg went away: back to the conversation. */
    RESUMED("resumed", CONVERSATION, EnumSet.of(HOLD, TRANSFER)),
    /** The hold ended during the closing: back to the closing. */
    RESUMED_CLOSING("resumed", CLOSING, EnumSet.of(HOLD, TRANSFER)),
    /** The agent moved to the closing from the console. */
    CLOSING_STARTED("closing", CLOSING, EnumSet.of(GREETING, CONVERSATION)),
    /** The customer is being transferred (blind or attended). */
    TRANSFERRED("transferred", TRANSFER, EnumSet.of(RINGING, GREETING, CONVERSATION, HOLD, TRANSFER, CLOSING)),
    /** The transfer's target agent was already connected with the customer: their greeting. */
    TRANSFER_ANSWERED("transfer-answered", GREETING, EnumSet.of(TRANSFER)),
    /**
     * The transfer's target did not answer: nobody owns the stage while the PBX brings the customer back (to the
     * transferring agent, or to the head of the queue).
     */
    TARGET_UNANSWERED("target-unanswered", TRANSFER, EnumSet.of(TRANSFER)),
    /**
     * After a transfer whose target did not answer, the transferring agent talks to the customer again: back to the
     * conversation (the greeting was said), with the "colleague unavailable" phrase to say.
     */
    RETURNED("returned", CONVERSATION, EnumSet.of(TRANSFER)),
    /** The call ended (hang-up seen, or found gone after a link loss). */
    CALL_ENDED("ended", ENDED, EnumSet.of(RINGING, GREETING, CONVERSATION, HOLD, TRANSFER, CLOSING)),
    /** The (first) agent's wrap-up began. */
    WRAP_UP_STARTED("wrap-up", WRAP_UP, EnumSet.of(ENDED));

    private final String cause;
    private final Stage to;
    private final Set<Stage> from;

    StageChange(String cause, Stage to, Set<Stage> from) {
        this.cause = cause;
        this.to = to;
        this.from = from;
    }

    /** The stage this change leads to. */
    public Stage to() {
        return to;
    }

    /** Whether the change may start from {@code current} (null: the call has no stage yet). */
    public boolean allowedFrom(Stage current) {
        return current == null ? from.isEmpty() : from.contains(current);
    }

    /** The cause as the call's stage entries name it. */
    @JsonValue
    public String cause() {
        return cause;
    }
}
