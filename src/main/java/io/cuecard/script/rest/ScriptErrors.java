package io.cuecard.script.rest;

import io.cuecard.script.ScriptFormatException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An invalid script gets 400 with every problem, field by field: {@code {"error", "fields":[{"field","message"}]}}. */
public class ScriptErrors {

    @ServerExceptionMapper
    public Response invalidScript(ScriptFormatException e) {
        List<Map<String, String>> fields = List.of(Map.of("field", e.field(), "message", e.getMessage()));
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "The script is not valid: " + e.getMessage(), "status", 400, "fields", fields)).build();
    }
}
