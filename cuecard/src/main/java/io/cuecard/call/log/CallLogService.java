package io.cuecard.call.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Reads the call log: the calls, who was on them, the script each ran with. The notes are {@code notes}'. */
@ApplicationScoped
public class CallLogService {

    /** Filters of {@code GET /api/calls}; null means "any". {@code to} is exclusive. */
    public record CallFilter(String agent, Direction direction, Instant from, Instant to, int page, int size) {
    }

    /** A page of the call log, newest first, and how many calls match the filter. */
    public record CallPage(List<CallAndScript> items, long total) {
    }

    /** A logged call and the script it ran with (null: none was pinned). */
    public record CallAndScript(CallView call, ScriptRef script) {
    }

    /** The script and version a call ran with. */
    public record ScriptRef(@Schema(required = true) String id, @Schema(required = true) int version) {
    }

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
        Map<String, ScriptRef> scripts = scriptsOf(rows.stream().map(r -> r.id).toList());
        List<CallAndScript> items = new ArrayList<>(rows.size());
        for (CallLog row : rows) {
            items.add(new CallAndScript(view(row), scripts.get(row.id)));
        }
        return new CallPage(items, total);
    }

    /** The logged call and its script (the notes are the notes package's). */
    @Transactional
    public Optional<CallAndScript> get(String id) {
        CallLog row = CallLog.findById(id);
        return row == null ? Optional.empty() : Optional.of(new CallAndScript(view(row), scriptsOf(List.of(id)).get(id)));
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

    /**
     * A call to rebuild the tracker with after a restart: a live one, or an ended one with its agents' open wrap-ups
     * ({@code open_wrap_up}: agent → the deadline, when the wrap-up maximum un-pauses the agent).
     */
    public record RestorableCall(CallView call, Map<String, Instant> wrapUpDeadlines) {
    }

    /** The live calls and the ended calls whose wrap-up is still open, to rebuild the tracker after a restart. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<RestorableCall> restorableCalls() {
        List<RestorableCall> calls = new ArrayList<>();
        for (CallView live : liveCalls()) {
            calls.add(new RestorableCall(live, Map.of()));
        }
        List<Object[]> rows = CallLog.getEntityManager()
                .createNativeQuery("select call_id, agent, deadline from open_wrap_up order by call_id, agent").getResultList();
        Map<String, Map<String, Instant>> deadlines = new java.util.LinkedHashMap<>();
        for (Object[] r : rows) {
            deadlines.computeIfAbsent((String) r[0], id -> new java.util.LinkedHashMap<>()).put((String) r[1], instant(r[2]));
        }
        for (Map.Entry<String, Map<String, Instant>> e : deadlines.entrySet()) {
            CallLog row = CallLog.findById(e.getKey());
            if (row != null && row.endedAt != null) {
                calls.add(new RestorableCall(view(row), Map.copyOf(e.getValue())));
            }
        }
        return calls;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + value);
    }

    /** The script id and version each call ran with (table call_script, written by the script library). */
    @SuppressWarnings("unchecked")
    private Map<String, ScriptRef> scriptsOf(List<String> callIds) {
        if (callIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = CallLog.getEntityManager()
                .createNativeQuery("select call_id, script_id, script_version from call_script where call_id in (:ids)")
                .setParameter("ids", callIds).getResultList();
        Map<String, ScriptRef> scripts = new java.util.HashMap<>();
        for (Object[] r : rows) {
            scripts.put((String) r[0], new ScriptRef((String) r[1], ((Number) r[2]).intValue()));
        }
        return scripts;
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
}
