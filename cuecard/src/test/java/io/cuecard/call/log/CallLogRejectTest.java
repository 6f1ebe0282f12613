package io.cuecard.call.log;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuecard.call.CallView;
import io.cuecard.call.Direction;
import io.cuecard.call.Stage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call the database refuses as data is set aside; it never blocks the calls written with it or after it. */
@QuarkusTest
class CallLogRejectTest {

    @Inject
    CallLogWriter writer;

    static CallView call(String id, List<String> agents) {
        Instant now = Instant.now();
        return new CallView(id, Direction.INBOUND, "+4930999", "service", null, agents, null, now, now, now, 0L, 0L, 0, 0,
                List.of(), false, "answered", "customer", Stage.ENDED, null, List.of(), List.of(), List.of(),
                new CallView.Consent(null, null), false, false, false, null, 1);
    }

    @Test
    void oneRefusedCallDoesNotBlockTheOthers() {
        long before = writer.rejectedTotal();
        writer.write(call("reject-test.1", List.of("agent1")));
        writer.write(call("reject-test.2", List.of("x".repeat(100))));   // too long for varchar(64)[]
        writer.write(call("reject-test.3", List.of("agent2")));
        assertThat(writer.awaitDrained(10_000)).isTrue();
        supervisor().get("/api/calls/{id}", "reject-test.1").then().statusCode(200);
        supervisor().get("/api/calls/{id}", "reject-test.3").then().statusCode(200);
        supervisor().get("/api/calls/{id}", "reject-test.2").then().statusCode(404);
        assertThat(writer.rejectedTotal()).isEqualTo(before + 1);

        writer.write(call("reject-test.4", List.of("agent1")));
        assertThat(writer.awaitDrained(10_000)).isTrue();
        supervisor().get("/api/calls/{id}", "reject-test.4").then().statusCode(200);
    }
}
