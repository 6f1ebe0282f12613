package io.cuecard.agent.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the session cookie: a random 256-bit token and its HMAC-SHA256 under the session key, both
 * Base64url ({@code token.mac}). The session's id is the SHA-256 of the token (hex), so neither the database nor the
 * audit log holds anything that logs in. A value with a wrong MAC is refused before any look-up.
 */
public final class SessionTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** 32 bytes in Base64url without padding. */
    private static final int PART_LENGTH = 43;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public SessionTokens(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A fresh random token. */
    public String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return B64.encodeToString(token);
    }

    /** The cookie value for a token. */
    public String cookieValue(String token) {
        return token + "." + mac(token);
    }

    /** The token of a cookie value whose MAC is right, else null. */
    public String verify(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 2 * PART_LENGTH + 1 || cookieValue.charAt(PART_LENGTH) != '.') {
            return null;
        }
        String token = cookieValue.substring(0, PART_LENGTH);
        byte[] given;
        try {
            given = B64D.decode(cookieValue.substring(PART_LENGTH + 1));
            B64D.decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] expected = macs.get().doFinal(token.getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, given) ? token : null;
    }

    /** The session id of a token: its SHA-256, hex. */
    public static String idOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String mac(String token) {
        return B64.encodeToString(macs.get().doFinal(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
