package io.cuecard.call.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
import io.cuecard.call.ForbiddenHit;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the call log and keeps the agents' notes on calls. */
@ApplicationScoped
public class CallLogService {

    /** Filters of {@code GET /api/calls}; null means "any". {@code to} is exclusive. */
    public record CallFilter(String agent, Direction direction, Instant from, Instant to, int page, int size) {
    }

    public record CallPage(List<ObjectNode> items, long total) {
    }

    /** An agent's notes as the console and the API see them. */
    public record Notes(String callId, String agent, String text, List<ForbiddenHit> hits, String disposition, boolean isFinal,
                        Instant updatedAt, String template, Map<String, String> fields, String justification) {
    }

    /** A change of an agent's notes; null members leave what is stored as it is. */
    public record NotesChange(String text, List<ForbiddenHit> hits, String disposition, String template, Map<String, String> fields,
                              String justification, boolean makeFinal) {

        public static NotesChange text(String text, List<ForbiddenHit> hits, String template, Map<String, String> fields) {
            return new NotesChange(text, hits, null, template, fields, null, false);
        }

        public static NotesChange disposition(String code) {
            return new NotesChange(null, null, code, null, null, null, false);
        }
    }

    private static final TypeReference<List<ForbiddenHit>> HITS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    @Transactional
    public CallPage list(CallFilter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.agent() != null) {
            where.append(" and (array_contains(agents, :agent) or placedBy = :agent)");
            params.and("agent", filter.agent());
        }
        if (filter.direction() != null) {
            where.append(" and direction = :direction");
            params.and("direction", filter.direction().json());
        }
        if (filter.from() != null) {
            where.append(" and startedAt >= :from");
            params.and("from", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" and startedAt < :to");
            params.and("to", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        var query = CallLog.<CallLog>find(where.toString(), Sort.descending("startedAt").and("id", Sort.Direction.Descending), params);
        long total = query.count();
        if ((long) filter.page() * filter.size() >= total) {
            return new CallPage(List.of(), total); // past the last call (and past what an int offset can say)
        }
        List<CallLog> rows = query.page(Page.of(filter.page(), filter.size())).list();
        Map<String, ObjectNode> scripts = scriptsOf(rows.stream().map(r -> r.id).toList());
        Map<String, CallNotes> notes = rows.isEmpty() ? Map.of()
                : CallNotes.<CallNotes>list("callId in ?1", rows.stream().map(r -> r.id).toList()).stream()
                        .collect(Collectors.toMap(n -> n.callId, Function.identity()));
        List<ObjectNode> items = new ArrayList<>(rows.size());
        for (CallLog row : rows) {
            items.add(record(row, notes.get(row.id), scripts.get(row.id)));
        }
        return new CallPage(items, total);
    }

    /** The call as the API returns it: the logged call plus notes, hits and disposition. */
    @Transactional
    public Optional<ObjectNode> get(String id) {
        CallLog row = CallLog.findById(id);
        return row == null ? Optional.empty() : Optional.of(record(row, CallNotes.findById(id), scriptsOf(List.of(id)).get(id)));
    }

    /** Who may read a call: the agents who were on it and the one who placed it. */
    @Transactional
    public Optional<List<String>> participants(String id) {
        CallLog row = CallLog.findById(id);
        if (row == null) {
            return Optional.empty();
        }
        List<String> who = new ArrayList<>(List.of(row.agents));
        if (row.placedBy != null) {
            who.add(row.placedBy);
        }
        return Optional.of(who);
    }

    /** Calls still live in the log, to rebuild the tracker after a restart. */
    @Transactional
    public List<CallView> liveCalls() {
        return CallLog.<CallLog>list("endedAt is null").stream().map(this::view).toList();
    }

    @Transactional
    public Optional<Notes> notes(String callId) {
        return Optional.ofNullable(CallNotes.<CallNotes>findById(callId)).map(this::notes);
    }

    /**
     * Saves the notes of a call. A final note is never replaced by a later draft; it can be made final again
     * (e.g. a correction at wrap-up) by the same agent.
     */
    @Transactional
    public Notes saveNotes(String callId, String agent, NotesChange change) {
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

    private Notes notes(CallNotes n) {
        return new Notes(n.callId, n.agent, n.text, read(n.hits, HITS), n.disposition, n.isFinal,
                n.updatedAt == null ? null : n.updatedAt.toInstant(), n.template, read(n.fields == null ? "{}" : n.fields, FIELDS),
                n.justification);
    }

    /** The script id and version each call ran with (table call_script, written by the script library). */
    @SuppressWarnings("unchecked")
    private Map<String, ObjectNode> scriptsOf(List<String> callIds) {
        if (callIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = CallLog.getEntityManager()
                .createNativeQuery("select call_id, script_id, script_version from call_script where call_id in (:ids)")
                .setParameter("ids", callIds).getResultList();
        Map<String, ObjectNode> scripts = new java.util.HashMap<>();
        for (Object[] r : rows) {
            ObjectNode s = json.createObjectNode();
            s.put("id", (String) r[1]);
            s.put("version", ((Number) r[2]).intValue());
            scripts.put((String) r[0], s);
        }
        return scripts;
    }

    private ObjectNode record(CallLog row, CallNotes notes, ObjectNode script) {
        // through CallView, so the fields come in the record's order (jsonb keeps its own key order)
        ObjectNode node = json.valueToTree(read(row.view, CallView.class));
        node.remove("version");
        node.set("script", script);
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
            com.fasterxml.jackson.databind.node.ArrayNode hits = read(notes.hits, com.fasterxml.jackson.databind.node.ArrayNode.class);
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

    private CallView view(CallLog row) {
        return read(row.view, CallView.class);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable call log JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable call log JSON", e);
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
