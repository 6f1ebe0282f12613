package io.cuecard.platform.audit;

import static io.cuecard.platform.QueryParams.instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/audit}: the audit log for admins, newest first, filtered by time, actor and action. */
@Path("/api/audit")
@RolesAllowed("admin")
public class AuditResource {

    private static final int MAX_PAGE_SIZE = 500;

    public record Entry(long id, Instant at, String actor, String action, String target, JsonNode detail, String address) {
    }

    public record Page(List<Entry> items, long total) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** {@code from} inclusive, {@code to} exclusive (a date means midnight UTC, so {@code to} names the day after). */
    @GET
    public Page list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
                     @QueryParam("action") String action, @QueryParam("page") @DefaultValue("0") int page,
                     @QueryParam("size") @DefaultValue("50") int size) throws SQLException {
        if (page < 0) {
            throw new BadRequestException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null) {
            where.append(" and at >= ?");
            args.add(Timestamp.from(since));
        }
        if (until != null) {
            where.append(" and at < ?");
            args.add(Timestamp.from(until));
        }
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = ?");
            args.add(actor);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = ?");
            args.add(action);
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from audit" + where)) {
                bind(count, args);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, at, actor, action, target, detail::text, address from audit"
                    + where + " order by at desc, id desc limit ? offset ?")) {
                bind(select, args);
                select.setInt(args.size() + 1, size);
                select.setLong(args.size() + 2, (long) page * size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                                rs.getString(5), readDetail(rs.getString(6)), rs.getString(7)));
                    }
                }
            }
            return new Page(items, total);
        }
    }

    private JsonNode readDetail(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }
}
