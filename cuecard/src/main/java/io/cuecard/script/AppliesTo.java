package io.cuecard.script;

import io.cuecard.call.Direction;

import java.util.List;
import java.util.Objects;

/**
 * Which calls a script is for: calls of {@code direction} that came through one of {@code queues} (inbound) or
 * were placed for one of {@code campaigns} (outbound). {@code "*"} in a list stands for any queue or campaign.
 */
public record AppliesTo(Direction direction, List<String> queues, List<String> campaigns) {

    public static final String ANY = "*";

    public AppliesTo {
        Objects.requireNonNull(direction, "direction");
        queues = List.copyOf(queues);
        campaigns = List.copyOf(campaigns);
    }

    /** Whether a call with this direction, queue and campaign (either may be null) should use the script. */
    public boolean matches(Direction callDirection, String queue, String campaign) {
        if (callDirection != direction) {
            return false;
        }
        return callDirection == Direction.INBOUND ? listed(queues, queue) : listed(campaigns, campaign);
    }

    private static boolean listed(List<String> names, String name) {
        return names.contains(ANY) || (name != null && names.contains(name));
    }
}
