package io.cuecard.script;

import com.ibm.icu.util.ChineseCalendar;
import io.cuecard.script.ScriptFormatException.FieldError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped holiday table and the checks on an edited one. */
class HolidayCalendarTest {

    private static final HolidayCalendar SHIPPED = HolidayCalendar.loadDefault();

    /**
     * 正月初一 as published (Purple Mountain Observatory / Hong Kong Observatory). ICU's ChineseCalendar computes
     * 2027-02-07 and 2030-02-02: in those years the new moon falls within minutes of midnight Beijing time, where
     * its approximation tips over; one reason the engine ships a table instead of computing the dates.
     */
    private static final Map<Integer, LocalDate> OFFICIAL_SPRING_FESTIVAL = Map.of(
            2025, LocalDate.of(2025, 1, 29), 2026, LocalDate.of(2026, 2, 17), 2027, LocalDate.of(2027, 2, 6),
            2028, LocalDate.of(2028, 1, 26), 2029, LocalDate.of(2029, 2, 13), 2030, LocalDate.of(2030, 2, 3));

    @Test
    void shipsNewYearAndTheFirstThreeDaysOfSpringFestivalFor2025To2030() {
        assertThat(SHIPPED.holidays()).hasSize(12);
        for (int year = 2025; year <= 2030; year++) {
            assertThat(SHIPPED.holidayOn(LocalDate.of(year, 1, 1))).get().extracting(HolidayCalendar.Holiday::name).isEqualTo("元旦");
            LocalDate springFestival = OFFICIAL_SPRING_FESTIVAL.get(year);
            assertThat(lunarNewYear(year)).as("ICU's astronomical calendar agrees within a day")
                    .isBetween(springFestival.minusDays(1), springFestival.plusDays(1));
            for (int day = 0; day < 3; day++) {
                assertThat(SHIPPED.holidayOn(springFestival.plusDays(day))).as(year + " day " + day).get()
                        .extracting(HolidayCalendar.Holiday::name).isEqualTo("春节");
            }
            assertThat(SHIPPED.isHoliday(springFestival.plusDays(3))).isFalse();
            assertThat(SHIPPED.isHoliday(springFestival.minusDays(1))).isFalse();
        }
        assertThat(SHIPPED.isHoliday(LocalDate.of(2026, 2, 17))).isTrue();
        assertThat(SHIPPED.isHoliday(LocalDate.of(2026, 5, 1))).isFalse();
    }

    @Test
    void writesTheTableBackAsItReadsIt() {
        HolidayCalendar reread = HolidayCalendar.load(stream(SHIPPED.toJson()));
        assertThat(reread.holidays()).isEqualTo(SHIPPED.holidays());
    }

    @Test
    void reportsEveryProblemOfAnEditedTable() {
        String broken = """
                {"holidays": [
                  {"from": "2026-02-30", "name": "春节", "nameTranslation": "Spring Festival"},
                  {"from": "2026-10-07", "to": "2026-10-01", "name": "国庆", "nameTranslation": "National Day"},
                  {"from": "2026-05-01", "name": "", "colour": "red"}
                ]}
                """;
        assertThatThrownBy(() -> HolidayCalendar.load(stream(broken)))
                .isInstanceOfSatisfying(ScriptFormatException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("holidays[0].from", "holidays[1].to",
                                "holidays[2].colour", "holidays[2].name", "holidays[2].nameTranslation"));
    }

    /** 正月初一 of {@code year}, from ICU's (astronomical) Chinese calendar. */
    private static LocalDate lunarNewYear(int year) {
        ChineseCalendar chinese = new ChineseCalendar(com.ibm.icu.util.TimeZone.getTimeZone("Asia/Shanghai"));
        chinese.setTime(Date.from(LocalDate.of(year, 6, 1).atStartOfDay().toInstant(ZoneOffset.ofHours(8))));
        chinese.set(ChineseCalendar.MONTH, 0);
        chinese.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        chinese.set(ChineseCalendar.DAY_OF_MONTH, 1);
        return chinese.getTime().toInstant().atOffset(ZoneOffset.ofHours(8)).toLocalDate();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
