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
        List<Map<String, String>> fields = e.errors().stream()
                .map(f -> Map.of("field", f.field(), "message", f.message())).toList();
        String summary = e.errors().size() == 1 ? "1 problem" : e.errors().size() + " problems";
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "The script is not valid (" + summary + "): " + e.getMessage(), "status", 400, "fields", fields)).build();
    }
}
