package io.cuecard.script.notes;

import java.util.List;

/**
 * A note-templates file that cannot be used. {@link #problems()} lists every problem found, each naming the
 * offending element as a path, e.g. {@code templates[3].sentence: placeholder {regoin} is not one of this
 * template's fields}; the message lists them all.
 */
public class NoteTemplateFormatException extends RuntimeException {

    private final List<String> problems;

    public NoteTemplateFormatException(List<String> problems) {
        super("invalid note templates (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public NoteTemplateFormatException(String problem, Throwable cause) {
        this(List.of(problem));
        initCause(cause);
    }

    public List<String> problems() {
        return problems;
    }
}
