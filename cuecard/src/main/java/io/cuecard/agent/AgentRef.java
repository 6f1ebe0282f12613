package io.cuecard.agent;

/**
 * The agent facts the call domain needs: {@code username} is the login and the name calls are logged with,
 * {@code memberInterface} the queue member / endpoint interface (default {@code PJSIP/<username>}),
 * {@code extension} the number colleagues dial (a blind transfer names the extension, not the user).
 */
public record AgentRef(String username, String displayName, String employeeNo, String memberInterface, String extension) {
}
