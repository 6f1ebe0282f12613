package io.cuecard.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * The notes members of the call log API's call records ({@code notes}, {@code forbiddenHits}, {@code hitCount},
     * {@code noteTemplate}, {@code noteFields}, {@code justification}, {@code disposition}, {@code notesFinal}), for
     * each of the calls; a call without notes gets the empty ones.
     */
    @Transactional
    public Map<String, ObjectNode> callLogMembers(List<String> callIds) {
        Map<String, CallNotes> found = new HashMap<>();
        if (!callIds.isEmpty()) {
            for (CallNotes n : CallNotes.<CallNotes>list("callId in ?1", callIds)) {
                found.put(n.callId, n);
            }
        }
        Map<String, ObjectNode> members = new HashMap<>();
        for (String id : callIds) {
            members.put(id, members(found.get(id)));
        }
        return members;
    }

    private ObjectNode members(CallNotes notes) {
        ObjectNode node = json.createObjectNode();
        if (notes == null) {
            node.put("notes", "");
            node.putArray("forbiddenHits");
            node.putNull("disposition");
            node.put("notesFinal", false);
            node.put("hitCount", 0);
            node.putNull("noteTemplate");
            node.putObject("noteFields");
            node.putNull("justification");
        } else {
            node.put("notes", notes.text);
            ArrayNode hits = read(notes.hits, ArrayNode.class);
            node.set("forbiddenHits", hits);
            node.put("hitCount", hits.size());
            node.put("noteTemplate", notes.template);
            node.set("noteFields", read(notes.fields == null ? "{}" : notes.fields, ObjectNode.class));
            node.put("justification", notes.justification);
            node.put("disposition", notes.disposition);
            node.put("notesFinal", notes.isFinal);
        }
        return node;
    }

    private Notes notes(CallNotes n) {
        return new Notes(n.callId, n.agent, n.text, read(n.hits, HITS), n.disposition, n.isFinal,
                n.updatedAt == null ? null : n.updatedAt.toInstant(), n.template, read(n.fields == null ? "{}" : n.fields, FIELDS),
                n.justification);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable notes JSON", e);
        }
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
