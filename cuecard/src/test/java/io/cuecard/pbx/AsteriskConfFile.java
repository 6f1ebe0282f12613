package io.cuecard.pbx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An Asterisk {@code .conf} file read the way Asterisk's config parser reads it, as far as the Cuecard
 * configuration uses it: {@code [section]}, {@code [section](!)} templates, {@code [section](template,...)}
 * inheritance, {@code key = value} and {@code key => value} lines, {@code ;} comments ({@code \;} is a literal
 * semicolon). Sections may share a name (pjsip.conf names an endpoint, its auth and its aor alike).
 * Anything else ({@code #include}, a line outside a section, a line without {@code =}) is rejected with its
 * file and line number.
 */
final class AsteriskConfFile {

    /** One {@code key = value} line. */
    record Entry(String key, String value, int line) {
    }

    /** One {@code [name](options)} block with its own entries (without inherited ones). */
    record Section(String name, boolean template, List<String> templates, List<Entry> entries, int line) {

        List<String> values(String key) {
            return entries.stream().filter(e -> e.key().equalsIgnoreCase(key)).map(Entry::value).toList();
        }
    }

    private final String fileName;
    private final List<Section> sections;

    private AsteriskConfFile(String fileName, List<Section> sections) {
        this.fileName = fileName;
        this.sections = List.copyOf(sections);
    }

    static AsteriskConfFile read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static AsteriskConfFile parse(String fileName, String text) {
        List<Section> sections = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        String name = null;
        boolean template = false;
        List<String> templates = List.of();
        List<Entry> entries = new ArrayList<>();
        int sectionLine = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException(fileName + ":" + lineNo + ": directives are not supported: " + line);
            }
            if (line.startsWith("[")) {
                if (name != null) {
                    sections.add(new Section(name, template, templates, entries, sectionLine));
                }
                int close = line.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(fileName + ":" + lineNo + ": unterminated section header: " + line);
                }
                name = line.substring(1, close).strip();
                sectionLine = lineNo;
                entries = new ArrayList<>();
                template = false;
                templates = new ArrayList<>();
                String rest = line.substring(close + 1).strip();
                if (!rest.isEmpty()) {
                    if (!rest.startsWith("(") || !rest.endsWith(")")) {
                        throw new IllegalArgumentException(fileName + ":" + lineNo + ": bad section options: " + rest);
                    }
                    for (String option : rest.substring(1, rest.length() - 1).split(",")) {
                        String o = option.strip();
                        if (o.equals("!")) {
                            template = true;
                        } else if (!o.isEmpty()) {
                            templates.add(o);
                        }
                    }
                }
                templates = List.copyOf(templates);
                continue;
            }
            if (name == null) {
                throw new IllegalArgumentException(fileName + ":" + lineNo + ": setting outside a section: " + line);
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(fileName + ":" + lineNo + ": expected key = value: " + line);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1);
            if (value.startsWith(">")) {
                value = value.substring(1);
            }
            entries.add(new Entry(key, value.strip(), lineNo));
        }
        if (name != null) {
            sections.add(new Section(name, template, templates, entries, sectionLine));
        }
        return new AsteriskConfFile(fileName, sections);
    }

    /**
     * Drops everything from the first {@code ;} that is not escaped, and turns {@code \;} into {@code ;} as
     * Asterisk does. Asterisk starts a block comment at {@code ;--} (not followed by a third {@code -}); such a
     * line is rejected rather than guessed at.
     */
    private static String stripComment(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                out.append(';');
                i++;
            } else if (c == ';') {
                if (line.startsWith("--", i + 1) && !line.startsWith("---", i + 1)) {
                    throw new IllegalArgumentException("block comment ';--' is not supported: " + line);
                }
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    String fileName() {
        return fileName;
    }

    List<Section> sections() {
        return sections;
    }

    /** The non-template sections with this name, in file order. */
    List<Section> sections(String name) {
        return sections.stream().filter(s -> !s.template() && s.name().equals(name)).toList();
    }

    /** The only non-template section with this name; fails when there is none or more than one. */
    Section section(String name) {
        List<Section> found = sections(name);
        if (found.size() != 1) {
            throw new AssertionError(fileName + ": expected exactly one [" + name + "], found " + found.size());
        }
        return found.get(0);
    }

    Optional<Section> findSection(String name) {
        List<Section> found = sections(name);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The section's entries after template inheritance: inherited entries first, in template order. */
    List<Entry> effectiveEntries(Section section) {
        List<Entry> out = new ArrayList<>();
        for (String templateName : section.templates()) {
            out.addAll(effectiveEntries(template(templateName, section)));
        }
        out.addAll(section.entries());
        return out;
    }

    /** The last effective value of a key (a later line overrides an earlier or inherited one). */
    Optional<String> value(Section section, String key) {
        List<Entry> entries = effectiveEntries(section);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equalsIgnoreCase(key)) {
                return Optional.of(entries.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** The non-template sections whose effective {@code type} is the given one (pjsip.conf objects). */
    List<Section> sectionsOfType(String type) {
        return sections.stream()
                .filter(s -> !s.template())
                .filter(s -> value(s, "type").map(type::equals).orElse(false))
                .toList();
    }

    Optional<Section> sectionOfType(String name, String type) {
        return sectionsOfType(type).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private Section template(String templateName, Section user) {
        List<Section> candidates = sections.stream()
                .filter(s -> s.name().equals(templateName) && s.line() < user.line())
                .toList();
        if (candidates.size() != 1) {
            throw new AssertionError(fileName + ":" + user.line() + ": template [" + templateName + "] of [" + user.name()
                    + "] must be defined once before it, found " + candidates.size());
        }
        return candidates.get(0);
    }

    /** Splits a comma-separated value into trimmed items. */
    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
