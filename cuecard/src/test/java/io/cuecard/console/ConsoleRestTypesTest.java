package io.cuecard.console;

import static io.cuecard.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.console.GeneratedTypeScript.Member;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The console's TypeScript declarations of the REST answers and bodies it uses
 * ({@code console-ui/src/generated/rest.ts}) are generated from the server's API description ({@code /q/openapi}),
 * which smallrye-openapi builds from the resources' records: this test generates them and fails when the committed
 * file differs (run it with {@code CUECARD_REGENERATE=1} to write the new file, then build the console:
 * {@code console-ui/src/wireCheck.ts} checks the console's own types against the generated ones, so a field the
 * console needs that the server renamed or dropped fails {@code tsc}). The other tests check that the description is
 * the real shape (every member of the answers is a property of its schema, and the other way round) and that the
 * operations are those {@code console-ui/src/api.ts} calls.
 *
 * <p>A property the schema lists as {@code required} is {@code name: Type}; any other is {@code name?: Type | null}
 * (the description does not say whether a member may be null: the records mark with {@code @Schema(required = true)}
 * the members that are always there and never null).
 */
@QuarkusTest
class ConsoleRestTypesTest {

    static final Path GENERATED = Path.of("console-ui", "src", "generated", "rest.ts");

    /** Every operation the console calls ({@code console-ui/src/api.ts}) whose bodies the description gives. */
    static final List<String> CONSOLE_OPERATIONS = List.of(
            "GET /api/me",
            "PUT /api/me/language",
            "PUT /api/me/password",
            "POST /api/logout",
            "GET /api/users/{username}/sessions",
            "DELETE /api/users/{username}/sessions",
            "DELETE /api/sessions/{id}",
            "GET /api/calls",
            "GET /api/calls/{id}",
            "GET /api/agents",
            "POST /api/agents",
            "PUT /api/agents/{username}",
            "DELETE /api/agents/{username}",
            "GET /api/note-templates",
            "GET /api/scripts",
            "GET /api/scripts/{id}/versions");

    /** The operations of api.ts whose bodies are a script in the script format, which the description leaves as text. */
    static final List<String> SCRIPT_FORMAT_OPERATIONS = List.of(
            "GET /api/scripts/{id}",
            "GET /api/scripts/{id}/versions/{version}",
            "PUT /api/scripts/{id}",
            "POST /api/scripts");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BuiltInPbx pbx;

    @Test
    void theGeneratedDeclarationsAreTheServersSchemas() throws IOException {
        GeneratedTypeScript.writeOrCompare(GENERATED, new Generator(description()).generate(), "ConsoleRestTypesTest",
                "the server's /q/openapi");
    }

    @Test
    void theOperationsAreThoseOfTheConsolesApi() throws IOException {
        // api.ts names each operation at the start of its function's comment: "/** GET /api/me: who is logged in. */"
        Matcher named = Pattern.compile("(?m)^\\s*(?:/\\*\\*|\\*)\\s+((?:GET|PUT|POST|DELETE) /api/[^\\s:.,]*)")
                .matcher(Files.readString(Path.of("console-ui", "src", "api.ts")));
        Set<String> called = new HashSet<>();
        while (named.find()) {
            called.add(named.group(1));
        }
        Set<String> listed = new HashSet<>(CONSOLE_OPERATIONS);
        listed.addAll(SCRIPT_FORMAT_OPERATIONS);
        assertThat(called).as("the operations console-ui/src/api.ts calls are CONSOLE_OPERATIONS (or SCRIPT_FORMAT_OPERATIONS)")
                .isEqualTo(listed);
    }

    @Test
    void theSchemasAreTheRealAnswers() throws IOException {
        JsonNode description = description();
        String abandoned = pbx.simulator(PbxSimulator.class).inboundCall("+4930300077", "service").abandon().linkedid();
        await().atMost(Duration.ofSeconds(15)).until(() -> as("supervisor").get("/api/calls/{id}", abandoned).statusCode() == 200);
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("GET /api/me", "/api/me");
        answers.put("GET /api/agents", "/api/agents");
        answers.put("GET /api/calls", "/api/calls?size=20");
        answers.put("GET /api/calls/{id}", "/api/calls/" + abandoned);
        answers.put("GET /api/note-templates", "/api/note-templates");
        answers.put("GET /api/scripts", "/api/scripts");
        answers.put("GET /api/scripts/{id}/versions", "/api/scripts/inbound.en/versions");
        for (var answer : answers.entrySet()) {
            JsonNode body = JSON.readTree(as("admin").get(answer.getValue()).then().statusCode(200).extract().asString());
            compare(description, answer.getKey(), response(operation(description, answer.getKey())), body);
        }
    }

    /** Every member of {@code value} is a property of {@code schema}, and every property a member, all the way down. */
    private static void compare(JsonNode description, String where, JsonNode schema, JsonNode value) {
        JsonNode resolved = resolve(description, schema);
        if (value.isArray() && resolved.has("items")) {
            value.forEach(item -> compare(description, where + "[]", resolved.get("items"), item));
        } else if (value.isObject() && resolved.has("properties")) {
            Set<String> members = new HashSet<>();
            value.fieldNames().forEachRemaining(members::add);
            Set<String> properties = new HashSet<>();
            resolved.get("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(members).as("the members of %s are the properties of its schema", where).isEqualTo(properties);
            resolved.get("properties").fields().forEachRemaining(p -> {
                if (value.hasNonNull(p.getKey())) {
                    compare(description, where + "." + p.getKey(), p.getValue(), value.get(p.getKey()));
                }
            });
        }
    }

    private static JsonNode description() throws IOException {
        return JSON.readTree(as("agent1").get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    private static JsonNode operation(JsonNode description, String operation) {
        String[] methodAndPath = operation.split(" ", 2);
        JsonNode found = description.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
        assertThat(found.isObject()).as("the console calls %s: the server's API description has it", operation).isTrue();
        return found;
    }

    /** The schema of the operation's answer (missing: no body). */
    private static JsonNode response(JsonNode operation) {
        for (String status : List.of("200", "201")) {
            JsonNode schema = operation.path("responses").path(status).path("content").path("application/json").path("schema");
            if (!schema.isMissingNode() && !schema.isEmpty()) {
                return schema;
            }
        }
        return operation.path("nothing");
    }

    private static JsonNode resolve(JsonNode description, JsonNode schema) {
        return schema.has("$ref") ? description.at("/components/schemas/" + refName(schema)) : schema;
    }

    private static String refName(JsonNode schema) {
        String ref = schema.get("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    // --- the generator ----------------------------------------------------------------------------------------

    /** TypeScript from the API description: the console's operations, and the component schemas they use. */
    private static final class Generator {

        private final JsonNode description;
        private final Map<String, String> declarations = new LinkedHashMap<>();

        Generator(JsonNode description) {
            this.description = description;
        }

        String generate() {
            List<Member> responses = new ArrayList<>();
            List<Member> requests = new ArrayList<>();
            for (String name : CONSOLE_OPERATIONS) {
                JsonNode operation = operation(description, name);
                JsonNode answer = response(operation);
                responses.add(new Member("'" + name + "'", false, answer.isMissingNode() ? "void" : ts(answer)));
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                if (!body.isMissingNode()) {
                    requests.add(new Member("'" + name + "'", false, ts(body)));
                }
            }
            StringBuilder out = new StringBuilder();
            out.append("// Generated by ConsoleRestTypesTest from the server's /q/openapi: do not edit.\n");
            out.append("// The REST answers and bodies the console uses. A member the server may leave out or set to null is `name?: T | null`.\n\n");
            declarations.values().forEach(d -> out.append(d).append('\n'));
            out.append("/** The answer of each operation the console calls (void: no JSON body). */\n");
            out.append(GeneratedTypeScript.declaration("Responses", responses)).append('\n');
            out.append("/** The JSON body of each operation the console calls that takes one. */\n");
            out.append(GeneratedTypeScript.declaration("Requests", requests));
            return out.toString();
        }

        private String ts(JsonNode schema) {
            if (schema.has("$ref")) {
                return declare(refName(schema));
            }
            if (schema.has("enum")) {
                return GeneratedTypeScript.literals(StreamSupport.stream(schema.get("enum").spliterator(), false).map(JsonNode::asText).toList());
            }
            List<String> types = new ArrayList<>();
            if (schema.path("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else if (schema.has("type")) {
                types.add(schema.get("type").asText());
            }
            if (types.isEmpty()) {
                return "unknown";
            }
            return types.stream().map(t -> ts(t, schema)).collect(Collectors.joining(" | "));
        }

        private String ts(String type, JsonNode schema) {
            return switch (type) {
                case "string" -> "string";
                case "integer", "number" -> "number";
                case "boolean" -> "boolean";
                case "null" -> "null";
                case "array" -> GeneratedTypeScript.element(ts(schema.path("items"))) + "[]";
                case "object" -> schema.has("properties") ? inline(members(schema))
                        : "Record<string, " + (schema.has("additionalProperties") ? ts(schema.get("additionalProperties")) : "unknown") + ">";
                default -> throw new IllegalStateException("No TypeScript type for the schema type " + type);
            };
        }

        /** A component schema: an object is declared (once) as an interface, an enum as a type; others are inlined. */
        private String declare(String name) {
            JsonNode schema = description.path("components").path("schemas").path(name);
            assertThat(schema.isObject()).as("the API description has the schema %s", name).isTrue();
            boolean object = schema.has("properties");
            if (!object && !schema.has("enum")) {
                return ts(schema); // Instant, OffsetDateTime: strings
            }
            if (!declarations.containsKey(name)) {
                declarations.put(name, ""); // reserves the name while the members are worked out
                declarations.put(name, object ? GeneratedTypeScript.declaration(name, members(schema))
                        : "export type " + name + " = " + ts(schema) + ";\n");
            }
            return name;
        }

        private List<Member> members(JsonNode schema) {
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            List<Member> members = new ArrayList<>();
            schema.get("properties").fields().forEachRemaining(p -> {
                String ts = ts(p.getValue());
                boolean present = required.contains(p.getKey());
                members.add(new Member(p.getKey(), !present, present || ts.equals("unknown") ? ts : ts + " | null"));
            });
            return members;
        }

        private static String inline(List<Member> members) {
            return members.stream().map(m -> m.name() + (m.optional() ? "?: " : ": ") + m.tsType())
                    .collect(Collectors.joining("; ", "{ ", " }"));
        }
    }
}
