package io.cuecard.pbx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contexts of an extensions.conf ({@code exten =>}, {@code same =>}, {@code include =>}) with Asterisk's
 * extension matching ({@code _} patterns with {@code X Z N [..] . !}). Only what Cuecard's checks need; the
 * {@code [general]} and {@code [globals]} sections are settings, not contexts.
 */
final class Dialplan {

    /** One priority: the application and its raw argument string. */
    record Step(String priority, String application, String arguments, int line) {
    }

    /** An extension (exact or {@code _pattern}) and its priorities in order. */
    record Extension(String name, List<Step> steps) {

        boolean matches(String dialled) {
            return Dialplan.matches(name, dialled);
        }
    }

    /** A dialplan context with its own extensions and the contexts it includes. */
    record Context(String name, List<Extension> extensions, List<String> includes) {
    }

    private final Map<String, Context> contexts;
    private final Map<String, String> globals;

    private Dialplan(Map<String, Context> contexts, Map<String, String> globals) {
        this.contexts = contexts;
        this.globals = globals;
    }

    static Dialplan of(AsteriskConfFile conf) {
        Map<String, Context> contexts = new LinkedHashMap<>();
        Map<String, String> globals = new LinkedHashMap<>();
        for (AsteriskConfFile.Section section : conf.sections()) {
            if (section.name().equals("general")) {
                continue;
            }
            if (section.name().equals("globals")) {
                section.entries().forEach(e -> globals.put(e.key(), e.value()));
                continue;
            }
            if (contexts.containsKey(section.name())) {
                throw new AssertionError(conf.fileName() + ":" + section.line() + ": context [" + section.name() + "] defined twice");
            }
            contexts.put(section.name(), context(conf.fileName(), section));
        }
        return new Dialplan(contexts, globals);
    }

    private static Context context(String fileName, AsteriskConfFile.Section section) {
        List<Extension> extensions = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        List<Step> current = null;
        for (AsteriskConfFile.Entry e : section.entries()) {
            switch (e.key()) {
                case "include" -> includes.add(e.value());
                case "exten" -> {
                    String[] parts = e.value().split(",", 3);
                    if (parts.length < 3) {
                        throw new AssertionError(fileName + ":" + e.line() + ": exten needs name,priority,application");
                    }
                    current = new ArrayList<>();
                    current.add(step(fileName, parts[1], parts[2], e.line()));
                    extensions.add(new Extension(parts[0].strip(), current));
                }
                case "same" -> {
                    if (current == null) {
                        throw new AssertionError(fileName + ":" + e.line() + ": 'same' before any 'exten'");
                    }
                    String[] parts = e.value().split(",", 2);
                    if (parts.length < 2) {
                        throw new AssertionError(fileName + ":" + e.line() + ": same needs priority,application");
                    }
                    current.add(step(fileName, parts[0], parts[1], e.line()));
                }
                default -> throw new AssertionError(fileName + ":" + e.line() + ": unexpected key '" + e.key() + "' in a context");
            }
        }
        return new Context(section.name(), List.copyOf(extensions), List.copyOf(includes));
    }

    private static Step step(String fileName, String priority, String call, int line) {
        String c = call.strip();
        int open = c.indexOf('(');
        if (open < 0 || !c.endsWith(")")) {
            throw new AssertionError(fileName + ":" + line + ": expected Application(arguments): " + c);
        }
        return new Step(priority.strip(), c.substring(0, open), c.substring(open + 1, c.length() - 1), line);
    }

    Map<String, Context> contexts() {
        return contexts;
    }

    Optional<Context> context(String name) {
        return Optional.ofNullable(contexts.get(name));
    }

    String global(String name) {
        String value = globals.get(name);
        if (value == null) {
            throw new AssertionError("[globals] has no " + name);
        }
        return value;
    }

    /** The extension a call to {@code dialled} in {@code context} runs (own extensions first, then includes). */
    Optional<Extension> find(String context, String dialled) {
        Context c = contexts.get(context);
        if (c == null) {
            return Optional.empty();
        }
        for (Extension e : c.extensions()) {
            if (e.matches(dialled)) {
                return Optional.of(e);
            }
        }
        for (String included : c.includes()) {
            Optional<Extension> found = find(included, dialled);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Every step of every context, for checks that look at all applications of one kind. */
    List<Step> allSteps() {
        return contexts.values().stream()
                .flatMap(c -> c.extensions().stream())
                .flatMap(e -> e.steps().stream())
                .toList();
    }

    /** Asterisk extension matching: exact, or {@code _} pattern with X, Z, N, [set], . and !. */
    static boolean matches(String extension, String dialled) {
        if (!extension.startsWith("_")) {
            return extension.equals(dialled);
        }
        return matchPattern(extension.substring(1), 0, dialled, 0);
    }

    private static boolean matchPattern(String p, int pi, String s, int si) {
        if (pi == p.length()) {
            return si == s.length();
        }
        char c = p.charAt(pi);
        if (c == '.' || c == '!') {
            int min = c == '.' ? 1 : 0;
            return s.length() - si >= min;
        }
        if (si == s.length()) {
            return false;
        }
        char d = s.charAt(si);
        if (c == '[') {
            int close = p.indexOf(']', pi);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated [ in pattern _" + p);
            }
            return inSet(p.substring(pi + 1, close), d) && matchPattern(p, close + 1, s, si + 1);
        }
        boolean ok = switch (c) {
            case 'X' -> d >= '0' && d <= '9';
            case 'Z' -> d >= '1' && d <= '9';
            case 'N' -> d >= '2' && d <= '9';
            default -> c == d;
        };
        return ok && matchPattern(p, pi + 1, s, si + 1);
    }

    private static boolean inSet(String set, char d) {
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                if (d >= set.charAt(i) && d <= set.charAt(i + 2)) {
                    return true;
                }
                i += 2;
            } else if (set.charAt(i) == d) {
                return true;
            }
        }
        return false;
    }
}
