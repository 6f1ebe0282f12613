package io.cuecard.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No session key in the source: nothing under {@code src/main} gives {@code cuecard.session-key} a value or a default,
 * and Quarkus' form-login encryption key (whose fallback was public) is not configured at all.
 */
class NoSessionKeyInSourceTest {

    /** A value or a default for the key: {@code cuecard.session-key=x}, {@code ${cuecard.session-key:x}}, an encryption key. */
    private static final List<Pattern> DEFAULT_KEY = List.of(
            Pattern.compile("^\\s*[^#\\s]*session-key\\s*[=:]\\s*\\S", Pattern.MULTILINE),
            Pattern.compile("\\$\\{[^}]*session[-.]key[^}]*:[^}]+}", Pattern.CASE_INSENSITIVE),
            Pattern.compile("CUECARD_SESSION_KEY\\s*:-?[^}\\s]+"),
            Pattern.compile("quarkus\\.http\\.auth\\.session\\.encryption-key"),
            Pattern.compile("quarkus\\.http\\.auth\\.form\\.enabled\\s*=\\s*true"),
            Pattern.compile("session-key-change-me|demo-session-key", Pattern.CASE_INSENSITIVE),
            Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"cuecard\\.session-key\"\\s*,\\s*defaultValue"));

    @Test
    void srcMainHoldsNoSessionKey() throws IOException {
        List<String> found = new ArrayList<>();
        // every module's production sources: this one's and its siblings' (the tests run in the module's folder)
        for (Path main : List.of(Paths.get("src", "main"), Paths.get("..", "pbx-api", "src", "main"), Paths.get("..", "simulator", "src", "main"))) {
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(Files::isRegularFile).filter(NoSessionKeyInSourceTest::isText).toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    for (Pattern pattern : DEFAULT_KEY) {
                        var m = pattern.matcher(text);
                        while (m.find()) {
                            found.add(file + ": " + m.group().strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("session keys or form-auth encryption keys in src/main").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        String old = "quarkus.http.auth.session.encryption-key=${cuecard.session-key:cuecard-demo-session-key-change-me}\n";
        assertThat(DEFAULT_KEY.stream().filter(p -> p.matcher(old).find()).count()).isGreaterThanOrEqualTo(3);
        assertThat(DEFAULT_KEY.stream().anyMatch(p -> p.matcher("cuecard.session-key=abc\n").find())).isTrue();
        assertThat(DEFAULT_KEY.stream().anyMatch(p -> p.matcher("# cuecard.session-key=\n").find())).isFalse();
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".properties") || name.endsWith(".yaml") || name.endsWith(".yml")
                || name.endsWith(".sql") || name.endsWith(".json") || name.endsWith(".html") || name.endsWith(".ts");
    }
}
