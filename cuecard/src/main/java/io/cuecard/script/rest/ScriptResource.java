package io.cuecard.script.rest;

import io.cuecard.platform.audit.AuditLog;
import io.cuecard.script.Script;
import io.cuecard.script.service.ScriptLibrary;
import io.cuecard.script.ScriptLoader.Format;
import io.cuecard.script.service.ScriptLibrary.Summary;
import io.cuecard.script.service.ScriptLibrary.VersionInfo;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Scripts: everyone logged in reads them; supervisors and admins save new versions and import scripts, as JSON or
 * YAML. Old versions stay readable, so old calls show the script they ran with.
 */
@Path("/api/scripts")
@RolesAllowed({"agent", "supervisor", "admin"})
public class ScriptResource {

    static final String YAML = "application/yaml";

    @Inject
    ScriptLibrary library;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @GET
    public List<Summary> list() {
        return library.list();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public String latest(@PathParam("id") String id) {
        Script script = library.latest(id).orElseThrow(() -> new NotFoundException("No script '" + id + "'"));
        return library.export(id, script.version(), Format.JSON);
    }

    @GET
    @Path("{id}/versions")
    public List<VersionInfo> versions(@PathParam("id") String id) {
        library.latest(id).orElseThrow(() -> new NotFoundException("No script '" + id + "'"));
        return library.versions(id);
    }

    @GET
    @Path("{id}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public String version(@PathParam("id") String id, @PathParam("version") int version) {
        return library.export(id, version, Format.JSON);
    }

    @GET
    @Path("{id}/export")
    public Response export(@PathParam("id") String id, @QueryParam("format") @DefaultValue("json") String format,
                           @QueryParam("version") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String version) {
        Format f = format(format);
        int v = version != null && !version.isBlank() ? version(version)
                : library.latest(id).orElseThrow(() -> new NotFoundException("No script '" + id + "'")).version();
        String body = library.export(id, v, f);
        return Response.ok(body, f == Format.YAML ? YAML + ";charset=UTF-8" : MediaType.APPLICATION_JSON + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + id + "-v" + v + (f == Format.YAML ? ".yaml" : ".json") + "\"")
                .build();
    }

    /** Saves a new version; the body is the whole script (JSON, or YAML with Content-Type application/yaml). */
    @PUT
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "text/yaml"})
    @RolesAllowed({"supervisor", "admin"})
    public Response save(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Script saved = library.save(id, need(body), formatOf(contentType), identity.getPrincipal().getName());
        audit.record("script.saved", saved.id(), Map.of("version", saved.version()));
        return Response.ok(library.export(saved.id(), saved.version(), Format.JSON), MediaType.APPLICATION_JSON).build();
    }

    /** Imports a script under its own id (a new script, or the next version of an existing one). */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, YAML, "text/yaml"})
    @RolesAllowed({"supervisor", "admin"})
    public Response importScript(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Script saved = library.importScript(need(body), formatOf(contentType), identity.getPrincipal().getName());
        audit.record("script.imported", saved.id(), Map.of("version", saved.version()));
        return Response.created(URI.create("/api/scripts/" + saved.id()))
                .entity(library.export(saved.id(), saved.version(), Format.JSON)).type(MediaType.APPLICATION_JSON).build();
    }

    private static byte[] need(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("A script body is required");
        }
        return body;
    }

    private static Format formatOf(String contentType) {
        return contentType != null && contentType.toLowerCase().contains("yaml") ? Format.YAML : Format.JSON;
    }

    /** A version number from the query (taken as text: JAX-RS would answer an unparsable one with 404). */
    private static int version(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("version must be a whole number from 1");
    }

    private static Format format(String name) {
        return switch (name.toLowerCase()) {
            case "json" -> Format.JSON;
            case "yaml", "yml" -> Format.YAML;
            default -> throw new BadRequestException("format must be json or yaml");
        };
    }
}
