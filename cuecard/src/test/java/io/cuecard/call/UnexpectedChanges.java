package io.cuecard.call;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** Collects the tracker's "Unexpected … change" log lines (stage or transfer) with their parameters, for the table tests. */
final class UnexpectedChanges {

    private UnexpectedChanges() {
    }

    /** A handler adding every record whose message contains {@code marker} (with its parameters) to {@code into}. */
    static Handler capture(String marker, List<String> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage() == null ? "" : record.getMessage();
                if (message.contains(marker)) {
                    into.add(message + " " + java.util.Arrays.toString(record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
