package io.cuecard.platform;

import static io.cuecard.TestUsers.as;
import static io.cuecard.TestUsers.supervisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit log: logins, failed logins, user changes and script saves leave a row each (who, what, when, from
 * where); admins read it through {@code GET /api/audit}; no row holds a password.
 */
@QuarkusTest
class AuditTest {

    static final String FIRST = "audit-first-password";
    static final String SECOND = "audit-second-password";
    static final String WRONG = "audit-wrong-password";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void loginsFailuresUserChangesAndScriptSavesAreAuditedWithoutPasswords() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        as("admin").delete("/api/agents/audit-user");
        as("admin").contentType("application/json")
                .body("{\"username\":\"audit-user\",\"password\":\"" + FIRST + "\",\"roles\":[\"agent\"]}")
                .post("/api/agents").then().statusCode(201);
        given().redirects().follow(false).formParam("j_username", "audit-user").formParam("j_password", FIRST)
                .post("/j_security_check").then().statusCode(302).header("Location", "/");
        given().redirects().follow(false).formParam("j_username", "audit-user").formParam("j_password", WRONG)
                .post("/j_security_check").then().statusCode(302).header("Location", "/login.html?error");
        given().auth().preemptive().basic("audit-user", WRONG).get("/api/me").then().statusCode(401);
        as("admin").contentType("application/json").body("{\"password\":\"" + SECOND + "\",\"roles\":[\"agent\",\"supervisor\"]}")
                .put("/api/agents/audit-user").then().statusCode(200);

        String id = supervisor().get("/api/scripts").then().statusCode(200).extract().path("[0].id");
        String script = supervisor().get("/api/scripts/{id}", id).then().statusCode(200).extract().asString();
        int version = supervisor().contentType("application/json").body(script).put("/api/scripts/{id}", id)
                .then().statusCode(200).extract().path("version");
        as("admin").delete("/api/agents/audit-user").then().statusCode(204);

        JsonPath log = as("admin").get("/api/audit?from={from}&size=500", start.toString()).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = log.getList("items");
        assertThat(items).anySatisfy(e -> assertThat(e).containsEntry("action", "user.created").containsEntry("actor", "admin")
                .containsEntry("target", "audit-user"));
        assertThat(items).anySatisfy(e -> assertThat(e).containsEntry("action", "login").containsEntry("actor", "audit-user")
                .containsEntry("address", "127.0.0.1"));
        assertThat(items).filteredOn(e -> "login.failed".equals(e.get("action")) && "audit-user".equals(e.get("target")))
                .extracting(e -> String.valueOf(((Map<?, ?>) e.get("detail")).get("method"))).contains("form", "basic");
        assertThat(items).anySatisfy(e -> assertThat(e).containsEntry("action", "user.changed").containsEntry("actor", "admin")
                .containsEntry("target", "audit-user"));
        assertThat(items).anySatisfy(e -> assertThat(e).containsEntry("action", "session.ended").containsEntry("target", "audit-user"));
        assertThat(items).anySatisfy(e -> assertThat(e).containsEntry("action", "user.deleted").containsEntry("target", "audit-user"));
        assertThat(items).anySatisfy(e -> assertThat(e).containsEntry("action", "script.saved").containsEntry("actor", "supervisor")
                .containsEntry("target", id).satisfies(s -> assertThat(((Map<?, ?>) s.get("detail")).get("version")).isEqualTo(version)));
        assertThat(items).allSatisfy(e -> assertThat(e.get("at").toString()).endsWith("Z"));

        // filters and paging
        as("admin").get("/api/audit?action=login&actor=audit-user&from={from}", start.toString()).then().statusCode(200)
                .body("items.action", everyItem(equalTo("login"))).body("total", equalTo(1));
        as("admin").get("/api/audit?action=user.changed&size=1&page=0").then().statusCode(200).body("items.size()", equalTo(1));
        as("admin").get("/api/audit?to=2000-01-01").then().statusCode(200).body("total", equalTo(0));
        as("admin").get("/api/audit?from=yesterday").then().statusCode(400).body("status", equalTo(400));
        as("supervisor").get("/api/audit").then().statusCode(403);
        as("admin").get("/api/audit?actor=audit-user").then().statusCode(200).body("items.action", hasItem("login.failed"));

        // no password anywhere, in any column of any row
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from audit")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        as("admin").delete("/api/login-throttle?username=audit-user").then().statusCode(200);
        assertThat(rows).isNotEmpty();
        for (String secret : List.of(FIRST, SECOND, WRONG, "correct-horse-battery", "first-admin-secret")) {
            assertThat(rows).as("rows holding %s", secret).noneMatch(r -> r.contains(secret));
        }
    }
}
