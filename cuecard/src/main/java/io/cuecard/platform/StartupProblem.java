package io.cuecard.platform;

/**
 * Why Cuecard cannot start, in one line that says what to do; {@link CuecardMain} prints the message (no stack trace)
 * to stderr and exits with status 1.
 */
public class StartupProblem extends RuntimeException {

    public StartupProblem(String message) {
        super(message, null, false, false);
    }
}
