package io.cuecard.call;

import java.time.Instant;
import java.util.List;

/**
 * An immutable picture of one customer call: what the call log stores, what {@code GET /api/calls/{id}}
 * returns (together with the notes and forbidden-phrase hits kept beside it), and what consoles are sent.
 *
 * <p>{@code id} is the Linkedid of the customer's leg. Live calls have {@code endedAt == null}.
 */
public record CallView(
        String id,
        Direction direction,
        String customerNumber,
        String queue,
        String campaign,
        List<String> agents,
        String placedBy,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        Long waitSeconds,
        Long talkSeconds,
        int holdCount,
        long holdSeconds,
        List<Transfer> transfers,
        boolean abandoned,
        String outcome,
        String hangupBy,
        Stage stage,
        String stageAgent,
        List<StageEntry> stages,
        List<TimelineEntry> timeline,
        List<Flag> flags,
        String recording,
        long version) {

    /** A transfer that happened ({@code Result: Success}). */
    public record Transfer(String type, String from, String to, Instant at, boolean answered) {
    }

    /** One visit of a stage; {@code agent} is the agent the stage belongs to (null while ringing in a queue). */
    public record StageEntry(Stage stage, String agent, Instant enteredAt, Instant leftAt, boolean phraseConfirmed) {
    }

    /**
     * One fact the call log is built from, in order: {@code type} is Cuecard's own event name
     * (e.g. {@code queue-joined}, {@code agent-connected}, {@code hold}, {@code blind-transfer}),
     * {@code channel} the leg it happened on, {@code agent} the agent concerned, {@code detail} free text.
     */
    public record TimelineEntry(Instant at, String type, String channel, String agent, String detail) {
    }

    /** Something a supervisor should look at, e.g. {@code link-lost} when the call ended during a PBX outage. */
    public record Flag(String rule, Instant at, String detail) {
    }

    public boolean live() {
        return endedAt == null;
    }

    /** True while {@code agent} is still wrapping this call up (their wrap-up stage is open). */
    public boolean wrappingUp(String agent) {
        return stages.stream().anyMatch(s -> s.stage() == Stage.WRAP_UP && s.leftAt() == null && s.agent() != null && s.agent().equals(agent));
    }

    /** The call is over for everyone: ended, and no agent is wrapping it up any more. */
    public boolean finished() {
        return endedAt != null && stages.stream().noneMatch(s -> s.stage() == Stage.WRAP_UP && s.leftAt() == null);
    }
}
