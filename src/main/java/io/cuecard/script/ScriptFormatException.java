package io.cuecard.script;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A script (or holiday table) that cannot be used, with every problem found: {@link #errors()} lists each as a
 * {@link FieldError} naming the field as a path such as {@code forbidden[3].severity} (empty for a file that is
 * not JSON/YAML at all). The message lists them all, one per line.
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

    public ScriptFormatException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("\n")));
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

    /** Every problem found, in file order. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The field of the first problem. */
    public String field() {
        return errors.get(0).field();
    }
}
