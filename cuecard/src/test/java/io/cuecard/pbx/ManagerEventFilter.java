package io.cuecard.pbx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The legacy {@code eventfilter} lines of a manager.conf user, applied the way Asterisk 20 and 22 apply them
 * ({@code should_send_event} in main/manager.c): each filter is an unanchored POSIX extended regular expression
 * matched against the whole event text ({@code Event: ...\r\nPrivilege: ...\r\n...}); a leading {@code !}
 * makes it an exclude filter. No filters: everything passes. Include filters only: an event passes when one
 * matches. Exclude filters only: an event passes when none matches. Both: it must match an include filter
 * and no exclude filter.
 *
 * <p>The POSIX expressions are translated to {@link java.util.regex}; the translation accepts the subset
 * Cuecard's filters use (bracket expressions with {@code [:class:]} names, groups, alternation,
 * {@code ^ . * + ?}) and rejects backslashes, whose meaning differs between the two dialects.
 */
final class ManagerEventFilter {

    private static final Map<String, String> POSIX_CLASSES = Map.of(
            "space", "\\s", "alpha", "\\p{Alpha}", "digit", "\\d", "alnum", "\\p{Alnum}",
            "upper", "\\p{Upper}", "lower", "\\p{Lower}", "punct", "\\p{Punct}");

    private final List<Pattern> include = new ArrayList<>();
    private final List<Pattern> exclude = new ArrayList<>();

    ManagerEventFilter(List<String> filterValues) {
        for (String value : filterValues) {
            if (value.isEmpty() || value.equals("!")) {
                throw new IllegalArgumentException("empty event filter");
            }
            boolean isExclude = value.startsWith("!");
            Pattern pattern = Pattern.compile(toJavaRegex(isExclude ? value.substring(1) : value), Pattern.DOTALL);
            (isExclude ? exclude : include).add(pattern);
        }
    }

    boolean passes(String eventText) {
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(eventText).find());
        return included && exclude.stream().noneMatch(p -> p.matcher(eventText).find());
    }

    /** Translates a POSIX extended regular expression (the subset described above) to Java syntax. */
    static String toJavaRegex(String posix) {
        StringBuilder out = new StringBuilder(posix.length() + 16);
        int i = 0;
        while (i < posix.length()) {
            char c = posix.charAt(i);
            if (c == '\\') {
                throw new IllegalArgumentException("backslash in a POSIX event filter is not portable: " + posix);
            }
            if (c == '[') {
                i = translateBracket(posix, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the bracket expression starting at {@code start}; returns the index after its closing bracket. */
    private static int translateBracket(String posix, int start, StringBuilder out) {
        int i = start + 1;
        out.append('[');
        if (i < posix.length() && posix.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < posix.length()) {
            char c = posix.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                return i + 1;
            }
            first = false;
            if (c == '[' && i + 1 < posix.length() && posix.charAt(i + 1) == ':') {
                int end = posix.indexOf(":]", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated character class in " + posix);
                }
                String name = posix.substring(i + 2, end);
                String javaClass = POSIX_CLASSES.get(name);
                if (javaClass == null) {
                    throw new IllegalArgumentException("unsupported character class [:" + name + ":] in " + posix);
                }
                out.append(javaClass);
                i = end + 2;
            } else if (c == '[' && i + 1 < posix.length() && (posix.charAt(i + 1) == '=' || posix.charAt(i + 1) == '.')) {
                throw new IllegalArgumentException("collating elements are not supported: " + posix);
            } else {
                if (c == '[' || c == '&' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated bracket expression in " + posix);
    }
}
