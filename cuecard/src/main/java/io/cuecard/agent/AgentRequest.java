package io.cuecard.agent;

import jakarta.ws.rs.BadRequestException;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create or change an agent; on change, absent fields stay as they are. */
public record AgentRequest(String username, String password, String displayName, String employeeNo,
                           String memberInterface, String extension, List<String> roles,
                           @Schema(enumeration = {"zh-CN", "en"}) String language) {

    /** The shortest password accepted for a new or changed password (and for CUECARD_ADMIN_PASSWORD). */
    public static final int MIN_PASSWORD = 12;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9]+/[A-Za-z0-9._@-]{1,90}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9*#+]{0,32}");

    void validateForCreate() {
        validateForCreate(false);
    }

    /** {@code demo}: a demo user of the simulator/replay modes, whose password is its name (shorter than the rule). */
    void validateForCreate(boolean demo) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw bad("username", "lower-case letters, digits, '.', '_' or '-', at most 64");
        }
        if (password == null) {
            throw bad("password", "at least " + MIN_PASSWORD + " characters");
        }
        if (!demo) {
            checkPassword("password", password);
        }
        validateFields();
    }

    /** Refuses a new password shorter than {@value #MIN_PASSWORD} characters (or longer than bcrypt's 72 bytes). */
    public static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw bad(field, "at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw bad(field, "at most 72 bytes (bcrypt ignores the rest)");
        }
    }

    void validateForUpdate() {
        if (password != null) {
            checkPassword("password", password);
        }
        validateFields();
    }

    private void validateFields() {
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
