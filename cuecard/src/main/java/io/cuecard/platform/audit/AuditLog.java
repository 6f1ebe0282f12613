package io.cuecard.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.cuecard.platform.ClientRequests;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The audit log: who did what, when, from where, one row per event in the {@code audit} table. Any package records
 * an event with one line, e.g. {@code audit.record("script.saved", id, Map.of("version", 3))}: the actor is the
 * logged-in user of the current request and the address its client's (behind trusted proxies, the forwarded one).
 * Inside a transaction the row is part of it (a rolled back change leaves no row). Never pass a password: detail
 * keys that look like one are dropped before writing. A failed write is logged, never thrown.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** Detail keys that are never written, whatever a caller passes. */
    private static final Pattern SECRET_KEY = Pattern.compile(".*(pass|secret|token|credential|cookie).*");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    ClientRequests clients;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CurrentVertxRequest currentRequest;

    /** An event done by the current request's user (or {@code system} outside a request). */
    public void record(String action, String target, Map<String, ?> detail) {
        record(currentActor(), action, target, detail, currentAddress());
    }

    /** An event whose actor is named (a login, before anyone is logged in); the address is the current request's. */
    public void recordAs(String actor, String action, String target, Map<String, ?> detail) {
        record(actor, action, target, detail, currentAddress());
    }

    /** An event with everything given (callers off the request, e.g. the authentication mechanism). */
    public void record(String actor, String action, String target, Map<String, ?> detail, String address) {
        String body;
        try {
            body = json.writeValueAsString(clean(detail));
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into audit (actor, action, target, detail, address) values (?, ?, ?, ?::jsonb, ?)")) {
            insert.setString(1, cut(actor, 64));
            insert.setString(2, cut(action, 64));
            insert.setString(3, cut(target, 200));
            insert.setString(4, body);
            insert.setString(5, cut(address, 64));
            insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Audit event %s by %s on %s not written: %s", action, actor, target, e.getMessage());
        }
    }

    static Map<String, Object> clean(Map<String, ?> detail) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (detail != null) {
            detail.forEach((key, value) -> {
                if (key != null && !SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
                    kept.put(key, value);
                }
            });
        }
        return kept;
    }

    private String currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return "system";
        }
        try {
            SecurityIdentity identity = identities.getIdentity();
            return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String currentAddress() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            RoutingContext routing = currentRequest.getCurrent();
            return routing == null ? null : clients.clientAddress(routing.request());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
