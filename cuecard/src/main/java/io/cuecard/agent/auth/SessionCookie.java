package io.cuecard.agent.auth;

/**
 * The session cookie {@value #NAME}: HttpOnly, SameSite=Lax, Path=/, Secure when the browser talks HTTPS (directly or
 * through a trusted proxy that says so). A browser-session cookie: the server ends the session (idle and absolute
 * limits), not the cookie's age.
 */
public final class SessionCookie {

    public static final String NAME = "cuecard-session";

    private SessionCookie() {
    }

    /** The {@code Set-Cookie} value that gives the browser a session. */
    public static String set(String value, boolean secure) {
        return NAME + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes it. */
    public static String clear(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
