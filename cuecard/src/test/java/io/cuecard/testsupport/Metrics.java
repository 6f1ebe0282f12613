package io.cuecard.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Cuecard's own {@code /q/metrics} (Prometheus text) in tests. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of an untagged sample {@code name} now; fails when absent. */
    public static double metric(String name) {
        return value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name);
    }

    /** The value of an untagged sample line {@code name value} in {@code metrics}; fails when absent. */
    public static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+|NaN)$").matcher(metrics);
        assertThat(m.find()).as("%s in /q/metrics", name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
