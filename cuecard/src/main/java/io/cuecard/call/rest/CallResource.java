package io.cuecard.call.rest;

import static io.cuecard.platform.QueryParams.instant;
import static io.cuecard.platform.QueryParams.whole;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
import io.cuecard.call.log.CallLogService.CallAndScript;
import io.cuecard.call.log.CallLogService.CallFilter;
import io.cuecard.call.log.CallLogService.ScriptRef;
import io.cuecard.call.log.CallLogService;
import io.cuecard.notes.NotesStore;
import io.cuecard.notes.NotesStore.CallLogNotes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The call log: agents read their own calls, supervisors and admins read all. */
@Path("/api/calls")
@RolesAllowed({"agent", "supervisor", "admin"})
public class CallResource {

    private static final int MAX_PAGE_SIZE = 500;

    @Inject
    CallLogService calls;

    @Inject
    NotesStore notes;

    @Inject
    SecurityIdentity identity;

    /**
     * One call of the log as the API answers it: the call as logged (every member of {@link CallView} but its
     * {@code version}), the script it ran with (null: none pinned), and the notes members ({@link CallLogNotes}). The
     * API description (smallrye-openapi) unwraps the members too; an unwrapped component must not share a name with
     * a member ({@code notes} would drop the notes text from the description).
     */
    public record LoggedCall(@JsonUnwrapped @JsonIgnoreProperties("version") CallView call, ScriptRef script,
                             @JsonUnwrapped CallLogNotes callNotes) {
    }

    /** A page of the call log, newest first, and how many calls match the filter. */
    public record CallPage(@Schema(required = true) List<LoggedCall> items, @Schema(required = true) long total) {
    }

    @GET
    public CallPage list(@QueryParam("agent") String agent, @QueryParam("direction") String direction,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("page") @DefaultValue("0") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String pageText,
                         @QueryParam("size") @DefaultValue("50") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) String sizeText) {
        // taken as text: JAX-RS answers an unparsable number in a query parameter with 404, which reads as "no such calls"
        int page = whole("page", pageText, 0, Integer.MAX_VALUE);
        int size = whole("size", sizeText, 1, MAX_PAGE_SIZE);
        String me = identity.getPrincipal().getName();
        if (!readsAll()) {
            if (agent != null && !agent.equals(me)) {
                throw new ForbiddenException("Agents read only their own calls");
            }
            agent = me;
        }
        CallLogService.CallPage found = calls.list(
                new CallFilter(agent, direction(direction), instant("from", from), instant("to", to), page, size));
        return new CallPage(withNotes(found.items()), found.total());
    }

    @GET
    @Path("{id}")
    public LoggedCall get(@PathParam("id") String id) {
        List<String> participants = calls.participants(id).orElseThrow(() -> new NotFoundException("No call " + id));
        if (!readsAll() && !participants.contains(identity.getPrincipal().getName())) {
            throw new ForbiddenException("Agents read only their own calls");
        }
        CallAndScript call = calls.get(id).orElseThrow(() -> new NotFoundException("No call " + id));
        return withNotes(List.of(call)).get(0);
    }

    /** Each call with its notes, hits, template fields and disposition. */
    private List<LoggedCall> withNotes(List<CallAndScript> found) {
        Map<String, CallLogNotes> members = notes.callLogNotes(found.stream().map(c -> c.call().id()).toList());
        return found.stream().map(c -> new LoggedCall(c.call(), c.script(), members.get(c.call().id()))).toList();
    }

    private boolean readsAll() {
        return identity.hasRole("supervisor") || identity.hasRole("admin");
    }

    private static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            default -> throw new BadRequestException("direction must be inbound or outbound");
        };
    }
}
