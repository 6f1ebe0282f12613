package io.cuecard.agent;

import jakarta.ws.rs.BadRequestException;
import java.util.List;
import java.util.regex.Pattern;

/** Create or change an agent; on change, absent fields stay as they are. */
public record AgentRequest(String username, String password, String displayName, String employeeNo,
                           String memberInterface, String extension, List<String> roles, String language) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9]+/[A-Za-z0-9._@-]{1,90}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9*#+]{0,32}");

    void validateForCreate() {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw bad("username", "lower-case letters, digits, '.', '_' or '-', at most 64");
        }
        if (password == null || password.length() < 5) {
            throw bad("password", "at least 5 characters");
        }
        validateForUpdate();
    }

    void validateForUpdate() {
        if (password != null && password.length() < 5) {
            throw bad("password", "at least 5 characters");
        }
        if (memberInterface != null && !INTERFACE.matcher(memberInterface).matches()) {
            throw bad("memberInterface", "technology/resource, e.g. PJSIP/agent1");
        }
        if (extension != null && !EXTENSION.matcher(extension).matches()) {
            throw bad("extension", "digits, at most 32");
        }
        if (roles != null && (roles.isEmpty() || !User.ROLES.containsAll(roles))) {
            throw bad("roles", "one or more of " + User.ROLES);
        }
        if (language != null && !List.of("zh-CN", "en").contains(language)) {
            throw bad("language", "zh-CN or en");
        }
        if (displayName != null && (displayName.isBlank() || displayName.length() > 100)) {
            throw bad("displayName", "1 to 100 characters");
        }
    }

    List<String> rolesOrDefault() {
        return roles == null ? List.of(User.AGENT) : roles;
    }

    private static BadRequestException bad(String field, String rule) {
        return new BadRequestException("Invalid field '" + field + "': " + rule);
    }
}
