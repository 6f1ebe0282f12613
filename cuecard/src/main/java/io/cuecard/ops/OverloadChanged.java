package io.cuecard.ops;

import java.time.Instant;

/**
 * An overload episode started ({@code active}), went on with new figures, or ended (a CDI event fired by the overload
 * monitor, observed by the consoles). {@code since}: when the episode started (active) or ended; {@code lagMs}: how
 * late call events are processed; {@code dropped}: events asterisk-java dropped during the episode.
 */
public record OverloadChanged(boolean active, Instant since, long lagMs, long dropped) {

    /** The state before any overload. */
    public static final OverloadChanged NONE = new OverloadChanged(false, null, 0, 0);
}
