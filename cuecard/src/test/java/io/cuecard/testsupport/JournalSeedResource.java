package io.cuecard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Before Cuecard starts, leaves a call log journal behind as a stop (or crash) with the database down would: the
 * directory {@code dir} is emptied and gets one segment with call {@link #CALL_ID} (versions 1 to 3, the last one
 * ended) and a torn last line.
 */
public class JournalSeedResource implements QuarkusTestResourceLifecycleManager {

    public static final String CALL_ID = "journal-seed-1";

    private Path dir;

    @Override
    public void init(Map<String, String> initArgs) {
        dir = Path.of(initArgs.get("dir"));
    }

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            var json = TestCalls.json();
            String text = json.writeValueAsString(TestCalls.call(CALL_ID, 1, true)) + "\n"
                    + json.writeValueAsString(TestCalls.call(CALL_ID, 3, false)) + "\n"
                    + json.writeValueAsString(TestCalls.call(CALL_ID, 2, true)) + "\n"
                    + "{\"id\":\"journal-seed-2\",\"direc";
            Files.writeString(dir.resolve("calls-000000000000.jsonl"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
