package io.cuecard.platform;

import static io.cuecard.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /q/openapi} (every format) and the Swagger UI answer logged-in users only. */
@QuarkusTest
class ApiDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/openapi", "/q/openapi?format=json", "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml",
            "/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html"})
    void nobodyAnonymousReadsIt(String path) {
        Response response = given().redirects().follow(false).get(path);
        assertThat(response.statusCode()).as("anonymous GET %s", path).isIn(302, 401);
        assertThat(response.asString()).doesNotContain("/api/calls").doesNotContain("swagger-ui-bundle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/openapi", "/q/openapi.json", "/q/openapi.yaml"})
    void anAgentReadsTheDescription(String path) {
        as("agent1").get(path).then().statusCode(200).body(containsString("/api/calls/{id}"));
    }

    @Test
    void anAgentOpensTheSwaggerUi() {
        as("agent1").get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
        as("agent1").get("/q/swagger-ui/index.html").then().statusCode(200).body(containsString("swagger-ui"));
    }
}
