package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.junit.jupiter.api.Test;

/**
 * {@link UntranslatableEvents}: every skipped event is counted, and the WARN is rate-limited: the first at once, then
 * at most one line per window with the number skipped since the previous line and the last one's type and reason,
 * never a stack trace.
 */
class UntranslatableEventsTest {

    /** Captures what is logged under {@code category} while it runs. */
    static final class LogCapture implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger logger;
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        LogCapture(String category) {
            logger = Logger.getLogger(category);
            logger.addHandler(handler);
        }

        List<String> lines() {
            return records.stream().map(r -> r instanceof org.jboss.logmanager.ExtLogRecord e ? e.getFormattedMessage()
                    : r.getMessage()).toList();
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }

    @Test
    void everySkippedEventIsCountedAndTheWarningIsRateLimited() throws Exception {
        UntranslatableEvents skipped = new UntranslatableEvents(Duration.ofMillis(700));
        try (LogCapture log = new LogCapture(UntranslatableEvents.class.getName())) {
            skipped.skipped(new HangupEvent(this), "no Uniqueid");
            assertThat(log.lines()).as("the first one at once").singleElement().asString()
                    .startsWith("1 AMI event(s) could not be translated").contains("last: Hangup, no Uniqueid");

            for (int i = 0; i < 40; i++) {
                skipped.skipped(new HangupEvent(this), "no Uniqueid");
            }
            skipped.skipped(new BridgeEnterEvent(this), "unusable Uniqueid (65 characters)");
            assertThat(skipped.total()).isEqualTo(42);
            assertThat(log.records).as("nothing more within the window").hasSize(1);

            await().atMost(Duration.ofSeconds(5)).until(() -> log.records.size() == 2);
            assertThat(log.lines().get(1)).startsWith("41 AMI event(s) could not be translated and were skipped since the last report")
                    .contains("last: BridgeEnter, unusable Uniqueid (65 characters)")
                    .contains("cuecard_ami_events_untranslatable_total");
            Thread.sleep(1000);
            assertThat(log.records).as("no line without a new event").hasSize(2);

            skipped.skipped(new HangupEvent(this), "java.lang.IllegalStateException: " + "x".repeat(10_000));
            assertThat(log.records).as("after a quiet window: at once").hasSize(3);
            assertThat(log.lines().get(2)).startsWith("1 AMI event(s)").hasSizeLessThan(500);
            assertThat(log.records).allSatisfy(r -> {
                assertThat(r.getThrown()).as("never a stack trace").isNull();
                assertThat(r.getLevel()).isEqualTo(org.jboss.logmanager.Level.WARN);
            });
            assertThat(skipped.total()).isEqualTo(43);
        }
    }
}
