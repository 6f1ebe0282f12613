package io.cuecard.script;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variable syntax of script phrases: {@code {name}} where name is a letter followed by letters or digits,
 * e.g. {@code {centre}}, {@code {hotline}}, {@code {agentName}}, {@code {agentNo}}. Any other brace is plain text.
 */
public final class PhraseTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private PhraseTemplate() {
    }

    /**
     * Fills every variable that has a non-blank value in {@code values}. A variable without a value stays
     * visible as written (e.g. {@code {agentNo}}), so the agent sees what is missing instead of a gap.
     */
    public static String fill(String template, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder(template.length() + 16);
        while (matcher.find()) {
            String value = values == null ? null : values.get(matcher.group(1));
            String replacement = value == null || value.isBlank() ? matcher.group() : value;
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** The variable names used in {@code template}, in order of first use. */
    public static Set<String> variablesIn(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static boolean isVariableName(String name) {
        return name != null && VARIABLE.matcher("{" + name + "}").matches();
    }
}
