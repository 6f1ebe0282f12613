package io.cuecard.agent.rest;

import io.cuecard.agent.auth.LoginThrottle;
import io.cuecard.platform.audit.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /api/login-throttle?address=&username=}: an admin lifts a login block, i.e. forgets the failed logins
 * from that address (of that user name, when given), or of that user name from everywhere. Answers {@code {"lifted": n}}.
 */
@Path("/api/login-throttle")
@RolesAllowed("admin")
public class LoginThrottleResource {

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @DELETE
    public Map<String, Integer> lift(@QueryParam("address") String address, @QueryParam("username") String username) {
        String a = address == null || address.isBlank() ? null : address.trim();
        String u = username == null || username.isBlank() ? null : username.trim();
        if (a == null && u == null) {
            throw new BadRequestException("address or username is required");
        }
        int lifted = throttle.lift(a, u);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("address", a);
        detail.put("username", u);
        detail.put("failures", lifted);
        audit.record("login-throttle.lifted", a != null ? a : u, detail);
        return Map.of("lifted", lifted);
    }
}
