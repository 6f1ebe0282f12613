package io.cuecard.call;

import java.time.Instant;
import java.util.List;

/**
 * An immutable picture of one customer call: what the call log stores, what {@code GET /api/calls/{id}}
 * returns (together with the notes and forbidden-phrase hits kept beside it), and what consoles are sent.
 *
 * <p>{@code id} is the Linkedid of the customer's leg. Live calls have {@code endedAt == null}.
 *
 * <p>Conduct: {@code consent} holds the latest times the customer agreed to a hold or a transfer (recorded from the
 * console); {@code longHold} is true while a hold has lasted longer than the long-hold limit (the console shows the
 * in-hold phrase); {@code apologyRequired} is true after resuming from such a hold until the agent confirms the phrase
 * of the resumed stage; {@code transferFailed} is true once a transfer target did not answer, until a callback task
 * is recorded or a later transfer is answered.
 *
 * <p>{@code transferEntries}: each change of the call's transfer state ({@link TransferChange}), with its cause, in
 * order (empty: no transfer; calls logged before they were kept have none). {@code consultation}: while the transfer
 * is {@code consulting}, the colleague the agent consults and whether their phone rings or they talk with the agent
 * (the customer waiting on the consultation hold); after a consultation the colleague did not answer, {@code
 * unanswered}; null otherwise.
 *
 * <p>{@code stages} are the call's stage visits in order; a {@code wrap-up} entry with the cause
 * {@link #WRAP_UP_AFTER_TRANSFER} is the wrap-up of an agent who transferred the customer and left while the call went
 * on: it stands beside the call's own stages and is never its current one ({@link #ownStages}).
 *
 * <p>{@code endedAfter}, {@code endedBefore}: a call that ended while Cuecard could not see the PBX (the AMI link was
 * down, or Cuecard was not running) ended somewhere between the last moment it was seen up ({@code endedAfter}: the
 * last PBX event Cuecard received for it, or the moment the link was lost) and the moment Cuecard saw it gone
 * ({@code endedBefore}: the resync after the reconnect). {@code endedAt} is then {@code endedAfter}, and
 * {@code talkSeconds}, {@code holdSeconds} and {@code waitSeconds} count to it; the call is hung up by {@code system}
 * and flagged {@code ended-while-disconnected}. Both null for a call whose end was seen (and for live calls).
 *
 * <p>{@code recordings}: every leg's recording file, in the order they started (e.g. agent1's, then after a transfer
 * agent2's); {@code recording} is the first of them (null: none), kept for readers of the single field. Calls logged
 * before the list was kept have their {@code recording} as the list.
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
        Consent consent,
        boolean longHold,
        boolean apologyRequired,
        boolean transferFailed,
        String recording,
        long version,
        List<TransferEntry> transferEntries,
        Consultation consultation,
        Instant endedAfter,
        Instant endedBefore,
        List<String> recordings) {

    /** The cause of the wrap-up entry of an agent who left the live call after transferring the customer. */
    public static final String WRAP_UP_AFTER_TRANSFER = "left-after-transfer";

    public CallView {
        if (consent == null) {
            consent = Consent.NONE;
        }
        if (transferEntries == null) {
            transferEntries = List.of();
        }
        if (recordings == null || recordings.isEmpty()) {
            recordings = recording == null ? List.of() : List.of(recording);
        } else {
            recordings = List.copyOf(recordings);
            if (recording == null) {
                recording = recordings.get(0);
            }
        }
    }

    /** A call without a consultation and whose end was seen (or that is live): no ended window. */
    public CallView(String id, Direction direction, String customerNumber, String queue, String campaign,
                    List<String> agents, String placedBy, Instant startedAt, Instant answeredAt, Instant endedAt,
                    Long waitSeconds, Long talkSeconds, int holdCount, long holdSeconds, List<Transfer> transfers,
                    boolean abandoned, String outcome, String hangupBy, Stage stage, String stageAgent,
                    List<StageEntry> stages, List<TimelineEntry> timeline, List<Flag> flags, Consent consent,
                    boolean longHold, boolean apologyRequired, boolean transferFailed, String recording, long version,
                    List<TransferEntry> transferEntries) {
        this(id, direction, customerNumber, queue, campaign, agents, placedBy, startedAt, answeredAt, endedAt, waitSeconds,
                talkSeconds, holdCount, holdSeconds, transfers, abandoned, outcome, hangupBy, stage, stageAgent, stages,
                timeline, flags, consent, longHold, apologyRequired, transferFailed, recording, version, transferEntries,
                null, null, null, null);
    }

    /** A call without a consultation (as logged before it was kept), with the window it ended in (or none). */
    public CallView(String id, Direction direction, String customerNumber, String queue, String campaign,
                    List<String> agents, String placedBy, Instant startedAt, Instant answeredAt, Instant endedAt,
                    Long waitSeconds, Long talkSeconds, int holdCount, long holdSeconds, List<Transfer> transfers,
                    boolean abandoned, String outcome, String hangupBy, Stage stage, String stageAgent,
                    List<StageEntry> stages, List<TimelineEntry> timeline, List<Flag> flags, Consent consent,
                    boolean longHold, boolean apologyRequired, boolean transferFailed, String recording, long version,
                    List<TransferEntry> transferEntries, Instant endedAfter, Instant endedBefore) {
        this(id, direction, customerNumber, queue, campaign, agents, placedBy, startedAt, answeredAt, endedAt, waitSeconds,
                talkSeconds, holdCount, holdSeconds, transfers, abandoned, outcome, hangupBy, stage, stageAgent, stages,
                timeline, flags, consent, longHold, apologyRequired, transferFailed, recording, version, transferEntries,
                null, endedAfter, endedBefore, null);
    }

    /** A call with a consultation and no ended window. */
    public CallView(String id, Direction direction, String customerNumber, String queue, String campaign,
                    List<String> agents, String placedBy, Instant startedAt, Instant answeredAt, Instant endedAt,
                    Long waitSeconds, Long talkSeconds, int holdCount, long holdSeconds, List<Transfer> transfers,
                    boolean abandoned, String outcome, String hangupBy, Stage stage, String stageAgent,
                    List<StageEntry> stages, List<TimelineEntry> timeline, List<Flag> flags, Consent consent,
                    boolean longHold, boolean apologyRequired, boolean transferFailed, String recording, long version,
                    List<TransferEntry> transferEntries, Consultation consultation) {
        this(id, direction, customerNumber, queue, campaign, agents, placedBy, startedAt, answeredAt, endedAt, waitSeconds,
                talkSeconds, holdCount, holdSeconds, transfers, abandoned, outcome, hangupBy, stage, stageAgent, stages,
                timeline, flags, consent, longHold, apologyRequired, transferFailed, recording, version, transferEntries,
                consultation, null, null, null);
    }

    /** A call with every leg's recording, no consultation and no ended window. */
    public CallView(String id, Direction direction, String customerNumber, String queue, String campaign,
                    List<String> agents, String placedBy, Instant startedAt, Instant answeredAt, Instant endedAt,
                    Long waitSeconds, Long talkSeconds, int holdCount, long holdSeconds, List<Transfer> transfers,
                    boolean abandoned, String outcome, String hangupBy, Stage stage, String stageAgent,
                    List<StageEntry> stages, List<TimelineEntry> timeline, List<Flag> flags, Consent consent,
                    boolean longHold, boolean apologyRequired, boolean transferFailed, String recording, long version,
                    List<TransferEntry> transferEntries, List<String> recordings) {
        this(id, direction, customerNumber, queue, campaign, agents, placedBy, startedAt, answeredAt, endedAt, waitSeconds,
                talkSeconds, holdCount, holdSeconds, transfers, abandoned, outcome, hangupBy, stage, stageAgent, stages,
                timeline, flags, consent, longHold, apologyRequired, transferFailed, recording, version, transferEntries,
                null, null, null, recordings);
    }

    /** A call without transfer entries (as logged before they were kept). */
    public CallView(String id, Direction direction, String customerNumber, String queue, String campaign,
                    List<String> agents, String placedBy, Instant startedAt, Instant answeredAt, Instant endedAt,
                    Long waitSeconds, Long talkSeconds, int holdCount, long holdSeconds, List<Transfer> transfers,
                    boolean abandoned, String outcome, String hangupBy, Stage stage, String stageAgent,
                    List<StageEntry> stages, List<TimelineEntry> timeline, List<Flag> flags, Consent consent,
                    boolean longHold, boolean apologyRequired, boolean transferFailed, String recording, long version) {
        this(id, direction, customerNumber, queue, campaign, agents, placedBy, startedAt, answeredAt, endedAt, waitSeconds,
                talkSeconds, holdCount, holdSeconds, transfers, abandoned, outcome, hangupBy, stage, stageAgent, stages,
                timeline, flags, consent, longHold, apologyRequired, transferFailed, recording, version, List.of());
    }

    /**
     * The colleague an agent consults in an attended transfer: {@code colleague} is their username (an agent), else the
     * channel dialled; {@code state} {@code ringing} (their phone rings), {@code talking} (they answered and talk with
     * the agent while the customer waits) or {@code unanswered}; {@code since} when it came to that.
     */
    public record Consultation(String colleague, String state, Instant since) {
        public static final String RINGING = "ringing";
        public static final String TALKING = "talking";
        public static final String UNANSWERED = "unanswered";
    }

    /** A transfer that happened ({@code Result: Success}). */
    public record Transfer(String type, String from, String to, Instant at, boolean answered) {
    }

    /**
     * One visit of a stage; {@code agent} is the agent the stage belongs to (null while ringing in a queue),
     * {@code cause} why the call entered it (a {@link StageChange}'s cause: {@code answered}, {@code held},
     * {@code phrase-said} …; null in calls logged before causes were kept).
     */
    public record StageEntry(Stage stage, String agent, Instant enteredAt, Instant leftAt, boolean phraseConfirmed, String cause) {

        public StageEntry(Stage stage, String agent, Instant enteredAt, Instant leftAt, boolean phraseConfirmed) {
            this(stage, agent, enteredAt, leftAt, phraseConfirmed, null);
        }
    }

    /**
     * One change of the call's transfer state: the state entered, the agent concerned (the transferer, or the target
     * who answered; null when unknown), when, and {@code cause}, the {@link TransferChange}'s cause
     * ({@code blind-requested}, {@code attended-transfer}, {@code target-answered} …).
     */
    public record TransferEntry(TransferState state, String agent, Instant at, String cause) {
    }

    /**
     * One fact the call log is built from, in order: {@code type} is Cuecard's own event name
     * (e.g. {@code queue-joined}, {@code agent-connected}, {@code hold}, {@code blind-transfer}),
     * {@code channel} the leg it happened on, {@code agent} the agent concerned, {@code detail} free text.
     */
    public record TimelineEntry(Instant at, String type, String channel, String agent, String detail) {
    }

    /** When the customer last agreed to be put on hold and to be transferred (null: never). */
    public record Consent(Instant hold, Instant transfer) {
        public static final Consent NONE = new Consent(null, null);
    }

    /**
     * Something a supervisor should look at, e.g. {@code link-lost} when the call ended during a PBX outage (with
     * {@code ended-while-disconnected}, whose detail gives the window it ended in), or a
     * conduct rule: {@code hold-without-consent}, {@code transfer-without-consent}, {@code closing-not-confirmed},
     * {@code agent-hung-up-first}; {@code callback-task} records a callback the agent created (detail = the note).
     */
    public record Flag(String rule, Instant at, String detail) {
    }

    /** Where the call's transfer stands now ({@code NONE} when there was none). */
    public TransferState transferState() {
        return transferEntries.isEmpty() ? TransferState.NONE : transferEntries.get(transferEntries.size() - 1).state();
    }

    public boolean live() {
        return endedAt == null;
    }

    /**
     * The call's own stage visits: {@code stages} without the wrap-ups of agents who left the live call after
     * transferring the customer (the last one is the current stage).
     */
    public List<StageEntry> ownStages() {
        return stages.stream().filter(s -> !WRAP_UP_AFTER_TRANSFER.equals(s.cause())).toList();
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
