package io.cuecard.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
import io.cuecard.call.Stage;
import io.cuecard.call.TransferAction;
import io.cuecard.notes.Dispositions.Disposition;
import io.cuecard.notes.Notes;
import io.cuecard.ops.OverloadChanged;
import io.cuecard.script.ForbiddenHit;
import io.cuecard.script.service.ScriptService.Prompt;
import java.time.Instant;
import java.util.List;

/**
 * The frames the server sends on {@code /ws/console}, as typed records: each is serialised once (by the hub, for every
 * console that shows it) and each connection adds its own {@code seq}. {@code ConsoleProtocolTypesTest} generates the
 * console's TypeScript declarations ({@code console-ui/src/generated/protocol.ts}) from these records, and the console's
 * own types are checked against them when it is built, so a field change here that breaks the console fails the build.
 * Described for people in docs/console-protocol.md.
 */
public final class ConsoleFrames {

    private ConsoleFrames() {
    }

    /** A frame from the server; {@code type} names it. */
    public sealed interface Frame permits Snapshot, CallFrame, AgentStateFrame, PbxFrame, OverloadFrame, HitsFrame, ErrorFrame {
        String type();
    }

    /** The first frame of every connection: the PBX link, overload, the calls the user may see, the agent state. */
    @JsonPropertyOrder({"type"})
    public record Snapshot(PbxLink pbx, OverloadChanged overload, List<ConsoleCall> calls, AgentPresence.AgentState agentState,
                           List<Disposition> dispositions) implements Frame {
        @Override
        @JsonProperty("type")
        public String type() {
            return "snapshot";
        }
    }

    public record PbxLink(boolean connected) {
    }

    /**
     * A call changed. {@code pbxTimestamp}: the AMI {@code Timestamp} of the PBX event that caused it (seconds since
     * the epoch with six decimals, as Asterisk writes it), absent when no PBX event did.
     */
    @JsonPropertyOrder({"type", "pbxTimestamp", "call"})
    public record CallFrame(@JsonInclude(JsonInclude.Include.NON_NULL) String pbxTimestamp, ConsoleCall call) implements Frame {
        @Override
        @JsonProperty("type")
        public String type() {
            return "call";
        }
    }

    @JsonPropertyOrder({"type"})
    public record AgentStateFrame(AgentPresence.AgentState agentState) implements Frame {
        @Override
        @JsonProperty("type")
        public String type() {
            return "agent-state";
        }
    }

    @JsonPropertyOrder({"type"})
    public record PbxFrame(boolean connected) implements Frame {
        @Override
        @JsonProperty("type")
        public String type() {
            return "pbx";
        }
    }

    /** An overload episode started, ended or has new figures (the members of {@link OverloadChanged}). */
    @JsonPropertyOrder({"type"})
    public record OverloadFrame(boolean active, Instant since, long lagMs, long dropped) implements Frame {
        static OverloadFrame of(OverloadChanged change) {
            return new OverloadFrame(change.active(), change.since(), change.lagMs(), change.dropped());
        }

        @Override
        @JsonProperty("type")
        public String type() {
            return "overload";
        }
    }

    /** The answer to a {@code notes} message: the forbidden phrases in the saved text. */
    @JsonPropertyOrder({"type"})
    public record HitsFrame(String callId, JsonNode requestId, List<ForbiddenHit> hits, @JsonProperty("final") boolean finalNotes)
            implements Frame {
        @Override
        @JsonProperty("type")
        public String type() {
            return "hits";
        }
    }

    /**
     * A message was refused. {@code code} names a refusal the console handles ({@code missing-disposition},
     * {@code missing-fields} with {@code fields}, {@code blocked-phrases} with {@code phrases}, {@code consent-missing}),
     * or a transfer action the PBX refused after the console's message was accepted: {@code pbx-refused} (with the
     * PBX's own {@code pbxMessage}), {@code pbx-no-answer} (no answer within {@code cuecard.pbx.action-timeout}: counted
     * as refused) or {@code pbx-not-sent} (the PBX link was down), each with the {@code callId} and the {@code action}
     * ({@code blind-transfer}, {@code attended-transfer}, {@code cancel-transfer}, {@code complete-transfer}); the
     * console words these itself, in its language.
     */
    @JsonPropertyOrder({"type", "message", "requestId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorFrame(String message, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode requestId, String code,
                             List<String> fields, List<String> phrases, String callId, TransferAction action,
                             String pbxMessage) implements Frame {

        /** A refused console message (no PBX action concerned). */
        public ErrorFrame(String message, JsonNode requestId, String code, List<String> fields, List<String> phrases) {
            this(message, requestId, code, fields, phrases, null, null, null);
        }

        @Override
        @JsonProperty("type")
        public String type() {
            return "error";
        }
    }

    /** One call as a console shows it: the call (without its timeline), the script's prompt for it, the notes. */
    public record ConsoleCall(String id, Direction direction, String customerNumber, String queue, String campaign,
                              List<String> agents, String placedBy, Instant startedAt, Instant answeredAt, Instant endedAt,
                              Long waitSeconds, Long talkSeconds, int holdCount, long holdSeconds,
                              List<CallView.Transfer> transfers, boolean abandoned, String outcome, String hangupBy, Stage stage,
                              String stageAgent, List<CallView.StageEntry> stages, List<CallView.Flag> flags,
                              CallView.Consent consent, boolean longHold, boolean apologyRequired, boolean transferFailed,
                              String recording, long version, List<CallView.TransferEntry> transferEntries,
                              CallView.Consultation consultation, Instant endedAfter, Instant endedBefore,
                              List<String> recordings, Prompt script, FrameNotes notes) {

        static ConsoleCall of(CallView c, Prompt script, Notes notes) {
            return new ConsoleCall(c.id(), c.direction(), c.customerNumber(), c.queue(), c.campaign(), c.agents(), c.placedBy(),
                    c.startedAt(), c.answeredAt(), c.endedAt(), c.waitSeconds(), c.talkSeconds(), c.holdCount(), c.holdSeconds(),
                    c.transfers(), c.abandoned(), c.outcome(), c.hangupBy(), c.stage(), c.stageAgent(), c.stages(), c.flags(),
                    c.consent(), c.longHold(), c.apologyRequired(), c.transferFailed(), c.recording(), c.version(),
                    c.transferEntries(), c.consultation(), c.endedAfter(), c.endedBefore(), c.recordings(), script,
                    FrameNotes.of(notes));
        }
    }

    /** The agent's notes on the call as the console shows them (empty until something is saved). */
    public record FrameNotes(String text, List<ForbiddenHit> hits, String disposition, @JsonProperty("final") boolean finalNotes,
                             String updatedAt) {
        static FrameNotes of(Notes n) {
            return n == null ? new FrameNotes("", List.of(), null, false, null)
                    : new FrameNotes(n.text(), n.hits(), n.disposition(), n.isFinal(), n.updatedAt() == null ? null : n.updatedAt().toString());
        }
    }

    /** The frame's JSON members without the braces, for {@link ConsoleSession#send} to put its {@code seq} in front. */
    static String members(ObjectMapper json, Frame frame) {
        String all = write(json, frame);
        return all.substring(1, all.length() - 1);
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
