package io.cuecard.call;

/**
 * Where an agent is, for the console: on call {@code callId} in {@code stage}, or in wrap-up for it
 * ({@code wrapUp} true, {@code stage} {@link Stage#WRAP_UP}).
 */
public record AgentCallState(String username, String callId, Stage stage, boolean wrapUp) {
}
