package io.cuecard.call;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the customer called us (inbound service call) or we called the customer (outbound follow-up). */
public enum Direction {
    INBOUND, OUTBOUND;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
