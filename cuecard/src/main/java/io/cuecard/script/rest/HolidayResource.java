package io.cuecard.script.rest;

import io.cuecard.script.service.HolidayService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The holiday table ({@code {"holidays":[{"from","to","name","nameTranslation"}]}}): on these days the closing phrase
 * ends with 祝您节日愉快. Everyone reads it; admins replace it (the Spring Festival date differs every year).
 */
@Path("/api/holidays")
@Produces(MediaType.APPLICATION_JSON)
public class HolidayResource {

    @Inject
    HolidayService holidays;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public String get() {
        return holidays.calendar().toJson();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public String replace(String json) {
        if (json == null || json.isBlank()) {
            throw new BadRequestException("A JSON body {\"holidays\": [...]} is required");
        }
        return holidays.replace(json, identity.getPrincipal().getName()).toJson();
    }
}
