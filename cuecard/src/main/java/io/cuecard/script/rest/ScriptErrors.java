package io.cuecard.script.rest;

import io.cuecard.script.ScriptFormatException;
import io.cuecard.script.ScriptFormatException.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An invalid script gets 400 with its problems, field by field: {@code {"error", "status", "fields":[{"field","message"}]}}.
 * A file can have hundreds of thousands of problems (a 3 MB import once got a 70 MB answer): at most
 * {@value #MAX_FIELDS} are listed, each field and message shortened, and {@code "truncated": n} counts those left
 * out, so that the answer stays under 64 KiB.
 */
public class ScriptErrors {

    static final int MAX_FIELDS = 100;
    static final int MAX_FIELD_CHARS = 200;
    static final int MAX_MESSAGE_CHARS = 300;
    /** UTF-8 bytes of the listed fields; with the summary the answer stays well under 64 KiB. */
    static final int FIELDS_BUDGET = 56 * 1024;

    @ServerExceptionMapper
    public Response invalidScript(ScriptFormatException e) {
        List<FieldError> errors = e.errors();
        List<Map<String, String>> fields = new ArrayList<>();
        int bytes = 0;
        for (FieldError error : errors) {
            if (fields.size() == MAX_FIELDS) {
                break;
            }
            String field = shorten(error.field(), MAX_FIELD_CHARS);
            String message = shorten(error.message(), MAX_MESSAGE_CHARS);
            // the JSON of one entry: its texts (escaping may add a little) and {"field":"","message":""},
            int size = field.getBytes(StandardCharsets.UTF_8).length + message.getBytes(StandardCharsets.UTF_8).length + 40;
            if (bytes + size > FIELDS_BUDGET) {
                break;
            }
            bytes += size;
            fields.add(Map.of("field", field, "message", message));
        }
        String summary = errors.size() == 1 ? "1 problem" : errors.size() + " problems";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "The script is not valid (" + summary + "): " + shorten(errors.get(0).toString(), MAX_FIELD_CHARS + MAX_MESSAGE_CHARS));
        body.put("status", 400);
        body.put("fields", fields);
        if (fields.size() < errors.size()) {
            body.put("truncated", errors.size() - fields.size());
        }
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** At most {@code max} characters (never splitting a surrogate pair), with "…" when cut. */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
