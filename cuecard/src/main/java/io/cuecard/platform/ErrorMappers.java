package io.cuecard.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every API error is JSON: {@code {"error": "what is wrong", "status": 400}}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

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

    /**
     * Whatever no other mapper answers: JSON, never Quarkus' plain-text 500. Text the database refuses as such (a NUL
     * character, which PostgreSQL cannot store) is the client's mistake: 400. A database that cannot be reached is
     * temporary: 503 with {@code Retry-After} (see {@link DatabaseUnavailable}). Anything else is Cuecard's: 500, logged
     * with its stack trace under an id the answer gives. (Security exceptions keep Quarkus' own, more specific mappers.)
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (refusedText(e)) {
            return error(400, "Text with a NUL character (\\u0000) cannot be stored or searched");
        }
        if (DatabaseUnavailable.is(e)) {
            DatabaseUnavailable.log("a request", e);
            return unavailable(UNAVAILABLE);
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Request failed (error id %s)", id);
        return error(500, "The server could not handle this request (error id " + id + ")");
    }

    /** PostgreSQL's "invalid byte sequence" (22021) or "untranslatable character" (22P05) anywhere in the causes. */
    static boolean refusedText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The answer while the database cannot be reached. */
    public static final String UNAVAILABLE = "Temporarily unavailable: the database cannot be reached; try again shortly";

    /** 503 with {@code Retry-After} and the usual JSON body. */
    public static Response unavailable(String message) {
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .entity(Map.of("error", message, "status", 503)).build();
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message, "status", status)).build();
    }
}
