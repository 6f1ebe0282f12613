package io.cuecard;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The demo users seeded in simulator mode, as REST Assured requests with HTTP Basic. */
public final class TestUsers {

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    public static RequestSpecification supervisor() {
        return as("supervisor");
    }

    private TestUsers() {
    }
}
