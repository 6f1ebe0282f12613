package io.cuecard.call;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of an action Cuecard sent the PBX (its AMI {@code Response}), as the call domain sees it:
 * {@code ACCEPTED}; {@code REFUSED} with the PBX's own message (e.g. Asterisk's "No attended transfer feature code
 * found"); {@code NO_ANSWER} when no response came within {@code cuecard.pbx.action-timeout} (counted as refused);
 * {@code NOT_SENT} when the PBX link was down.
 */
public record PbxAnswer(Outcome outcome, String message) {

    public enum Outcome {
        ACCEPTED, REFUSED, NO_ANSWER, NOT_SENT
    }

    private static final PbxAnswer ACCEPTED = new PbxAnswer(Outcome.ACCEPTED, null);

    public PbxAnswer {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static PbxAnswer accepted() {
        return ACCEPTED;
    }

    /** The PBX answered with an error; {@code message} is its own text (may be null). */
    public static PbxAnswer refused(String message) {
        return new PbxAnswer(Outcome.REFUSED, message);
    }

    /** No answer within {@code waited}. */
    public static PbxAnswer noAnswer(Duration waited) {
        return new PbxAnswer(Outcome.NO_ANSWER, "no answer within " + waited.toMillis() / 1000.0 + " s");
    }

    /** The action could not be sent ({@code why}: e.g. the PBX link is down). */
    public static PbxAnswer notSent(String why) {
        return new PbxAnswer(Outcome.NOT_SENT, why);
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** For logs and the call's timeline: {@code refused: <message>}, {@code no-answer: …}. */
    public String describe() {
        String kind = outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
