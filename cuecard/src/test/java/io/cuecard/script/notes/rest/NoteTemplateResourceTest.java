package io.cuecard.script.notes.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/note-templates: the 18 templates of source-001 appendix 1 for every signed-in user, in the shape of issue 3. */
@QuarkusTest
class NoteTemplateResourceTest {

    @Test
    void anAgentGetsEveryTemplateWithItsFields() {
        JsonPath body = given().auth().preemptive().basic("agent1", "agent1")
                .get("/api/note-templates")
                .then().statusCode(200).contentType("application/json")
                .body("$", hasSize(18))
                .extract().jsonPath();

        assertThat(body.getList("findAll { it.kind == 'consulting' }")).hasSize(8);
        assertThat(body.getList("findAll { it.kind == 'rescue' }")).hasSize(1);
        assertThat(body.getList("findAll { it.kind == 'complaint' }")).hasSize(9);

        Map<String, Object> attitude = body.getMap("find { it.id == 'complaint-service-attitude' }");
        assertThat(attitude).containsOnlyKeys("id", "kind", "name", "fields", "sentence", "translation");
        assertThat(attitude.get("name")).isEqualTo(Map.of("zh-CN", "投诉服务态度差", "en", "Complaint: poor service attitude"));
        assertThat((String) attitude.get("sentence")).startsWith("{region}{brand}客户于{purchaseDate}购车").endsWith("({serialNumber},{plateNumber})");
        List<Map<String, Object>> fields = body.getList("find { it.id == 'complaint-service-attitude' }.fields");
        assertThat(fields).contains(Map.of("id", "plateNumber", "label", Map.of("zh-CN", "车牌号码", "en", "Plate number"), "required", true));
        assertThat(fields.get(0)).containsOnlyKeys("id", "label", "required");
    }

    @Test
    void everyComplaintRequiresSerialAndPlateNumbers() {
        List<List<String>> required = given().auth().preemptive().basic("agent1", "agent1").get("/api/note-templates")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.kind == 'complaint' }.collect { t -> t.fields.findAll { it.required }.id }");

        assertThat(required).hasSize(9).allSatisfy(ids -> assertThat(ids).contains("serialNumber", "plateNumber"));
    }

    @Test
    void withoutLoginTheTemplatesAreRefused() {
        // Form login is on as well: an anonymous request is sent to the login page (302) or refused (401).
        assertThat(given().redirects().follow(false).get("/api/note-templates").statusCode()).isIn(302, 401);
        given().auth().preemptive().basic("agent1", "wrong").get("/api/note-templates").then().statusCode(401);
    }

    @Test
    void supervisorsGetThemToo() {
        given().auth().preemptive().basic("supervisor", "supervisor").get("/api/note-templates")
                .then().statusCode(200).body("[0].id", equalTo("consulting-service-provider"));
    }
}
