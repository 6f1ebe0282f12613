package io.cuecard.call;

/** What became of an agent's console action on a call ("said it", closing, ready, consent, transfer, callback). */
public enum ConsoleResult {
    OK,
    /** The call exists but the stage belongs to another agent. */
    NOT_YOUR_CALL,
    NO_SUCH_CALL,
    /** The action does not fit the call's (or the agent's) current stage. */
    WRONG_STAGE,
    /** A transfer was asked for without the customer's transfer consent recorded in the consent window. */
    CONSENT_MISSING
}
