package io.cuecard.simulator;

/** How a simulated outbound (Originate) call ends up. */
public enum OutboundOutcome {
    /** Agent and customer answer; the two are bridged. */
    ANSWERED,
    /** The agent answers, the customer's line is busy. */
    BUSY,
    /** The agent answers, the customer's phone rings out. */
    NO_ANSWER,
    /** The agent's phone rings out; the customer is never dialed (OriginateResponse Failure). */
    AGENT_NO_ANSWER
}
