package io.cuecard.script;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A script (or holiday table) that cannot be used, with every problem found: {@link #errors()} lists each as a
 * {@link FieldError} naming the field as a path such as {@code forbidden[3].severity} (empty for a file that is
 * not JSON/YAML at all). The message lists them one per line (the first {@value #MESSAGE_ERRORS}).
 */
public class ScriptFormatException extends RuntimeException {

    /** One problem: the field's path and what is wrong with it. */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field.isEmpty() ? message : field + ": " + message;
        }
    }

    private final List<FieldError> errors;

    /** Problems named in the message; a file can have hundreds of thousands, all kept in {@link #errors()}. */
    static final int MESSAGE_ERRORS = 100;

    public ScriptFormatException(List<FieldError> errors) {
        super(message(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ScriptFormatException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ScriptFormatException(String field, String problem) {
        this(List.of(new FieldError(field, problem)));
    }

    public ScriptFormatException(String field, String problem, Throwable cause) {
        this(field, problem);
        initCause(cause);
    }

    private static String message(List<FieldError> errors) {
        String listed = errors.stream().limit(MESSAGE_ERRORS).map(FieldError::toString).collect(Collectors.joining("\n"));
        return errors.size() > MESSAGE_ERRORS ? listed + "\n… and " + (errors.size() - MESSAGE_ERRORS) + " more" : listed;
    }

    /** Every problem found, in file order. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The field of the first problem. */
    public String field() {
        return errors.get(0).field();
    }
}
