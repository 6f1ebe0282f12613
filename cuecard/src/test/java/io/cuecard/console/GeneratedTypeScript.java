package io.cuecard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the tests that generate the console's TypeScript declarations from the server's schemas share
 * ({@link ConsoleProtocolTypesTest}: the WebSocket frames, {@link ConsoleRestTypesTest}: the REST answers): how a
 * declaration is written, and the committed file's check. {@code CUECARD_REGENERATE=1} writes the file; otherwise a
 * committed file that differs from the generated one fails the test.
 */
final class GeneratedTypeScript {

    /** One member of a declaration: its JSON name, whether it may be absent, its TypeScript type. */
    record Member(String name, boolean optional, String tsType) {
    }

    /** {@code export interface Name { member: Type; ... }}. */
    static String declaration(String name, List<Member> members) {
        StringBuilder d = new StringBuilder("export interface ").append(name).append(" {\n");
        for (Member m : members) {
            d.append("  ").append(m.name()).append(m.optional() ? "?: " : ": ").append(m.tsType()).append(";\n");
        }
        return d.append("}\n").toString();
    }

    /** The union of string literals: {@code 'a' | 'b'}. */
    static String literals(List<?> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(" | "));
    }

    /** A type as the element of an array type ({@code (a | b)[]}, not {@code a | b[]}). */
    static String element(String ts) {
        return ts.contains("|") ? "(" + ts + ")" : ts;
    }

    /**
     * Writes {@code generated} to {@code file} when the environment has {@code CUECARD_REGENERATE}; then checks that
     * the committed file is the generated one. {@code test} names the test to run, {@code source} what it reads.
     */
    static void writeOrCompare(Path file, String generated, String test, String source) throws IOException {
        if (System.getenv("CUECARD_REGENERATE") != null) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as(file + " exists (CUECARD_REGENERATE=1 writes it)").isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as(file + " is generated from " + source + ": the server's types changed. Run CUECARD_REGENERATE=1 ./mvnw test -Dtest="
                        + test + ", build the console (npm run build: it checks the console's own types against the new file) and commit both")
                .isEqualTo(generated);
    }

    private GeneratedTypeScript() {
    }
}
