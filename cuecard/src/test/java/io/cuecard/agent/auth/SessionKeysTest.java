package io.cuecard.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which key signs the session cookies: a configured one of at least 32 characters, else one kept in the database. */
class SessionKeysTest {

    @Test
    void aConfiguredKeyShorterThan32CharactersStopsTheStart() {
        String shortKey = "x".repeat(31);
        assertThatThrownBy(() -> SessionKeys.resolve(Optional.of(shortKey), candidate -> candidate))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CUECARD_SESSION_KEY")
                .hasMessageContaining("31 characters")
                .hasMessageContaining("at least 32")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(shortKey));
        // the old demo key of application.properties (34 characters, but public) is no different from any other
        // configured key; what matters is that nothing in the source configures one (NoSessionKeyInSourceTest)
    }

    @Test
    void aConfiguredKeyOf32OrMoreCharactersIsUsedAsIs() {
        String key = "0123456789abcdef0123456789abcdef";
        byte[] resolved = SessionKeys.resolve(Optional.of(key), candidate -> {
            throw new AssertionError("the database is not asked when a key is configured");
        });
        assertThat(resolved).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAConfiguredKeyTheStoredOneIsUsedAndTheFirstStartStoresARandomOne() {
        AtomicReference<String> stored = new AtomicReference<>();
        byte[] first = SessionKeys.resolve(Optional.empty(), candidate -> {
            stored.compareAndSet(null, candidate);
            return stored.get();
        });
        assertThat(first).hasSize(32);
        byte[] second = SessionKeys.resolve(Optional.empty(), candidate -> {
            stored.compareAndSet(null, candidate);
            return stored.get();
        });
        assertThat(second).as("a second instance or a restart gets the stored key").isEqualTo(first);
        assertThat(Base64.getDecoder().decode(stored.get())).isEqualTo(first);

        byte[] elsewhere = SessionKeys.resolve(Optional.empty(), candidate -> candidate);
        assertThat(elsewhere).as("another database: another random key").isNotEqualTo(first);
    }

    @Test
    void aCookieSignedWithAnotherKeyIsRefused() {
        SessionTokens ours = new SessionTokens("k".repeat(32).getBytes(StandardCharsets.UTF_8));
        SessionTokens theirs = new SessionTokens("cuecard-demo-session-key-change-me".getBytes(StandardCharsets.UTF_8));
        String token = ours.newToken();
        assertThat(ours.verify(ours.cookieValue(token))).isEqualTo(token);
        assertThat(ours.verify(theirs.cookieValue(token))).isNull();
        assertThat(ours.verify(token)).isNull();
        assertThat(ours.verify(token + ".")).isNull();
        assertThat(ours.verify("")).isNull();
        assertThat(SessionTokens.idOf(token)).hasSize(64).doesNotContain(token);
    }
}
