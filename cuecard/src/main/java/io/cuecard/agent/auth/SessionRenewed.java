package io.cuecard.agent.auth;

/** A session was replaced by a fresh one of the same user (a password change keeps its own console open). */
public record SessionRenewed(String oldId, String newId) {
}
