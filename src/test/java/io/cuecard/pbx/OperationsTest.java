package io.cuecard.pbx;

import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What an operator watches: health groups, metrics, the API description. */
@QuarkusTest
class OperationsTest {

    @Test
    void livenessAndReadinessAreAboutServingHttp() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void thePbxHealthGroupReportsTheAmiLinkAndTheDatabase() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/group/pbx").then().statusCode(200)
                        .body("checks[0].data.ami", equalTo("CONNECTED"))
                        .body("checks[0].data.database", equalTo("UP")));
    }

    @Test
    void metricsCoverTheLinkCallsAndConsoles() {
        supervisor().get("/q/metrics").then().statusCode(200)
                .body(containsString("cuecard_ami_connected"))
                .body(containsString("cuecard_ami_events_total"))
                .body(containsString("cuecard_ami_reconnects_total"))
                .body(containsString("cuecard_calls_live"))
                .body(containsString("cuecard_calls_queue"))
                .body(containsString("cuecard_console_connected"));
    }

    @Test
    void theApiIsDescribed() {
        supervisor().get("/q/openapi").then().statusCode(200).body(containsString("/api/calls/{id}"));
    }
}
