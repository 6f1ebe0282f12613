package io.cuecard.agent.auth;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which key signs the session cookies. A configured {@code cuecard.session-key} (environment
 * {@code CUECARD_SESSION_KEY}) of at least {@value #MIN_LENGTH} characters; otherwise a random 256-bit key that the
 * first instance generates and keeps in the database ({@code server_secret}), so that every instance sharing the
 * database uses the same one. There is no key in the source: a configured key that is too short stops the start.
 */
public final class SessionKeys {

    public static final int MIN_LENGTH = 32;

    static final String SECRET_NAME = "session-key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionKeys() {
    }

    /**
     * The signing key.
     *
     * @param configured {@code cuecard.session-key}, when set
     * @param stored     given a freshly generated candidate (Base64), stores it unless a key is stored already and
     *                   returns the stored one (Base64)
     * @throws ConfigurationException when the configured key is shorter than {@value #MIN_LENGTH} characters
     */
    public static byte[] resolve(Optional<String> configured, Function<String, String> stored) {
        if (configured.isPresent() && !configured.get().isEmpty()) {
            String key = configured.get();
            if (key.length() < MIN_LENGTH) {
                throw new ConfigurationException("cuecard.session-key (CUECARD_SESSION_KEY) is " + key.length()
                        + " characters long; at least " + MIN_LENGTH + " are required (e.g. `openssl rand -base64 48`),"
                        + " or leave it unset and Cuecard keeps a random key in its database");
            }
            return key.getBytes(StandardCharsets.UTF_8);
        }
        byte[] candidate = new byte[32];
        RANDOM.nextBytes(candidate);
        return Base64.getDecoder().decode(stored.apply(Base64.getEncoder().encodeToString(candidate)));
    }
}
