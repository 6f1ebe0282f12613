package io.cuecard.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every API error is JSON: {@code {"error": "what is wrong", "status": 400}}. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String where = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? " at '" + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            what = "Invalid value " + f.getValue() + where;
        } else if (e instanceof MismatchedInputException) {
            what = "Wrong type of value" + where;
        } else {
            what = "Malformed JSON (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ", column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")";
        }
        return error(400, "Invalid JSON body: " + what);
    }

    /** More specific than Quarkus' own mapper for this type, so the answer has the same shape as every other error. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        Response r = e.getResponse();
        if (r.hasEntity()) {
            return r;
        }
        String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? r.getStatusInfo().getReasonPhrase() : e.getMessage();
        return error(r.getStatus(), message);
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message, "status", status)).build();
    }
}
