package io.cuecard.agent.auth;

import java.util.Set;

/**
 * Sessions ended (CDI event, fired synchronously where they were revoked and by every instance's revocation poll):
 * the consoles of these sessions close at once. With {@code basicToo}, the user's consoles that logged in with HTTP
 * Basic (no session) close too: their password, roles or existence changed.
 */
public record SessionsEnded(String username, Set<String> sessionIds, boolean basicToo, String reason) {
}
