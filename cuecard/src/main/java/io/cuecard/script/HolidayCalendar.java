package io.cuecard.script;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dates on which the closing phrase gets the script's holiday greeting (祝您节日愉快). The lunar Spring
 * Festival moves every year, so the calendar is a table of dates, shipped as {@value #DEFAULT_RESOURCE}
 * (New Year's Day and the first three days of Spring Festival, 2025–2030) and editable by admins:
 * {@link #load(InputStream)} reads and checks an edited table, {@link #toJson()} writes it back.
 *
 * <pre>{"holidays": [{"from": "2026-02-17", "to": "2026-02-19", "name": "春节", "nameTranslation": "Spring Festival"}]}</pre>
 */
public final class HolidayCalendar {

    /** Classpath location of the shipped table. */
    public static final String DEFAULT_RESOURCE = "/script/holidays.json";

    /** One holiday: every date from {@code from} to {@code to}, both included. */
    public record Holiday(LocalDate from, LocalDate to, String name, String nameTranslation) {
        public Holiday {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(nameTranslation, "nameTranslation");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("holiday " + name + " ends before it starts");
            }
        }

        /** Whether {@code date} falls within this holiday. */
        public boolean includes(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Holiday> holidays;

    public HolidayCalendar(List<Holiday> holidays) {
        this.holidays = List.copyOf(holidays);
    }

    /** A calendar without holidays. */
    public static HolidayCalendar none() {
        return new HolidayCalendar(List.of());
    }

    /** The shipped table ({@value #DEFAULT_RESOURCE}). */
    public static HolidayCalendar loadDefault() {
        try (InputStream in = HolidayCalendar.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("holiday table " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks a holiday table (JSON). The caller closes the stream.
     *
     * @throws ScriptFormatException listing every problem, field by field (e.g. {@code holidays[2].to})
     */
    public static HolidayCalendar load(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ScriptFormatException("", "not valid JSON: " + e.getMessage(), e);
        }
        List<ScriptFormatException.FieldError> errors = new ArrayList<>();
        List<Holiday> holidays = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ScriptFormatException("", "must be a JSON object with \"holidays\"");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("holidays")) {
                errors.add(new ScriptFormatException.FieldError(name, "unknown field (expected holidays)"));
            }
        }
        JsonNode list = root.get("holidays");
        if (list == null || !list.isArray()) {
            errors.add(new ScriptFormatException.FieldError("holidays", "must be an array"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                Holiday holiday = readHoliday(list.get(i), "holidays[" + i + "]", errors);
                if (holiday != null) {
                    holidays.add(holiday);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ScriptFormatException(errors);
        }
        return new HolidayCalendar(holidays);
    }

    private static Holiday readHoliday(JsonNode node, String path, List<ScriptFormatException.FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new ScriptFormatException.FieldError(path, "must be an object"));
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("from", "to", "name", "nameTranslation").contains(name)) {
                errors.add(new ScriptFormatException.FieldError(path + "." + name,
                        "unknown field (expected one of from, to, name, nameTranslation)"));
            }
        }
        LocalDate from = date(node, path, "from", errors);
        LocalDate to = node.hasNonNull("to") ? date(node, path, "to", errors) : from;
        String name = text(node, path, "name", errors);
        String translation = text(node, path, "nameTranslation", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new ScriptFormatException.FieldError(path + ".to", "must not be before 'from' (" + from + ")"));
        }
        return errors.size() == before ? new Holiday(from, to, name, translation) : null;
    }

    private static LocalDate date(JsonNode node, String path, String field, List<ScriptFormatException.FieldError> errors) {
        String value = text(node, path, field, errors);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new ScriptFormatException.FieldError(path + "." + field, "'" + value + "' is not a date (yyyy-mm-dd)"));
            return null;
        }
    }

    private static String text(JsonNode node, String path, String field, List<ScriptFormatException.FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new ScriptFormatException.FieldError(path + "." + field, "missing"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new ScriptFormatException.FieldError(path + "." + field, "must be a non-blank string"));
            return null;
        }
        return value.asText();
    }

    /** The holidays in table order. */
    public List<Holiday> holidays() {
        return holidays;
    }

    /** The holiday {@code date} falls in, if any. */
    public Optional<Holiday> holidayOn(LocalDate date) {
        return holidays.stream().filter(holiday -> holiday.includes(date)).findFirst();
    }

    /** Whether {@code date} is a holiday. */
    public boolean isHoliday(LocalDate date) {
        return holidayOn(date).isPresent();
    }

    /** The table as JSON, in the format {@link #load(InputStream)} reads. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("holidays");
        for (Holiday holiday : holidays) {
            ObjectNode node = list.addObject();
            node.put("from", holiday.from().toString());
            node.put("to", holiday.to().toString());
            node.put("name", holiday.name());
            node.put("nameTranslation", holiday.nameTranslation());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
