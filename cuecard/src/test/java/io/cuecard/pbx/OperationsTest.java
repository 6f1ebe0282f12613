package io.cuecard.pbx;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.cuecard.testsupport.Metrics.metric;
import static io.cuecard.testsupport.Metrics.value;

import io.cuecard.console.ConsoleClient;
import io.cuecard.simulator.SimulatedCall;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an operator watches: health groups, metrics, the API description. */
@QuarkusTest
class OperationsTest {

    @Inject
    BuiltInPbx pbx;

    @TestHTTPResource("/ws/console")
    URI consoleSocket;

    @Test
    void livenessAndReadinessAreAboutServingHttp() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void thePbxHealthGroupReportsTheAmiLinkAndTheDatabaseGroupTheDatabase() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/group/pbx").then().statusCode(200)
                        .body("checks[0].data.ami", equalTo("CONNECTED"))
                        .body("checks[0].data.overload", equalTo("NONE")));
        given().get("/q/health/group/database").then().statusCode(200)
                .body("checks[0].name", equalTo("database"))
                .body("checks[0].data.database", equalTo("UP"))
                .body("checks[0].data.callLogWrites", equalTo("OK"))
                .body("checks[0].data.callLogBacklog", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        // neither group is part of liveness or readiness: a PBX or database outage takes no instance out of a balancer
        given().get("/q/health").then().statusCode(200).body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("database")));
    }

    @Test
    void metricsCoverTheLinkCallsAndConsoles() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cuecard_ami_connected"))
                .body(containsString("cuecard_ami_events_total"))
                .body(containsString("cuecard_ami_events_untranslatable_total"))
                .body(containsString("cuecard_ami_reconnects_total"))
                .body(containsString("cuecard_calls_live"))
                .body(containsString("cuecard_calls_queue"))
                .body(containsString("cuecard_console_connected"))
                .body(containsString("cuecard_calllog_backlog "))
                .body(containsString("cuecard_calllog_writes_ok "))
                .body(containsString("cuecard_ami_to_console_seconds_bucket{le="))
                .body(containsString("cuecard_ami_to_console_seconds{quantile=\"0.99\""));
    }

    /** A real call through the simulator, shown on a console: its AMI events' Timestamps become latency samples. */
    @Test
    void theAmiToConsoleLatencyIsMeasuredOnRealCalls() throws Exception {
        double before = metric("cuecard_ami_to_console_seconds_count");
        try (ConsoleClient console = new ConsoleClient(consoleSocket, "supervisor", "supervisor")) {
            console.await("snapshot", "");
            SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall("+4930300077", "service");
            String frame = console.await("call", call.linkedid());
            // the frame carries the AMI Timestamp of the event that caused it, as Asterisk wrote it
            Matcher stamp = Pattern.compile("\"pbxTimestamp\":\"(\\d{10})\\.\\d{6}\"").matcher(frame);
            assertThat(stamp.find()).as("pbxTimestamp in %s", frame).isTrue();
            assertThat(Long.parseLong(stamp.group(1))).isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            call.abandon();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(metric("cuecard_ami_to_console_seconds_count")).isGreaterThan(before));
        String text = supervisor().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(value(text, "cuecard_ami_to_console_seconds_max"))
                .as("latencies of a lightly loaded local run").isGreaterThan(0).isLessThan(5);
        assertThat(value(text, "cuecard_calllog_backlog")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theApiIsDescribed() {
        supervisor().get("/q/openapi").then().statusCode(200).body(containsString("/api/calls/{id}"));
    }
}
