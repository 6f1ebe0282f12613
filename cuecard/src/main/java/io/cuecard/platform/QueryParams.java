package io.cuecard.platform;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters the list endpoints share, read strictly: a bad value is a 400 that says what is expected. */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number in [min, max], or 400 saying what is expected. */
    public static int whole(String name, String value, int min, int max) {
        String text = value == null ? "" : value.trim();
        long parsed;
        try {
            parsed = Long.parseLong(text);
        } catch (NumberFormatException e) {
            parsed = Long.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw new BadRequestException(name + " must be a whole number from " + min + " to " + max);
        }
        return (int) parsed;
    }

    /** ISO-8601 instant (2026-11-22T17:08:00Z) or a date (2026-11-22, midnight UTC); null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-11-22T08:00:00Z, or a date");
        }
    }
}
