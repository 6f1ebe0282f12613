package io.cuecard.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
import io.cuecard.call.Stage;
import java.time.Instant;
import java.util.List;

/** Ready-made {@link CallView}s for tests that do not run a call through the tracker, and JSON as Quarkus writes it. */
public final class TestCalls {

    /** An answered inbound call of agent1, ended ({@code endedAt} set) unless {@code live}. */
    public static CallView call(String id, long version, boolean live) {
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        return new CallView(id, Direction.INBOUND, "+4930" + version, "service", null, List.of("agent1"), null,
                start, start.plusSeconds(5), live ? null : start.plusSeconds(65), 5L, live ? null : 60L, 0, 0, List.of(),
                false, live ? null : "answered", live ? null : "customer", live ? Stage.CONVERSATION : Stage.ENDED, "agent1",
                List.of(), List.of(), List.of(), null, false, false, false, null, version);
    }

    /** A mapper configured like Quarkus' own (ISO-8601 instants, unknown properties ignored). */
    public static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private TestCalls() {
    }
}
