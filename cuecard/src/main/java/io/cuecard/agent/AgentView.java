package io.cuecard.agent;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent as the API shows it (never the password). */
public record AgentView(@Schema(required = true) String username, @Schema(required = true) String displayName, String employeeNo,
                        String memberInterface, String extension, @Schema(required = true) List<String> roles,
                        @Schema(enumeration = {"zh-CN", "en"}) String language) {

    static AgentView of(User user, Agent agent) {
        return new AgentView(user.username, user.displayName, agent.employeeNo, agent.memberInterface, agent.extension,
                user.roleList(), user.language);
    }

    public AgentRef ref() {
        return new AgentRef(username, displayName, employeeNo, memberInterface, extension);
    }
}
