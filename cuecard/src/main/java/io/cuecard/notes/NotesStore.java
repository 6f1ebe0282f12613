package io.cuecard.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.script.ForbiddenHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The agents' notes in PostgreSQL (table {@code call_notes}, owned by this package). */
@ApplicationScoped
public class NotesStore {

    private static final TypeReference<List<ForbiddenHit>> HITS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    @Transactional
    public Optional<Notes> notes(String callId) {
        return Optional.ofNullable(CallNotes.<CallNotes>findById(callId)).map(this::notes);
    }

    /**
     * Saves the notes of a call. A final note is never replaced by a later draft; it can be made final again
     * (e.g. a correction at wrap-up) by the same agent.
     */
    @Transactional
    Notes save(String callId, String agent, NotesChange change) {
        CallNotes notes = CallNotes.findById(callId);
        if (notes == null) {
            notes = new CallNotes();
            notes.callId = callId;
            notes.agent = agent;
            notes.text = "";
            notes.hits = "[]";
            notes.fields = "{}";
            notes.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            notes.persist();
        } else if (notes.isFinal && !change.makeFinal()) {
            return notes(notes);
        }
        if (change.text() != null) {
            notes.text = change.text();
            notes.hits = write(change.hits() == null ? List.of() : change.hits());
        }
        if (change.template() != null) {
            notes.template = change.template().isBlank() ? null : change.template();
        }
        if (change.fields() != null) {
            notes.fields = write(change.fields());
        }
        if (change.disposition() != null) {
            notes.disposition = change.disposition();
        }
        if (change.justification() != null) {
            notes.justification = change.justification();
        }
        notes.agent = agent;
        notes.isFinal = notes.isFinal || change.makeFinal();
        notes.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return notes(notes);
    }

    /**
     * The notes members of the call log API's call records: the notes text, its forbidden-phrase hits and their
     * count, the note template and its fields, the justification of blocked phrases, the disposition, whether the
     * notes are final. A call without notes has the empty ones ({@link #NONE}).
     */
    public record CallLogNotes(@Schema(required = true) String notes, @Schema(required = true) List<ForbiddenHit> forbiddenHits,
                               @Schema(required = true) int hitCount, String noteTemplate, @Schema(required = true) Map<String, String> noteFields,
                               String justification, String disposition, @Schema(required = true) boolean notesFinal) {

        public static final CallLogNotes NONE = new CallLogNotes("", List.of(), 0, null, Map.of(), null, null, false);

        static CallLogNotes of(Notes n) {
            return new CallLogNotes(n.text(), n.hits(), n.hits().size(), n.template(), n.fields(), n.justification(), n.disposition(),
                    n.isFinal());
        }
    }

    /** The notes members of each of the calls ({@link CallLogNotes#NONE} for a call without notes). */
    @Transactional
    public Map<String, CallLogNotes> callLogNotes(List<String> callIds) {
        Map<String, CallLogNotes> members = new HashMap<>();
        if (!callIds.isEmpty()) {
            for (CallNotes n : CallNotes.<CallNotes>list("callId in ?1", callIds)) {
                members.put(n.callId, CallLogNotes.of(notes(n)));
            }
        }
        for (String id : callIds) {
            members.putIfAbsent(id, CallLogNotes.NONE);
        }
        return members;
    }

    private Notes notes(CallNotes n) {
        return new Notes(n.callId, n.agent, n.text, read(n.hits, HITS), n.disposition, n.isFinal,
                n.updatedAt == null ? null : n.updatedAt.toInstant(), n.template, read(n.fields == null ? "{}" : n.fields, FIELDS),
                n.justification);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable notes JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
