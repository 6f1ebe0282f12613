package io.cuecard.call;

import java.util.Locale;
import java.util.Objects;

/**
 * An agent's request, from the console, to transfer the customer: {@code BLIND} (AMI BlindTransfer, the agent leaves
 * at once) or {@code ATTENDED} (AMI Atxfer, the agent consults the target first), to {@code extension} in the
 * dialplan {@code context} (Cuecard's agents' context, {@code agents}).
 */
public record TransferRequest(Mode mode, String extension, String context) {

    /** How the transfer is made. */
    public enum Mode {
        BLIND, ATTENDED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TransferRequest {
        Objects.requireNonNull(mode, "mode");
        if (extension == null || extension.isBlank()) {
            throw new IllegalArgumentException("a transfer needs the target's extension");
        }
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("a transfer needs the dialplan context");
        }
    }
}
