package io.cuecard.call;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stage a call is in, as the agent's script sees it. The PBX drives most transitions;
 * the agent moves from greeting to conversation ("said it") and to closing from the console.
 */
public enum Stage {
    RINGING, GREETING, CONVERSATION, HOLD, TRANSFER, CLOSING, ENDED, WRAP_UP;

    @JsonValue
    public String json() {
        return name().toLowerCase().replace('_', '-');
    }

    @JsonCreator
    public static Stage fromJson(String value) {
        return valueOf(value.trim().toUpperCase().replace('-', '_'));
    }
}
