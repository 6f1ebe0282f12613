package io.cuecard.call;

import java.time.Instant;

/**
 * A call changed: its new picture, and the {@code Timestamp} of the PBX event that caused the change
 * ({@code pbxTimestamp}; null when a console action, a timer, a resync or an event without a {@code Timestamp} caused
 * it), for the AMI→console latency.
 */
public record CallChange(CallView call, Instant pbxTimestamp) {
}
