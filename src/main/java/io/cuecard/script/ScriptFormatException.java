package io.cuecard.script;

/**
 * A script file that cannot be used. {@link #field()} names the offending field as a path such as
 * {@code forbidden[3].severity} (empty for a file that is not JSON at all); the message repeats it.
 */
public class ScriptFormatException extends RuntimeException {

    private final String field;

    public ScriptFormatException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
    }

    public ScriptFormatException(String field, String problem, Throwable cause) {
        this(field, problem);
        initCause(cause);
    }

    public String field() {
        return field;
    }
}
