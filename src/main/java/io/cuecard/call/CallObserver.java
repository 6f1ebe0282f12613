package io.cuecard.call;

import java.time.Instant;

/**
 * Told about every change of every call, on the call tracker's own thread, in order.
 * Implementations must not block: copy what they need and hand it to their own queue.
 */
public interface CallObserver {

    void callChanged(CallView call);

    /**
     * The same change, with the {@code Timestamp} of the PBX event that caused it ({@code pbxTimestamp}; null when a
     * console action, a timer, a resync or an event without a {@code Timestamp} caused it). Observers that measure
     * how long the PBX's news took to reach them override this one; the default ignores the timestamp.
     */
    default void callChanged(CallView call, Instant pbxTimestamp) {
        callChanged(call);
    }
}
