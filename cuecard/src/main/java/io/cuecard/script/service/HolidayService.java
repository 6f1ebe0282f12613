package io.cuecard.script.service;

import io.cuecard.script.HolidayCalendar;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The holiday table (New Year, Spring Festival … — the lunar dates differ every year, so they are data): the shipped
 * table until an admin saves their own, which is kept in the settings table.
 */
@ApplicationScoped
public class HolidayService {

    static final String KEY = "holidays";

    private volatile HolidayCalendar calendar = HolidayCalendar.loadDefault();

    void onStart(@Observes @Priority(8) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            Setting saved = Setting.findById(KEY);
            if (saved != null) {
                calendar = parse(saved.value);
            }
        });
    }

    public HolidayCalendar calendar() {
        return calendar;
    }

    /** Replaces the table; the JSON is checked first (all problems at once, as a ScriptFormatException). */
    public HolidayCalendar replace(String json, String user) {
        HolidayCalendar parsed = parse(json);
        QuarkusTransaction.requiringNew().run(() -> {
            Setting row = Setting.findById(KEY);
            if (row == null) {
                row = new Setting();
                row.key = KEY;
                row.persist();
            }
            row.value = parsed.toJson();
            row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            row.updatedBy = user;
        });
        calendar = parsed;
        return parsed;
    }

    private static HolidayCalendar parse(String json) {
        return HolidayCalendar.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
